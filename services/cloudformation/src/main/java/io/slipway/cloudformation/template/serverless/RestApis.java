package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.serverless.Py27Dict.Text;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a REST API as SAM does: the {@code AWS::ApiGateway::RestApi} under the API's logical id,
 * an {@code AWS::ApiGateway::Deployment} named {@code <Api>Deployment<hash>} (the hash of the
 * definition, so that a changed definition gets a new deployment), and the stage
 * {@code <Api><StageName>Stage}.
 */
final class RestApis {
    /** Properties SAM has and Slipway's transform does not generate yet; refused rather than dropped. */
    private static final List<String> UNSUPPORTED = List.of("Auth", "GatewayResponses", "Models", "Domain",
            "MergeDefinitions", "DisableExecuteApiEndpoint", "AlwaysDeploy");

    private RestApis() {
    }

    /**
     * The definition SAM starts from for an explicit API: a managed skeleton when the API has
     * neither DefinitionBody nor DefinitionUri, else the API's own (null for DefinitionUri).
     */
    static Py27Dict definition(ServerlessResource api) {
        Object body = api.property("DefinitionBody");
        if (body instanceof Map<?, ?> map && !map.isEmpty()) {
            return (Py27Dict) Py27Dict.fromTemplate(body);
        }
        return api.property("DefinitionUri") == null ? Swagger.skeleton() : null;
    }

    /**
     * What SAM's Globals step does to a definition SAM manages when the API has an OpenApiVersion
     * 3.x: the document names that version instead of swagger 2.0.
     */
    static Py27Dict withOpenApiVersion(Py27Dict definition, Map<String, Object> properties) {
        if (definition != null && properties.get("OpenApiVersion") instanceof String version && openApi3(version)) {
            definition.put("openapi", Text.unicode(version));
            definition.remove("swagger");
        }
        return definition;
    }

    private static boolean openApi3(Object version) {
        return version instanceof String v && v.matches("3(\\.\\d)(\\.\\d)?");
    }

    /**
     * SAM's last step for an OpenAPI 3 definition (one without a swagger key, with OpenApiVersion
     * 3.x, or its own openapi 3.x when no OpenApiVersion is set): preflight methods lose swagger's
     * produces and consumes, and their response headers get a schema. UNVERIFIED: securityDefinitions
     * and definitions (moved to components) only come with Auth and Models, which Slipway refuses.
     */
    private static void openApiPostprocess(Py27Dict definition, Object openApiVersion) {
        if (definition.has("swagger")) {
            return;
        }
        Object version = openApiVersion != null ? openApiVersion
                : definition.get("openapi") instanceof Text text ? text.value() : null;
        if (!openApi3(version) || !(definition.get("paths") instanceof Py27Dict paths)) {
            return;
        }
        for (String path : paths.keys()) {
            if (!(paths.get(path) instanceof Py27Dict item) || !(item.get("options") instanceof Py27Dict options)) {
                continue;
            }
            for (String field : options.keys()) {
                if (field.equals("produces") || field.equals("consumes")) {
                    options.remove(field);
                }
                if (field.equals("responses") && options.get(field) instanceof Py27Dict responses
                        && responses.get("200") instanceof Py27Dict ok && ok.get("headers") instanceof Py27Dict headers) {
                    for (String header : headers.keys()) {
                        headers.put(header, new Py27Dict().put("schema", headers.get(header)));
                    }
                }
            }
        }
    }

    static boolean managed(ServerlessResource api) {
        Object body = api.property("DefinitionBody");
        return !(body instanceof Map<?, ?> map && !map.isEmpty()) && api.property("DefinitionUri") == null;
    }

    /** The stage name an API's permissions are named after: its StageName, or "Stage" when that is an intrinsic. */
    static String permissionSuffix(ServerlessResource api) {
        return api.property("StageName") instanceof String name ? name : "Stage";
    }

    /**
     * Writes (or writes again) the API's resources.
     *
     * @param properties    the API's properties (the implicit API's are SAM's defaults)
     * @param from          the SAM resource the attributes come from (null for the implicit API)
     * @param attributes    attributes of the implicit API (gathered from its functions), else empty
     * @param definition    the definition as it stands (null when the API has a DefinitionUri)
     * @param functionNames the FunctionNames of the functions whose events name the API, joined, or ""
     */
    static void write(Expansion out, String apiId, Map<String, Object> properties, ServerlessResource from,
                      Map<String, Object> attributes, Py27Dict definition, String functionNames) {
        for (String name : UNSUPPORTED) {
            if (properties.get(name) != null) {
                throw ServerlessErrors.invalidResource(apiId, "Property '" + name + "' of AWS::Serverless::Api is not "
                        + "supported by Slipway's SAM transform yet.");
            }
        }
        Object stageName = properties.get("StageName");
        if (stageName == null) {
            throw ServerlessErrors.invalidResource(apiId, "Missing required property 'StageName'.");
        }
        if ("".equals(stageName)) {
            throw ServerlessErrors.invalidResource(apiId, "StageName cannot be empty.");
        }
        if (properties.get("DefinitionUri") != null && properties.get("DefinitionBody") != null) {
            throw ServerlessErrors.invalidResource(apiId, "Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.");
        }
        Object openApiVersion = properties.get("OpenApiVersion");
        if (openApiVersion != null && !(openApiVersion instanceof String v && v.matches("3(\\.\\d)(\\.\\d)?"))) {
            throw ServerlessErrors.invalidResource(apiId, "The OpenApiVersion value must be of the format '3.0.0'.");
        }

        Map<String, Object> restApi = new LinkedHashMap<>();
        put(restApi, "BinaryMediaTypes", properties.get("BinaryMediaTypes"));
        put(restApi, "MinimumCompressionSize", properties.get("MinimumCompressionSize"));
        endpointConfiguration(apiId, restApi, properties.get("EndpointConfiguration"));
        put(restApi, "FailOnWarnings", properties.get("FailOnWarnings"));
        if (properties.get("Cors") != null && !"".equals(properties.get("Cors"))) {
            definition = Cors.add(apiId, definition, properties.get("Cors"));
        }
        Object binaryMediaTypes = properties.get("BinaryMediaTypes");
        if (definition != null && binaryMediaTypes instanceof List<?> types && !types.isEmpty()) {
            definition = withBinaryMediaTypes(definition, types);
        }
        if (definition != null) {
            openApiPostprocess(definition, openApiVersion);
        }
        Object hashed;
        if (properties.get("DefinitionUri") != null) {
            Py27Dict location = bodyS3Location(apiId, properties.get("DefinitionUri"));
            restApi.put("BodyS3Location", Py27Dict.toTemplate(location));
            hashed = location;
        } else {
            restApi.put("Body", Py27Dict.toTemplate(definition));
            hashed = definition;
        }
        for (String name : List.of("Name", "Description", "Mode", "ApiKeySourceType", "Policy", "SecurityPolicy",
                "EndpointAccessMode")) {
            put(restApi, name, properties.get(name));
        }
        if (Boolean.TRUE.equals(properties.get("PropagateTags")) && properties.get("Tags") instanceof Map<?, ?> tags && !tags.isEmpty()) {
            // the stage has the Tags anyway; PropagateTags gives them to the RestApi too
            restApi.put("Tags", Tags.list(tags));
        }

        // SAM joins with "||" what should redeploy the API: the definition, the OpenAPI version, the functions' names.
        StringBuilder data = new StringBuilder(Py27Dict.str(hashed));
        if (openApiVersion != null) {
            data.append("||").append(openApiVersion);
        }
        if (!functionNames.isEmpty()) {
            data.append("||").append(functionNames);
        }
        String digest = LogicalIds.sha1(data.toString());
        String deploymentId = apiId + "Deployment" + digest.substring(0, LogicalIds.HASH_LENGTH);
        Map<String, Object> deployment = new LinkedHashMap<>();
        deployment.put("Description", "RestApi deployment id: " + digest);
        deployment.put("RestApiId", Map.of("Ref", apiId));
        if (openApiVersion == null) {
            // SAM's deployment creates a stage named "Stage" too, unless OpenApiVersion is set
            deployment.put("StageName", "Stage");
        }

        String stageId = stageName instanceof String name
                ? (LogicalIds.alphanumeric(name) ? apiId + name + "Stage" : LogicalIds.generate(apiId + "Stage", name))
                : apiId + "Stage";
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("DeploymentId", Map.of("Ref", deploymentId));
        stage.put("RestApiId", Map.of("Ref", apiId));
        stage.put("StageName", stageName);
        for (String name : List.of("CacheClusterEnabled", "CacheClusterSize", "Variables", "MethodSettings",
                "AccessLogSetting", "CanarySetting", "TracingEnabled")) {
            put(stage, name, properties.get(name));
        }
        if (properties.get("Tags") instanceof Map<?, ?> tags) {
            stage.put("Tags", Tags.list(tags));
        }

        ApiBook book = ApiBook.of(out);
        book.rewrite(out, apiId, List.of(apiId, deploymentId, stageId));
        // the RestApi keeps the API's DependsOn too; the deployment and stage get only the passed-on attributes
        replace(out, apiId, "AWS::ApiGateway::RestApi", restApi, from, true).putAll(attributes);
        replace(out, deploymentId, "AWS::ApiGateway::Deployment", deployment, from, false).putAll(attributes);
        replace(out, stageId, "AWS::ApiGateway::Stage", stage, from, false).putAll(attributes);
    }

    /**
     * The definition with API Gateway's binary media types extension, as SAM's editor adds it (on a
     * copy, handing out a copy): the types with {@code ~1} (a JSON pointer's escaped slash) as {@code /}.
     */
    private static Py27Dict withBinaryMediaTypes(Py27Dict definition, List<?> types) {
        Py27Dict copy = definition.deepCopy();
        copy.put("x-amazon-apigateway-binary-media-types", unescaped(types));
        return copy.deepCopy();
    }

    private static Object unescaped(Object value) {
        if (value instanceof String text) {
            return Text.unicode(text.replace("~1", "/"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RestApis::unescaped).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Py27Dict dict = new Py27Dict();
            map.forEach((k, v) -> dict.putUnicode(String.valueOf(k).replace("~1", "/"), unescaped(v)));
            return dict;
        }
        return value;
    }

    private static Map<String, Object> replace(Expansion out, String id, String type, Map<String, Object> properties,
                                               ServerlessResource from, boolean withDependsOn) {
        out.resources().remove(id);
        Map<String, Object> added = Event.passThrough(out.add(id, type, properties, null), from);
        return withDependsOn ? Event.withDependsOn(added, from) : added;
    }

    private static void endpointConfiguration(String apiId, Map<String, Object> restApi, Object value) {
        if (value == null) {
            return;
        }
        // a map with a Type is SAM's form; anything else (a name, an intrinsic) is the type itself
        if (value instanceof Map<?, ?> map && map.get("Type") != null) {
            if (map.containsKey("VPCEndpointIds") && map.containsKey("VpcEndpointIds")) {
                throw ServerlessErrors.invalidResource(apiId,
                        "'VPCEndpointIds' and 'VpcEndpointIds' cannot be used together in EndpointConfiguration.");
            }
            Map<String, Object> configuration = new LinkedHashMap<>();
            configuration.put("Types", List.of(map.get("Type")));
            Object vpcEndpoints = map.get("VPCEndpointIds") != null ? map.get("VPCEndpointIds") : map.get("VpcEndpointIds");
            if (map.containsKey("VPCEndpointIds") || map.containsKey("VpcEndpointIds")) {
                configuration.put("VpcEndpointIds", vpcEndpoints);
            }
            if (map.containsKey("IpAddressType")) {
                configuration.put("IpAddressType", map.get("IpAddressType"));
            }
            restApi.put("EndpointConfiguration", configuration);
            restApi.put("Parameters", Map.of("endpointConfigurationTypes", map.get("Type")));
        } else {
            restApi.put("EndpointConfiguration", Map.of("Types", List.of(value)));
            restApi.put("Parameters", Map.of("endpointConfigurationTypes", value));
        }
    }

    /** DefinitionUri as SAM's BodyS3Location: {@code s3://bucket/key[?versionId=v]} or a Bucket/Key/Version map. */
    private static Py27Dict bodyS3Location(String apiId, Object uri) {
        Object bucket;
        Object key;
        Object version = null;
        if (uri instanceof Map<?, ?> map) {
            if (map.get("Bucket") == null || map.get("Key") == null) {
                throw ServerlessErrors.invalidResource(apiId, "'DefinitionUri' requires Bucket and Key properties to be specified.");
            }
            bucket = map.get("Bucket");
            key = map.get("Key");
            version = map.get("Version");
        } else {
            URI parsed = uri instanceof String text && text.startsWith("s3://") ? URI.create(text.replace(" ", "%20")) : null;
            if (parsed == null || parsed.getHost() == null || parsed.getPath() == null || parsed.getPath().length() <= 1) {
                throw ServerlessErrors.invalidResource(apiId, "'DefinitionUri' is not a valid S3 Uri of the form "
                        + "'s3://bucket/key' with optional versionId query parameter.");
            }
            bucket = parsed.getHost();
            key = parsed.getPath().substring(1);
            if (parsed.getQuery() != null && parsed.getQuery().startsWith("versionId=")) {
                version = parsed.getQuery().substring("versionId=".length());
            }
        }
        Py27Dict location = new Py27Dict().put("Bucket", unicode(bucket)).put("Key", unicode(key));
        if (version != null) {
            location.put("Version", unicode(version));
        }
        return location;
    }

    private static Object unicode(Object value) {
        return value instanceof String text ? Text.unicode(text) : Py27Dict.fromTemplate(value);
    }

    private static void put(Map<String, Object> into, String name, Object value) {
        if (value != null) {
            into.put(name, value);
        }
    }

    static List<String> list(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        }
        return out;
    }
}
