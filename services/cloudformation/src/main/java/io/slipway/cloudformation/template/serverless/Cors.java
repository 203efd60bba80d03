package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.serverless.Py27Dict.Plain;
import io.slipway.cloudformation.template.serverless.Py27Dict.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An API's {@code Cors}: SAM answers the browser's preflight itself, adding to every path of the
 * definition an OPTIONS method with a mock integration that returns the Access-Control-* headers
 * (the function's own responses must carry the origin header, since SAM's integrations are proxies).
 */
final class Cors {
    private static final String WILDCARD = "'*'";
    private static final List<String> KEYS = List.of("AllowMethods", "AllowHeaders", "AllowOrigin", "MaxAge", "AllowCredentials");
    private static final List<String> ALL_METHODS = List.of("OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH");
    private static final String HEADER = "method.response.header.";

    private Cors() {
    }

    /** The definition with the preflight methods, on a copy as SAM's editor works, or SAM's error. */
    static Py27Dict add(String apiId, Py27Dict definition, Object cors) {
        if (definition == null) {
            throw ServerlessErrors.invalidResource(apiId, "Cors works only with inline Swagger specified in 'DefinitionBody' property.");
        }
        Object origin;
        Object headers = null;
        Object methods = null;
        Object maxAge = null;
        Object credentials = false;
        if (cors instanceof String || cors instanceof Map<?, ?> map && map.size() == 1 && String.valueOf(map.keySet().iterator().next()).matches("Ref|Fn::.*")) {
            origin = cors;
        } else if (cors instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw ServerlessErrors.invalidResource(apiId, "Invalid key '" + key + "' for 'Cors' property.");
                }
            }
            origin = map.get("AllowOrigin") != null ? map.get("AllowOrigin") : null;
            headers = map.get("AllowHeaders");
            methods = map.get("AllowMethods");
            maxAge = map.get("MaxAge");
            credentials = map.containsKey("AllowCredentials") ? map.get("AllowCredentials") : false;
            if (!map.containsKey("AllowOrigin")) {
                origin = WILDCARD;
            }
        } else {
            throw ServerlessErrors.invalidResource(apiId, "Invalid value for 'Cors' property");
        }
        if (Boolean.TRUE.equals(credentials) && WILDCARD.equals(origin)) {
            throw ServerlessErrors.invalidResource(apiId, "Unable to add Cors configuration because 'AllowCredentials' can not "
                    + "be true when 'AllowOrigin' is \"'*'\" or not set");
        }
        // the default origin is SAM's own string; the others come from the template
        Object originValue = WILDCARD.equals(origin) && !(cors instanceof String) && !(cors instanceof Map<?, ?> m && m.containsKey("AllowOrigin"))
                ? Text.plain(WILDCARD) : Py27Dict.fromTemplate(origin);
        Py27Dict copy = definition.deepCopy();
        Py27Dict paths = (Py27Dict) copy.get("paths");
        Set<String> done = new HashSet<>();
        for (String path : paths.keys()) {
            String normalized = "/".equals(path) ? path : path.replaceAll("/+$", "");
            if (!done.add(normalized) || !(paths.get(path) instanceof Py27Dict item) || item.has("options")) {
                continue;
            }
            if (origin == null || "".equals(origin)) {
                throw ServerlessErrors.invalidResource(apiId, "Invalid input. Value for AllowedOrigins is required");
            }
            Object allowed = methods != null && !"".equals(methods) ? Py27Dict.fromTemplate(methods) : Text.plain("'" + methodsOf(item) + "'");
            item.put("options", preflight(originValue, headers, allowed, maxAge, Boolean.TRUE.equals(credentials)));
        }
        return copy.deepCopy();
    }

    /** Every method of the path and OPTIONS (all of them for ANY), upper case, sorted, comma separated. */
    private static String methodsOf(Py27Dict item) {
        List<String> methods = new ArrayList<>(item.keys());
        TreeSet<String> allowed = new TreeSet<>();
        if (methods.contains(Swagger.ANY_METHOD)) {
            allowed.addAll(ALL_METHODS);
        } else {
            methods.add("options");
            methods.forEach(m -> allowed.add(m.toUpperCase(Locale.ROOT)));
        }
        return String.join(",", allowed);
    }

    private static Py27Dict preflight(Object origin, Object headers, Object methods, Object maxAge, boolean credentials) {
        Py27Dict parameters = new Py27Dict().put(HEADER + "Access-Control-Allow-Origin", origin);
        Py27Dict responseHeaders = new Py27Dict().put("Access-Control-Allow-Origin", Plain.of("type", "string"));
        if (headers != null && !"".equals(headers)) {
            parameters.put(HEADER + "Access-Control-Allow-Headers", Py27Dict.fromTemplate(headers));
            responseHeaders.put("Access-Control-Allow-Headers", Plain.of("type", "string"));
        }
        parameters.put(HEADER + "Access-Control-Allow-Methods", methods);
        responseHeaders.put("Access-Control-Allow-Methods", Plain.of("type", "string"));
        if (maxAge != null) {
            parameters.put(HEADER + "Access-Control-Max-Age", Py27Dict.fromTemplate(maxAge));
            responseHeaders.put("Access-Control-Max-Age", Plain.of("type", "integer"));
        }
        if (credentials) {
            parameters.put(HEADER + "Access-Control-Allow-Credentials", Text.plain("'true'"));
            responseHeaders.put("Access-Control-Allow-Credentials", Plain.of("type", "string"));
        }
        Py27Dict integration = new Py27Dict()
                .put("type", Text.plain("mock"))
                .put("requestTemplates", Plain.of("application/json", "{\n  \"statusCode\" : 200\n}\n"))
                .put("responses", new Py27Dict().put("default", new Py27Dict()
                        .put("statusCode", Text.plain("200"))
                        .put("responseParameters", parameters)
                        .put("responseTemplates", Plain.of("application/json", "{}\n"))));
        return new Py27Dict()
                .put("summary", Text.plain("CORS support"))
                .put("consumes", List.of(Text.plain("application/json")))
                .put("produces", List.of(Text.plain("application/json")))
                .put(Swagger.INTEGRATION, integration)
                .put("responses", new Py27Dict().put("200", new Py27Dict()
                        .put("description", Text.plain("Default response for CORS method"))
                        .put("headers", responseHeaders)));
    }
}
