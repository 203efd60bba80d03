package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.serverless.ApiBook.FunctionEvents;
import io.slipway.cloudformation.template.serverless.HttpApis.OpenApi;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code HttpApi} events: checked and recorded when the function is expanded; {@link #finish} adds
 * each route's Lambda integration (payload format 2.0) to the implicit API {@code ServerlessHttpApi}
 * or the explicit API named by {@code ApiId}, and the permission {@code <Fn><EventId>Permission}
 * (none for a function's other routes once its {@code $default} route has one, as SAM does).
 */
final class HttpApiEvents {
    static final String IMPLICIT = "ServerlessHttpApi";
    static final String DEFAULT_PATH = "$default";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(.*?)}");

    private HttpApiEvents() {
    }

    static void httpApi(Event event, Expansion out) {
        if (event.get("Path") == null && event.get("Method") == null) {
            // an event without a route is the API's $default route, for any method
            event.properties().put("Path", DEFAULT_PATH);
            event.properties().put("Method", OpenApi.ANY_METHOD);
        }
        event.requireStrings("Path", "Method");
        if (event.get("Auth") != null) {
            throw event.invalid("Property 'Auth' of HttpApi events is not supported by Slipway's SAM transform yet.");
        }
        apiId(event);
        ApiBook.add(ApiBook.of(out).httpFunctions, event);
    }

    static String apiId(Event event) {
        Object apiId = event.get("ApiId");
        if (apiId == null) {
            return IMPLICIT;
        }
        if (apiId instanceof String id) {
            return id;
        }
        if (apiId instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") instanceof String id) {
            return id;
        }
        throw event.invalid("ApiId must be a valid reference to an 'AWS::Serverless::HttpApi' resource in same template.");
    }

    static void finish(Expansion out, Collection<String> templateResourceIds, Events.ImplicitGlobals globals) {
        ApiBook book = ApiBook.of(out);
        if (book.httpFunctions.isEmpty()) {
            return;
        }
        Map<String, FunctionEvents> functions = new LinkedHashMap<>();
        book.httpFunctions.forEach(f -> functions.put(f.target().functionLogicalId(), f));
        List<String> ids = new ArrayList<>(templateResourceIds);
        functions.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);

        Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
        Map<String, Boolean> managed = new LinkedHashMap<>();
        for (FunctionEvents function : book.httpFunctions) {
            for (Event event : function.events()) {
                String apiId = apiId(event);
                if (bodies.containsKey(apiId)) {
                    continue;
                }
                ServerlessResource api = book.httpApis.get(apiId);
                if (api == null && !IMPLICIT.equals(apiId)) {
                    throw event.invalid("ApiId must be a valid reference to an 'AWS::Serverless::HttpApi' resource in same template.");
                }
                managed.put(apiId, api == null || (api.property("DefinitionBody") == null && api.property("DefinitionUri") == null));
                bodies.put(apiId, api == null ? OpenApi.skeleton() : HttpApis.definition(api));
            }
        }
        // SAM translates functions in its template order (Python 2.7 dict order), each function's events sorted by path
        for (String functionId : RestApiEvents.order(ids)) {
            FunctionEvents function = functions.get(functionId);
            if (function == null) {
                continue;
            }
            for (Event event : function.events()) {
                String apiId = apiId(event);
                Map<String, Object> body = bodies.get(apiId);
                permission(event, out, body);
                if (body != null) {
                    integrate(event, body, managed.get(apiId));
                }
            }
        }
        for (Map.Entry<String, Map<String, Object>> entry : bodies.entrySet()) {
            String apiId = entry.getKey();
            ServerlessResource api = book.httpApis.get(apiId);
            Map<String, Object> attributes = api == null
                    ? RestApiEvents.implicitAttributes(book.httpFunctions, e -> IMPLICIT.equals(apiId(e))) : Map.of();
            Map<String, Object> properties = api == null
                    ? globals.merge(IMPLICIT, ServerlessTypes.HTTP_API, new LinkedHashMap<>()) : api.properties();
            HttpApis.write(out, apiId, properties, api, attributes, entry.getValue());
        }
    }

    private static void permission(Event event, Expansion out, Map<String, Object> body) {
        String path = ((String) event.get("Path")).replaceAll("^(.+)/$", "$1");
        String method = ((String) event.get("Method")).toLowerCase(Locale.ROOT);
        if (DEFAULT_PATH.equals(path)) {
            path = "";
        } else if (body != null && defaultRouteInvokes(body, event.target().functionLogicalId())) {
            // the function's $default route already lets every route of the API invoke it
            return;
        }
        path = path.replaceAll("\\{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\\+|proxy\\+)}", "*");
        boolean any = "any".equals(method) || OpenApi.ANY_METHOD.equals(method);
        String resource = "${__ApiId__}/${__Stage__}";
        resource += "any".equals(method) && ("/" + DEFAULT_PATH).equals(path) ? path : "/" + (any ? "*" : method.toUpperCase(Locale.ROOT)) + path;
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("__ApiId__", event.get("ApiId") != null ? event.get("ApiId") : Map.of("Ref", IMPLICIT));
        variables.put("__Stage__", "*");
        event.permission(out, event.logicalId() + "Permission", "apigateway.amazonaws.com", Map.of("Fn::Sub", List.of(
                "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:" + resource, variables)), null);
    }

    /** Whether the definition's $default route (any method) integrates the function. */
    private static boolean defaultRouteInvokes(Map<String, Object> body, String functionLogicalId) {
        if (body.get("paths") instanceof Map<?, ?> paths && paths.get(DEFAULT_PATH) instanceof Map<?, ?> item
                && item.get(OpenApi.ANY_METHOD) instanceof Map<?, ?> operation
                && operation.get(OpenApi.INTEGRATION) instanceof Map<?, ?> integration
                && integration.get("uri") instanceof Map<?, ?> uri && uri.get("Fn::Sub") instanceof String sub) {
            return sub.contains("${" + functionLogicalId + ".Arn}") || sub.contains("${" + functionLogicalId + "}");
        }
        return false;
    }

    private static void integrate(Event event, Map<String, Object> body, boolean managed) {
        String path = (String) event.get("Path");
        String method = Swagger.method((String) event.get("Method")).value();
        Map<String, Object> paths = OpenApi.child(body, "paths");
        boolean exists = paths.get(path) instanceof Map<?, ?> item && item.get(method) instanceof Map<?, ?> operation
                && operation.containsKey(OpenApi.INTEGRATION);
        if (exists && managed) {
            throw event.invalid("API method '" + ((String) event.get("Method")).toLowerCase(Locale.ROOT)
                    + "' defined multiple times for path '" + path + "'.");
        }
        Map<String, Object> operation = OpenApi.child(OpenApi.child(paths, path), method);
        if (!exists) {
            Map<String, Object> integration = new LinkedHashMap<>();
            integration.put("type", "aws_proxy");
            integration.put("httpMethod", "POST");
            integration.put("payloadFormatVersion", "2.0");
            integration.put("uri", Map.of("Fn::Sub", "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
                    + shorthand(event.target().functionArn()) + "/invocations"));
            operation.put(OpenApi.INTEGRATION, integration);
            if (DEFAULT_PATH.equals(path) && OpenApi.ANY_METHOD.equals(method)) {
                operation.put("isDefaultRoute", true);
            }
            operation.putIfAbsent("responses", new LinkedHashMap<String, Object>());
        }
        Map<String, Object> integration = OpenApi.child(operation, OpenApi.INTEGRATION);
        if (event.get("TimeoutInMillis") != null) {
            integration.put("timeoutInMillis", event.get("TimeoutInMillis"));
        }
        if (event.get("PayloadFormatVersion") != null) {
            integration.put("payloadFormatVersion", event.get("PayloadFormatVersion"));
        }
        Matcher parameters = PATH_PARAMETER.matcher(path);
        while (parameters.find()) {
            addPathParameter(operation, parameters.group(1));
        }
    }

    @SuppressWarnings("unchecked")
    private static void addPathParameter(Map<String, Object> operation, String name) {
        List<Object> parameters = operation.get("parameters") instanceof List<?> list ? (List<Object>) list : new ArrayList<>();
        operation.put("parameters", parameters);
        for (Object parameter : parameters) {
            if (parameter instanceof Map<?, ?> map && name.equals(map.get("name"))) {
                ((Map<String, Object>) map).put("in", "path");
                ((Map<String, Object>) map).put("required", true);
                return;
            }
        }
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("name", name);
        parameter.put("in", "path");
        parameter.put("required", true);
        parameters.add(parameter);
    }

    private static String shorthand(Object functionArn) {
        if (functionArn instanceof Map<?, ?> arn && arn.get("Fn::GetAtt") instanceof List<?> getAtt && getAtt.size() == 2) {
            return "${" + getAtt.get(0) + "." + getAtt.get(1) + "}";
        }
        if (functionArn instanceof Map<?, ?> ref && ref.get("Ref") instanceof String id) {
            return "${" + id + "}";
        }
        return String.valueOf(functionArn);
    }
}
