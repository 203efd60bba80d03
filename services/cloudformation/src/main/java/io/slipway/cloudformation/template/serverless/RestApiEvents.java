package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.serverless.ApiBook.FunctionEvents;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code Api} events. Each is checked and recorded when its function is expanded; {@link #finish}
 * then does what SAM does across functions: builds the implicit API {@code ServerlessRestApi} (stage
 * {@code Prod}) and the managed definitions of explicit APIs from every event (first each event's
 * path and method, functions and events in SAM's Python 2.7 dict order; then each function's Lambda
 * integrations), writes the APIs, and adds the permission {@code <Fn><EventId>Permission<Stage>}
 * for each event.
 */
final class RestApiEvents {
    static final String IMPLICIT = "ServerlessRestApi";
    private static final String IMPLICIT_HTTP = "ServerlessHttpApi";

    private RestApiEvents() {
    }

    static void api(Event event, Expansion out) {
        event.requireStrings("Path", "Method");
        for (String name : List.of("Auth", "RequestModel", "RequestParameters")) {
            if (event.get(name) != null) {
                throw event.invalid("Property '" + name + "' of Api events is not supported by Slipway's SAM transform yet.");
            }
        }
        apiId(event);
        ApiBook.add(ApiBook.of(out).restFunctions, event);
    }

    /** The API an event names: its RestApiId (a Ref or a logical id), or the implicit API. */
    static String apiId(Event event) {
        Object restApiId = event.get("RestApiId");
        if (restApiId == null) {
            return IMPLICIT;
        }
        if (restApiId instanceof String id) {
            return id;
        }
        if (restApiId instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") instanceof String id) {
            return id;
        }
        if (restApiId instanceof Map<?, ?>) {
            throw event.invalid("Property 'RestApiId' should be a string.");
        }
        throw event.invalid("RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in same template.");
    }

    static void finish(Expansion out, Collection<String> templateResourceIds, Events.ImplicitGlobals globals) {
        ApiBook book = ApiBook.of(out);
        if (book.restFunctions.isEmpty()) {
            return;
        }
        Map<String, FunctionEvents> functions = new LinkedHashMap<>();
        book.restFunctions.forEach(f -> functions.put(f.target().functionLogicalId(), f));

        // SAM's template, as its implicit API plugin walks it, holds the implicit APIs too
        LinkedHashSet<String> ids = new LinkedHashSet<>(templateResourceIds);
        ids.addAll(functions.keySet());
        ids.add(IMPLICIT);
        List<String> pathOrder = order(ids);
        ids.add(IMPLICIT_HTTP);
        List<String> integrationOrder = order(ids);

        Map<String, Py27Dict> definitions = new LinkedHashMap<>();
        Map<String, Boolean> managed = new LinkedHashMap<>();
        for (FunctionEvents function : book.restFunctions) {
            for (Event event : function.events()) {
                String apiId = apiId(event);
                if (managed.containsKey(apiId)) {
                    continue;
                }
                ServerlessResource api = book.restApis.get(apiId);
                if (IMPLICIT.equals(apiId) && api == null) {
                    managed.put(apiId, true);
                    definitions.put(apiId, Swagger.skeleton());
                } else if (api == null) {
                    throw event.invalid("RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in same template.");
                } else {
                    managed.put(apiId, RestApis.managed(api));
                    definitions.put(apiId, RestApis.definition(api));
                }
            }
        }

        // first the plugin's pass: each event's path and method
        for (String functionId : pathOrder) {
            FunctionEvents function = functions.get(functionId);
            if (function == null) {
                continue;
            }
            for (String eventId : order(function.eventIds())) {
                Event event = eventOf(function, eventId);
                if (event != null && managed.get(apiId(event))) {
                    String apiId = apiId(event);
                    definitions.put(apiId, Swagger.addPath(definitions.get(apiId), (String) event.get("Path"), (String) event.get("Method")));
                }
            }
        }
        for (String apiId : order(definitions.keySet())) {
            if (managed.get(apiId)) {
                definitions.put(apiId, Swagger.untouched(definitions.get(apiId)));
            }
        }
        // SAM's Globals step then marks managed definitions with their OpenApiVersion
        for (String apiId : definitions.keySet()) {
            if (managed.get(apiId)) {
                ServerlessResource api = book.restApis.get(apiId);
                RestApis.withOpenApiVersion(definitions.get(apiId), api != null ? api.properties() : implicitProperties(globals));
            }
        }
        // then each function's translation: permissions and integrations
        Map<String, StringBuilder> functionNames = new LinkedHashMap<>();
        for (String functionId : integrationOrder) {
            FunctionEvents function = functions.get(functionId);
            if (function == null) {
                continue;
            }
            for (Event event : function.events()) {
                String apiId = apiId(event);
                ServerlessResource api = book.restApis.get(apiId);
                permission(event, out, api == null ? "Prod" : RestApis.permissionSuffix(api));
                if (managed.get(apiId)) {
                    String path = (String) event.get("Path");
                    String method = (String) event.get("Method");
                    if (Swagger.hasIntegration(definitions.get(apiId), path, method)) {
                        throw event.invalid("API method \"" + method.toLowerCase(java.util.Locale.ROOT)
                                + "\" defined multiple times for path \"" + path + "\".");
                    }
                    boolean streaming = "RESPONSE_STREAM".equals(event.get("ResponseTransferMode"));
                    definitions.put(apiId, Swagger.addLambdaIntegration(definitions.get(apiId), path, method,
                            Swagger.lambdaUri(event.target().functionArn(), streaming), streaming, event.get("TimeoutInMillis")));
                }
                // SAM redeploys an API when the names of its functions change: it hashes them, parameters resolved
                Object functionName = out.resolveParameters(event.target().function().property("FunctionName"));
                if (functionName != null && !"".equals(functionName)) {
                    functionNames.computeIfAbsent(apiId, k -> new StringBuilder()).append(
                            functionName instanceof String name ? name : Py27Dict.str(Py27Dict.fromTemplate(functionName)));
                }
            }
        }

        for (Map.Entry<String, Py27Dict> entry : definitions.entrySet()) {
            String apiId = entry.getKey();
            ServerlessResource api = book.restApis.get(apiId);
            Map<String, Object> properties = api == null ? implicitProperties(globals) : api.properties();
            String names = functionNames.containsKey(apiId) ? functionNames.get(apiId).toString() : "";
            Map<String, Object> attributes = api == null ? implicitAttributes(book.restFunctions, e -> IMPLICIT.equals(apiId(e))) : Map.of();
            RestApis.write(out, apiId, properties, api, attributes, entry.getValue(), names);
        }
    }

    /** The implicit API's properties: stage Prod, and the template's Globals.Api. */
    private static Map<String, Object> implicitProperties(Events.ImplicitGlobals globals) {
        return globals.merge(IMPLICIT, ServerlessTypes.API, new LinkedHashMap<>(Map.of("StageName", "Prod")));
    }

    /**
     * The Lambda permission for API Gateway: any stage ({@code *}) of the API may call the method
     * and path, named after the API's stage.
     */
    private static void permission(Event event, Expansion out, String stage) {
        String path = ((String) event.get("Path")).replaceAll("^(.+)/$", "$1")
                .replaceAll("\\{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\\+|proxy\\+)}", "*");
        String method = (String) event.get("Method");
        method = "any".equalsIgnoreCase(method) ? "*" : method.toUpperCase(java.util.Locale.ROOT);
        Object restApiId = event.get("RestApiId") != null ? event.get("RestApiId") : Map.of("Ref", IMPLICIT);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("__ApiId__", restApiId);
        variables.put("__Stage__", "*");
        Object sourceArn = Map.of("Fn::Sub", List.of(
                "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/" + method + path, variables));
        String prefix = event.logicalId() + "Permission";
        String id = LogicalIds.alphanumeric(stage) ? prefix + stage : LogicalIds.generate(prefix, stage);
        event.permission(out, id, "apigateway.amazonaws.com", sourceArn, null);
    }

    /**
     * The implicit API's attributes, from the functions whose events it serves: Retain (else
     * Delete, or Snapshot before Delete for UpdateReplacePolicy) when any function has it, and the
     * functions' Condition when they all share one. UNVERIFIED: functions with different conditions
     * make SAM add a combined condition (ServerlessRestApiCondition), which Slipway does not write,
     * leaving the API unconditional.
     */
    static Map<String, Object> implicitAttributes(List<FunctionEvents> functions, java.util.function.Predicate<Event> implicit) {
        List<ServerlessResource> serving = new ArrayList<>();
        for (FunctionEvents function : functions) {
            if (function.events().stream().anyMatch(implicit)) {
                serving.add(function.target().function());
            }
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        java.util.Set<Object> conditions = new java.util.HashSet<>();
        boolean allConditional = !serving.isEmpty();
        for (ServerlessResource function : serving) {
            Object condition = function.attributes().get("Condition");
            allConditional &= condition != null;
            conditions.add(condition);
        }
        if (allConditional && conditions.size() == 1) {
            attributes.put("Condition", conditions.iterator().next());
        }
        strongest(serving, "DeletionPolicy", List.of("Retain", "Delete"), attributes);
        strongest(serving, "UpdateReplacePolicy", List.of("Retain", "Snapshot", "Delete"), attributes);
        return attributes;
    }

    private static void strongest(List<ServerlessResource> functions, String name, List<String> ranking, Map<String, Object> into) {
        for (String policy : ranking) {
            if (functions.stream().anyMatch(f -> policy.equals(f.attributes().get(name)))) {
                into.put(name, policy);
                return;
            }
        }
    }

    private static Event eventOf(FunctionEvents function, String eventId) {
        for (Event event : function.events()) {
            if (event.id().equals(eventId)) {
                return event;
            }
        }
        return null;
    }

    /** Keys in the order a Python 2.7 dict built by inserting them in this order iterates them. */
    static List<String> order(Collection<String> keys) {
        Py27Dict dict = new Py27Dict();
        keys.forEach(key -> dict.putUnicode(key, null));
        return new ArrayList<>(dict.keys());
    }
}
