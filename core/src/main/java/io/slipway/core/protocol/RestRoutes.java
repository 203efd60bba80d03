package io.slipway.core.protocol;

import io.slipway.core.codec.UriTemplate;
import io.slipway.model.runtime.Operation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of rest-protocol services by method and URI template, built once: for each
 * method a list sorted most specific first, so the first template that matches a request wins
 * (a literal segment over a label, a label over a greedy label, required query parts first).
 */
final class RestRoutes {

    record Route(ServiceBinding service, Operation operation, UriTemplate template) {
    }

    /** A route a request matched, with its URI labels (decoded). */
    record Match(Route route, Map<String, String> labels) {
    }

    private static final Comparator<Route> ORDER = Comparator.comparing(Route::template, UriTemplate.MOST_SPECIFIC_FIRST);
    private final Map<String, List<Route>> byMethod = new HashMap<>();
    private final List<Route> all = new ArrayList<>();

    RestRoutes(List<ServiceBinding> services) {
        for (ServiceBinding service : services) {
            for (Operation op : service.model().operations()) {
                if (op.httpMethod() == null || op.requestUri() == null) {
                    continue;
                }
                Route route = new Route(service, op, UriTemplate.parse(op.requestUri()));
                byMethod.computeIfAbsent(op.httpMethod(), m -> new ArrayList<>()).add(route);
                all.add(route);
            }
        }
        byMethod.values().forEach(routes -> routes.sort(ORDER));
        all.sort(ORDER);
    }

    /** The most specific route of the method whose template matches the path and query, or null. */
    Match find(String method, String[] path, Map<String, List<String>> query) {
        return first(byMethod.getOrDefault(method, List.of()), path, query);
    }

    /** Whether any route, of any method, has a template the path fits (query parts aside). */
    boolean anyPathMatches(String[] path) {
        for (Route r : all) {
            if (r.template().match(path) != null) {
                return true;
            }
        }
        return false;
    }

    private static Match first(List<Route> routes, String[] path, Map<String, List<String>> query) {
        for (Route r : routes) {
            Map<String, String> labels = r.template().match(path);
            if (labels != null && r.template().matchesQuery(query)) {
                return new Match(r, labels);
            }
        }
        return null;
    }
}
