package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code AWS::Serverless::HttpApi}: an {@code AWS::ApiGatewayV2::Api} with its OpenAPI definition
 * (DefinitionBody, DefinitionUri, or the one SAM builds from the HttpApi events naming the API),
 * tagged {@code httpapi:createdBy: SAM}, and an auto-deployed stage ({@code $default} unless
 * StageName says otherwise) named {@code <Api>ApiGatewayDefaultStage} or {@code <Api><StageName>Stage}.
 * Written at once; {@link Events#finish} writes it again with the events' routes.
 */
public final class HttpApis implements ResourceExpander {
    public static final ResourceExpander EXPANDER = new HttpApis();

    static final String TAG = "httpapi:createdBy";
    private static final String DEFAULT_STAGE = "$default";
    private static final List<String> UNSUPPORTED = List.of("Auth", "CorsConfiguration", "Domain",
            "DisableExecuteApiEndpoint");

    @Override
    public void expand(ServerlessResource resource, Expansion out) {
        ApiBook.of(out).httpApis.put(resource.logicalId(), resource);
        write(out, resource.logicalId(), resource.properties(), resource, Map.of(), definition(resource));
    }

    /** The definition events add routes to: the API's own DefinitionBody, else a managed skeleton (null with DefinitionUri). */
    static Map<String, Object> definition(ServerlessResource api) {
        Object body = api.property("DefinitionBody");
        if (body instanceof Map<?, ?> map) {
            return OpenApi.copy(map);
        }
        return api.property("DefinitionUri") == null ? OpenApi.skeleton() : null;
    }

    static void write(Expansion out, String apiId, Map<String, Object> properties, ServerlessResource from,
                      Map<String, Object> attributes, Map<String, Object> body) {
        for (String name : UNSUPPORTED) {
            if (properties.get(name) != null) {
                throw ServerlessErrors.invalidResource(apiId, "Property '" + name + "' of AWS::Serverless::HttpApi is not "
                        + "supported by Slipway's SAM transform yet.");
            }
        }
        if (properties.get("DefinitionUri") != null && properties.get("DefinitionBody") != null) {
            throw ServerlessErrors.invalidResource(apiId, "Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.");
        }
        Map<String, Object> tags = new LinkedHashMap<>();
        if (properties.get("Tags") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> tags.put(String.valueOf(k), v));
        }
        Map<String, Object> api = new LinkedHashMap<>();
        if (body != null && !OpenApi.valid(body)) {
            // a definition SAM cannot read (an intrinsic such as Fn::If) is passed on untouched
            if (properties.get("Tags") != null) {
                throw ServerlessErrors.invalidResource(apiId,
                        "Unable to add `Tags` because 'DefinitionBody' does not contain a valid OpenApi definition.");
            }
        } else if (body != null) {
            tags.put(TAG, "SAM");
            OpenApi.addTags(body, tags);
            if (properties.get("Name") != null) {
                OpenApi.setInfo(apiId, body, "title", properties.get("Name"), "Name");
            }
            if (properties.get("Description") != null) {
                OpenApi.setInfo(apiId, body, "description", properties.get("Description"), "Description");
            }
            if (Boolean.TRUE.equals(properties.get("FailOnWarnings")) && body.get("paths") instanceof Map<?, ?> paths
                    && paths.containsKey(DEFAULT_STAGE)) {
                // API Gateway warns about a path without its leading slash; SAM renames it when warnings fail
                @SuppressWarnings("unchecked")
                Map<String, Object> mutable = (Map<String, Object>) paths;
                mutable.put("/" + DEFAULT_STAGE, mutable.remove(DEFAULT_STAGE));
            }
        } else if (properties.get("Tags") != null || properties.get("Name") != null || properties.get("Description") != null) {
            String name = properties.get("Tags") != null ? "Tags" : properties.get("Name") != null ? "Name" : "Description";
            throw ServerlessErrors.invalidResource(apiId, name + " works only with inline OpenApi specified in the 'DefinitionBody' property.");
        }
        if (properties.get("FailOnWarnings") != null) {
            api.put("FailOnWarnings", properties.get("FailOnWarnings"));
        }
        if (properties.get("DefinitionUri") != null) {
            api.put("BodyS3Location", bodyS3Location(apiId, properties.get("DefinitionUri")));
        } else if (body != null) {
            api.put("Body", body);
        } else {
            throw ServerlessErrors.invalidResource(apiId, "'DefinitionUri' or 'DefinitionBody' are required properties of an "
                    + "'AWS::Serverless::HttpApi'. Add a value for one of these properties or add a 'HttpApi' event to an "
                    + "'AWS::Serverless::Function'.");
        }

        Object stageName = properties.get("StageName") != null && !"".equals(properties.get("StageName"))
                ? properties.get("StageName") : DEFAULT_STAGE;
        String prefix = stageName instanceof String name ? name : "";
        String stageId = LogicalIds.alphanumeric(prefix) ? apiId + prefix + "Stage"
                : DEFAULT_STAGE.equals(prefix) ? apiId + "ApiGatewayDefaultStage" : LogicalIds.generate(apiId + "Stage", prefix);
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("ApiId", Map.of("Ref", apiId));
        stage.put("StageName", stageName);
        put(stage, "StageVariables", properties.get("StageVariables"));
        put(stage, "AccessLogSettings", properties.get("AccessLogSettings"));
        put(stage, "DefaultRouteSettings", properties.get("DefaultRouteSettings"));
        if (!tags.isEmpty()) {
            stage.put("Tags", tags);
        }
        stage.put("AutoDeploy", true);
        put(stage, "RouteSettings", properties.get("RouteSettings"));

        ApiBook.of(out).rewrite(out, apiId, List.of(apiId, stageId));
        out.resources().remove(apiId);
        Event.withDependsOn(Event.passThrough(out.add(apiId, "AWS::ApiGatewayV2::Api", api, null), from), from).putAll(attributes);
        out.resources().remove(stageId);
        Event.passThrough(out.add(stageId, "AWS::ApiGatewayV2::Stage", stage, null), from).putAll(attributes);
    }

    private static Map<String, Object> bodyS3Location(String apiId, Object uri) {
        Map<String, Object> location = new LinkedHashMap<>();
        if (uri instanceof Map<?, ?> map) {
            if (map.get("Bucket") == null || map.get("Key") == null) {
                throw ServerlessErrors.invalidResource(apiId, "'DefinitionUri' requires Bucket and Key properties to be specified.");
            }
            location.put("Bucket", map.get("Bucket"));
            location.put("Key", map.get("Key"));
            put(location, "Version", map.get("Version"));
            return location;
        }
        String text = uri instanceof String s ? s : "";
        int slash = text.startsWith("s3://") ? text.indexOf('/', 5) : -1;
        if (slash < 0 || slash == 5 || slash == text.length() - 1) {
            throw ServerlessErrors.invalidResource(apiId, "'DefinitionUri' is not a valid S3 Uri of the form "
                    + "'s3://bucket/key' with optional versionId query parameter.");
        }
        String key = text.substring(slash + 1);
        String version = null;
        int query = key.indexOf("?versionId=");
        if (query >= 0) {
            version = key.substring(query + "?versionId=".length());
            key = key.substring(0, query);
        }
        location.put("Bucket", text.substring(5, slash));
        location.put("Key", key);
        put(location, "Version", version);
        return location;
    }

    private static void put(Map<String, Object> into, String name, Object value) {
        if (value != null) {
            into.put(name, value);
        }
    }

    /** The OpenAPI 3 document SAM manages for an HTTP API, as plain maps (no hash depends on its order). */
    static final class OpenApi {
        static final String ANY_METHOD = Swagger.ANY_METHOD;
        static final String INTEGRATION = Swagger.INTEGRATION;

        private OpenApi() {
        }

        static Map<String, Object> skeleton() {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("version", "1.0");
            info.put("title", Map.of("Ref", "AWS::StackName"));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("openapi", "3.0.1");
            doc.put("info", info);
            doc.put("paths", new LinkedHashMap<String, Object>());
            return doc;
        }

        /** Whether SAM's OpenAPI editor accepts the document: an {@code openapi} version 3.x and a map of paths. */
        static boolean valid(Map<String, Object> body) {
            return body.get("openapi") instanceof String version && version.matches("3(\\.\\d)(\\.\\d)?")
                    && body.get("paths") instanceof Map<?, ?>;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> copy(Map<?, ?> map) {
            return (Map<String, Object>) deep(map);
        }

        private static Object deep(Object value) {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), deep(v)));
                return copy;
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                list.forEach(item -> copy.add(deep(item)));
                return copy;
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> child(Map<String, Object> parent, String key) {
            return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
        }

        @SuppressWarnings("unchecked")
        static void addTags(Map<String, Object> body, Map<String, Object> tags) {
            List<Object> list = body.get("tags") instanceof List<?> existing ? new ArrayList<>(existing) : new ArrayList<>();
            tags.forEach((name, value) -> {
                for (Object tag : list) {
                    if (tag instanceof Map<?, ?> map && name.equals(map.get("name"))) {
                        ((Map<String, Object>) map).put("x-amazon-apigateway-tag-value", value);
                        return;
                    }
                }
                Map<String, Object> tag = new LinkedHashMap<>();
                tag.put("name", name);
                tag.put("x-amazon-apigateway-tag-value", value);
                list.add(tag);
            });
            body.put("tags", list);
        }

        /** Name and Description go into the definition's info, unless the definition sets them itself. */
        static void setInfo(String apiId, Map<String, Object> body, String field, Object value, String property) {
            Map<String, Object> info = child(body, "info");
            boolean ownTitle = "title".equals(field) && !Map.of("Ref", "AWS::StackName").equals(info.get("title"));
            boolean ownDescription = "description".equals(field) && info.get("description") != null;
            if (ownTitle || ownDescription) {
                throw ServerlessErrors.invalidResource(apiId, "Unable to set " + property + " because it is already defined "
                        + "within inline OpenAPI specified in the 'DefinitionBody' property.");
            }
            info.put(field, value);
        }
    }
}
