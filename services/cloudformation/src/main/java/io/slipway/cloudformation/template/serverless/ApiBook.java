package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What the API event sources and the API expanders of one expansion share until
 * {@link Events#finish}: SAM builds an API's definition from the events of every function, so the
 * API resources can only be written once all functions are known. Kept beside the
 * {@link Expansion} (by identity, released with it) since the expansion is the one object the
 * transform passes to every expander.
 */
final class ApiBook {
    private static final Map<Expansion, ApiBook> BOOKS = Collections.synchronizedMap(new WeakHashMap<>());

    /** A function that has events of an API type, with the ids of all its events in template order. */
    record FunctionEvents(Events.Target target, List<String> eventIds, List<Event> events) {
    }

    /** Explicit {@code AWS::Serverless::Api} resources, by logical id. */
    final Map<String, ServerlessResource> restApis = new LinkedHashMap<>();
    /** Explicit {@code AWS::Serverless::HttpApi} resources, by logical id. */
    final Map<String, ServerlessResource> httpApis = new LinkedHashMap<>();
    /** Functions with Api events, in the order they were expanded. */
    final List<FunctionEvents> restFunctions = new ArrayList<>();
    /** Functions with HttpApi events, in the order they were expanded. */
    final List<FunctionEvents> httpFunctions = new ArrayList<>();
    /** The resources written for each API so far (replaced when finish writes them again). */
    final Map<String, List<String>> written = new LinkedHashMap<>();

    static ApiBook of(Expansion out) {
        return BOOKS.computeIfAbsent(out, key -> new ApiBook());
    }

    /** Records that {@code apiId}'s resources are {@code ids}, dropping what was written for it before. */
    void rewrite(Expansion out, String apiId, List<String> ids) {
        List<String> before = written.put(apiId, ids);
        if (before != null) {
            before.stream().filter(id -> !ids.contains(id)).forEach(id -> out.resources().remove(id));
        }
    }

    static void add(List<FunctionEvents> functions, Event event) {
        for (FunctionEvents function : functions) {
            if (function.target().functionLogicalId().equals(event.target().functionLogicalId())) {
                function.events().add(event);
                return;
            }
        }
        List<Event> events = new ArrayList<>();
        events.add(event);
        functions.add(new FunctionEvents(event.target(), event.functionEventIds(), events));
    }
}
