package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A function's {@code Events}: each event source expands into the resources SAM generates for it. */
public final class Events {
    /** One event type: adds its resources, answers the managed policy the function's role needs (or null). */
    @FunctionalInterface
    private interface Source {
        String expand(Event event, Expansion out);
    }

    private static final Map<String, Source> SOURCES = Map.ofEntries(
            Map.entry("Schedule", push(RuleEvents::schedule)),
            Map.entry("ScheduleV2", push(RuleEvents::scheduleV2)),
            Map.entry("CloudWatchEvent", push(RuleEvents::pattern)),
            Map.entry("EventBridgeRule", push(RuleEvents::pattern)),
            Map.entry("SQS", PollerEvents::sqs),
            Map.entry("Kinesis", PollerEvents::kinesis),
            Map.entry("DynamoDB", PollerEvents::dynamoDb),
            Map.entry("SNS", NotificationEvents::sns),
            Map.entry("S3", push(NotificationEvents::s3)),
            Map.entry("Api", push(RestApiEvents::api)),
            Map.entry("HttpApi", push(HttpApiEvents::httpApi)));

    private Events() {
    }

    /**
     * The function the events invoke.
     *
     * @param functionArn what SAM points event sources at: the function's ARN, or its alias's when
     *                    AutoPublishAlias is set (an intrinsic, e.g. {@code {"Ref": "FnAliaslive"}})
     */
    public record Target(ServerlessResource function, String functionLogicalId, Object functionArn) {
    }

    /**
     * Adds the resources of the function's events to {@code out}. Events of type {@code Api} and
     * {@code HttpApi} without an explicit API go to the implicit APIs, which {@link #finish} adds.
     *
     * @return the managed policy ARNs the function's generated role needs for them (poller event
     * sources such as SQS), in SAM's order
     */
    public static List<String> expand(Target target, Map<String, Object> events, Expansion out) {
        List<String> policies = new ArrayList<>();
        if (events == null) {
            return policies;
        }
        for (Map.Entry<String, Object> entry : ordered(events)) {
            if (!(entry.getValue() instanceof Map<?, ?> event)) {
                throw ServerlessErrors.invalidResource(target.functionLogicalId(),
                        "Event with id [" + entry.getKey() + "] is invalid. Event should be a map.");
            }
            Object type = event.get("Type");
            Source source = type instanceof String name ? SOURCES.get(name) : null;
            if (source == null) {
                throw ServerlessErrors.invalidResource(target.functionLogicalId(), "Event with id [" + entry.getKey()
                        + "] is invalid. Event type " + type + " is not supported.");
            }
            String policy = source.expand(new Event(target, entry.getKey(), (String) type,
                    properties(target, entry.getKey(), event), List.copyOf(events.keySet())), out);
            if (policy != null && !policies.contains(policy)) {
                policies.add(policy);
            }
        }
        return policies;
    }

    /**
     * Adds what SAM builds once all functions are expanded: the implicit REST API
     * ({@code ServerlessRestApi}, its deployment and {@code Prod} stage) and HTTP API
     * ({@code ServerlessHttpApi} and its {@code $default} stage) from every function's events, and
     * the paths events added to explicit APIs (whose deployments then get their new hash). Call it
     * after every SAM resource of the template is expanded.
     *
     * @param templateResourceIds the logical ids of the template's Resources as written, in order
     * @param globals             merges the template's Globals into the implicit APIs' properties
     */
    public static void finish(Expansion out, Collection<String> templateResourceIds, ImplicitGlobals globals) {
        RestApiEvents.finish(out, templateResourceIds, globals);
        HttpApiEvents.finish(out, templateResourceIds, globals);
    }

    /**
     * The template's Globals for an implicit API: SAM merges Globals.Api and Globals.HttpApi into
     * the implicit APIs as into any it declares.
     */
    @FunctionalInterface
    public interface ImplicitGlobals {
        Map<String, Object> merge(String logicalId, String type, Map<String, Object> properties);

        ImplicitGlobals NONE = (logicalId, type, properties) -> properties;
    }

    /**
     * {@link #finish(Expansion, Collection, ImplicitGlobals)} without the template's resource ids or Globals, taking the
     * expansion's: SAM's order of paths (and so an API's deployment hash) can depend on every
     * logical id of the template, so pass them when they are at hand.
     */
    public static void finish(Expansion out) {
        finish(out, List.copyOf(out.resources().keySet()), ImplicitGlobals.NONE);
    }

    /**
     * SAM handles a function's events sorted by their Path, or their id when they have none, so
     * that an HTTP API's {@code $default} route comes before the others.
     */
    private static List<Map.Entry<String, Object>> ordered(Map<String, Object> events) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>(events.entrySet());
        entries.sort(Comparator.comparing(Events::sortKey));
        return entries;
    }

    private static String sortKey(Map.Entry<String, Object> entry) {
        if (entry.getValue() instanceof Map<?, ?> event) {
            Map<?, ?> properties = event.get("Properties") instanceof Map<?, ?> map ? map : Map.of();
            if (properties.get("Path") instanceof String path) {
                return path;
            }
            if ("HttpApi".equals(event.get("Type")) && properties.get("Method") == null) {
                return HttpApiEvents.DEFAULT_PATH;
            }
        }
        return entry.getKey();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Target target, String id, Map<?, ?> event) {
        Object properties = event.get("Properties");
        if (properties == null) {
            return new LinkedHashMap<>();
        }
        if (!(properties instanceof Map<?, ?> map)) {
            throw ServerlessErrors.invalidResource(target.functionLogicalId(),
                    "Event with id [" + id + "] is invalid. Property 'Properties' should be a map.");
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    private static Source push(java.util.function.BiConsumer<Event, Expansion> expander) {
        return (event, out) -> {
            expander.accept(event, out);
            return null;
        };
    }
}
