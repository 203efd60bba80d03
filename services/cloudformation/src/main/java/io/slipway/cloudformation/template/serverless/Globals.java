package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The template's {@code Globals} section, merged into each SAM resource of its type as SAM merges it:
 * maps merge key by key (recursively), lists concatenate (globals first), and anything else, an
 * intrinsic function included, is the resource's own when it has one. A resource's
 * {@code IgnoreGlobals} attribute ({@code "*"} or a list of property names) leaves globals out.
 */
final class Globals {
    private static final String PREFIX = "AWS::Serverless::";

    /** SAM's sections and the properties each accepts (Function: all but Role, Policies, FunctionName, Events…). */
    private static final Map<String, List<String>> SUPPORTED = new TreeMap<>(Map.of(
            "Function", List.of("Handler", "Runtime", "CodeUri", "DeadLetterQueue", "Description", "MemorySize",
                    "Timeout", "VpcConfig", "Environment", "Tags", "PropagateTags", "Tracing", "KmsKeyArn",
                    "AutoPublishAlias", "AutoPublishAliasAllProperties", "Layers", "DeploymentPreference", "RolePath",
                    "PermissionsBoundary", "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig",
                    "AssumeRolePolicyDocument", "EventInvokeConfig", "FileSystemConfigs", "CodeSigningConfigArn",
                    "Architectures", "SnapStart", "EphemeralStorage", "FunctionUrlConfig", "RuntimeManagementConfig",
                    "LoggingConfig", "RecursiveLoop", "SourceKMSKeyArn", "TenancyConfig", "DurableConfig",
                    "CapacityProviderConfig", "FunctionScalingConfig", "PublishToLatestPublished",
                    "VersionDeletionPolicy"),
            "Api", List.of("Auth", "Name", "DefinitionUri", "CacheClusterEnabled", "CacheClusterSize",
                    "MergeDefinitions", "Variables", "EndpointConfiguration", "MethodSettings", "BinaryMediaTypes",
                    "MinimumCompressionSize", "Cors", "GatewayResponses", "AccessLogSetting", "CanarySetting",
                    "TracingEnabled", "OpenApiVersion", "Domain", "AlwaysDeploy", "PropagateTags", "SecurityPolicy",
                    "EndpointAccessMode"),
            "HttpApi", List.of("Auth", "AccessLogSettings", "StageVariables", "Tags", "CorsConfiguration",
                    "DefaultRouteSettings", "Domain", "RouteSettings", "FailOnWarnings", "PropagateTags"),
            "SimpleTable", List.of("SSESpecification"),
            "StateMachine", List.of("PropagateTags"),
            "LayerVersion", List.of("PublishLambdaVersion"),
            "CapacityProvider", List.of("VpcConfig", "OperatorRole", "Tags", "InstanceRequirements", "ScalingConfig",
                    "KmsKeyArn", "PropagateTags"),
            "WebSocketApi", List.of("AccessLogSettings", "ApiKeySelectionExpression", "DefaultRouteSettings",
                    "DisableExecuteApiEndpoint", "DisableSchemaValidation", "Domain", "FailOnWarnings",
                    "IpAddressType", "PropagateTags", "RouteSelectionExpression", "RouteSettings", "StageVariables",
                    "Tags")));

    private final Map<String, Map<String, Object>> byType;

    private Globals(Map<String, Map<String, Object>> byType) {
        this.byType = byType;
    }

    /** Reads the section (null when the template has none), refusing what SAM refuses. */
    static Globals read(Object section) {
        Map<String, Map<String, Object>> byType = new LinkedHashMap<>();
        if (section == null) {
            return new Globals(byType);
        }
        if (!(section instanceof Map<?, ?> sections)) {
            throw invalid("It must be a non-empty dictionary");
        }
        for (Map.Entry<?, ?> entry : sections.entrySet()) {
            String name = String.valueOf(entry.getKey());
            List<String> supported = SUPPORTED.get(name);
            if (supported == null) {
                throw invalid("'" + name + "' is not supported. Must be one of the following values - "
                        + pythonList(List.copyOf(SUPPORTED.keySet())));
            }
            if (!(entry.getValue() instanceof Map<?, ?> properties)) {
                // SAM's message, placeholder and all
                throw invalid("Value of ${section} must be a dictionary");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> property : properties.entrySet()) {
                String key = String.valueOf(property.getKey());
                if (!supported.contains(key)) {
                    throw invalid("'" + key + "' is not a supported property of '" + name
                            + "'. Must be one of the following values - " + pythonList(supported));
                }
                copy.put(key, property.getValue());
            }
            byType.put(PREFIX + name, copy);
        }
        return new Globals(byType);
    }

    /** The resource's properties with the globals of its type merged in. */
    @SuppressWarnings("unchecked")
    Map<String, Object> merge(String logicalId, String type, Map<String, Object> properties, Object ignoreGlobals) {
        Map<String, Object> globals = byType.get(type);
        if (globals == null) {
            return properties;
        }
        if (ignoreGlobals != null) {
            if ("*".equals(ignoreGlobals)) {
                return properties;
            }
            if (!(ignoreGlobals instanceof List<?> names)) {
                throw ServerlessErrors.invalidResource(logicalId, "Resource " + logicalId
                        + " has invalid resource attribute 'IgnoreGlobals'.");
            }
            globals = new LinkedHashMap<>(globals);
            for (Object name : names) {
                if (globals.remove(String.valueOf(name)) == null) {
                    throw ServerlessErrors.invalidResource(logicalId, "Resource " + logicalId
                            + " has invalid resource attribute 'IgnoreGlobals' on item '" + name + "'.");
                }
            }
        }
        return (Map<String, Object>) merged(globals, properties);
    }

    private static Object merged(Object global, Object local) {
        if (global instanceof Map<?, ?> g && !intrinsic(g) && local instanceof Map<?, ?> l && !intrinsic(l)) {
            Map<String, Object> out = new LinkedHashMap<>();
            g.forEach((k, v) -> out.put(String.valueOf(k), v));
            l.forEach((k, v) -> {
                String key = String.valueOf(k);
                out.put(key, out.containsKey(key) ? merged(out.get(key), v) : v);
            });
            return out;
        }
        if (global instanceof List<?> g && local instanceof List<?> l) {
            List<Object> out = new ArrayList<>(g);
            out.addAll(l);
            return out;
        }
        return local;
    }

    /** An intrinsic function (one key, Ref or Fn::*), which SAM merges as a plain value. */
    static boolean intrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }

    private static RuntimeException invalid(String message) {
        return ServerlessErrors.invalidGlobals(message);
    }

    /** A list as SAM's messages print one (Python's repr of a list of strings). */
    static String pythonList(List<String> names) {
        List<String> quoted = names.stream().map(n -> "'" + n + "'").toList();
        return "[" + String.join(", ", quoted) + "]";
    }
}
