package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code AWS::Serverless::Function} as SAM expands it: the {@code AWS::Lambda::Function} under the same
 * logical id (tagged {@code lambda:createdBy: SAM}), the version and alias of AutoPublishAlias
 * ({@link FunctionVersions}), the deployment preference ({@link DeploymentPreferences}), the generated
 * execution role ({@link ExecutionRoles}) and the event sources ({@link Events}).
 */
final class FunctionExpander implements ResourceExpander {
    /** SAM's properties of AWS::Serverless::Function; any other is refused, as SAM refuses it. */
    private static final Set<String> PROPERTIES = Set.of("FunctionName", "Handler", "Runtime", "CodeUri", "ImageUri",
            "PackageType", "InlineCode", "DeadLetterQueue", "Description", "MemorySize", "Timeout", "VpcConfig", "Role",
            "AssumeRolePolicyDocument", "Policies", "RolePath", "PermissionsBoundary", "Environment", "Events", "Tags",
            "PropagateTags", "Tracing", "KmsKeyArn", "DeploymentPreference", "ReservedConcurrentExecutions", "Layers",
            "EventInvokeConfig", "EphemeralStorage", "AutoPublishAlias", "AutoPublishCodeSha256",
            "AutoPublishAliasAllProperties", "VersionDescription", "ProvisionedConcurrencyConfig", "FileSystemConfigs",
            "ImageConfig", "CodeSigningConfigArn", "Architectures", "SnapStart", "FunctionUrlConfig",
            "RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop", "SourceKMSKeyArn", "CapacityProviderConfig",
            "FunctionScalingConfig", "VersionDeletionPolicy", "PublishToLatestPublished", "TenancyConfig", "DurableConfig");
    /** Valid SAM that generates resources Slipway does not build yet (capacity providers). */
    private static final List<String> NOT_EXPANDED = List.of(
            "CapacityProviderConfig", "FunctionScalingConfig");
    /** Properties copied to the Lambda function as given, in the order SAM writes them. */
    private static final List<String> PASSED = List.of("PackageType", "Description", "FunctionName", "Handler",
            "MemorySize", "Role", "Runtime", "Timeout", "VpcConfig", "Environment", "Tags", "TracingConfig", "KmsKeyArn",
            "Layers", "ReservedConcurrentExecutions", "FileSystemConfigs", "CodeSigningConfigArn", "ImageConfig",
            "Architectures", "SnapStart", "EphemeralStorage", "RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop",
            "PublishToLatestPublished", "TenancyConfig", "DurableConfig");
    private static final String SAM_TAG = "lambda:createdBy";
    private static final List<String> RESERVED_TAGS = List.of(SAM_TAG, "serverlessrepo:applicationId",
            "serverlessrepo:semanticVersion");

    private final DeploymentPreferences deployments;

    FunctionExpander(DeploymentPreferences deployments) {
        this.deployments = deployments;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void expand(ServerlessResource fn, Expansion out) {
        String id = fn.logicalId();
        for (String name : fn.properties().keySet()) {
            if (!PROPERTIES.contains(name)) {
                throw ServerlessErrors.invalidResource(id, "property " + name + " not defined for resource of type " + fn.type());
            }
        }
        for (String name : NOT_EXPANDED) {
            if (fn.property(name) != null) {
                throw ServerlessErrors.invalidResource(id, "Property '" + name + "' is not supported by Slipway's SAM transform yet.");
            }
        }
        if (fn.property("Events") != null && !(fn.property("Events") instanceof Map<?, ?>)) {
            throw ServerlessErrors.invalidResource(id, "Property 'Events' should be a map.");
        }
        if (fn.property("DeadLetterQueue") != null) {
            deadLetterQueue(id, fn.property("DeadLetterQueue"));
        }
        if (fn.property("VersionDeletionPolicy") != null && fn.property("AutoPublishAlias") == null) {
            throw ServerlessErrors.invalidResource(id, "'VersionDeletionPolicy' requires 'AutoPublishAlias'.");
        }
        List<Object> tags = tagList(id, fn.property("Tags"));
        Map<String, Object> function = function(fn, tags);
        Map<String, Object> resource = out.add(id, "AWS::Lambda::Function", function, fn);
        for (String attribute : List.of("DependsOn", "Metadata", "UpdatePolicy")) {
            ExecutionRoles.putIfPresent(resource, attribute, fn.attributes().get(attribute));
        }
        if (fn.property("ProvisionedConcurrencyConfig") != null && fn.property("AutoPublishAlias") == null) {
            throw ServerlessErrors.invalidResource(id, "To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the function");
        }
        String aliasId = null;
        String aliasName = null;
        if (fn.property("AutoPublishAlias") != null) {
            aliasName = FunctionVersions.aliasName(fn, out);
            String sha = FunctionVersions.codeSha256(fn, out);
            if (sha != null) {
                describeCode(function, sha, out);
            }
            aliasId = FunctionVersions.publish(fn, aliasName, sha, function, out).aliasId();
        }
        if (fn.property("FunctionUrlConfig") != null) {
            FunctionUrls.add(fn, fn.property("FunctionUrlConfig"), aliasId, out);
        }
        if (fn.property("DeploymentPreference") != null) {
            deployments.add(fn, fn.property("DeploymentPreference"), aliasId, out);
        }
        List<Object> invokePolicies = fn.property("EventInvokeConfig") == null ? List.of()
                : EventInvokeConfigs.add(fn, aliasName, aliasId, out);
        Map<String, Object> role = role(fn, tags, function, invokePolicies, out);
        if (fn.property("Events") instanceof Map<?, ?> events && !events.isEmpty()) {
            Map<String, Object> named = new LinkedHashMap<>();
            events.forEach((k, v) -> named.put(String.valueOf(k), v));
            Object target = aliasId != null ? Map.of("Ref", aliasId) : Map.of("Fn::GetAtt", List.of(id, "Arn"));
            List<String> managed = Events.expand(new Events.Target(fn, id, target), named, out);
            if (role != null && !managed.isEmpty()) {
                ExecutionRoles.addManaged(role, managed);
            }
        }
        if (Boolean.TRUE.equals(fn.property("PropagateTags")) && fn.property("Tags") instanceof Map<?, ?> given && !given.isEmpty()) {
            // SAM gives the function and its role the resource's Tags alone (its own tag dropped)
            function.put("Tags", tagList(given));
            if (role != null) {
                ((Map<String, Object>) role.get("Properties")).put("Tags", tagList(given));
            }
        }
    }

    private static void deadLetterQueue(String id, Object dlq) {
        if (!(dlq instanceof Map<?, ?> map)) {
            throw ServerlessErrors.invalidResource(id, "Property 'DeadLetterQueue' should be a map.");
        }
        if (!truthy(map.get("Type")) || !truthy(map.get("TargetArn"))) {
            throw ServerlessErrors.invalidResource(id, "'DeadLetterQueue' requires Type and TargetArn properties to be specified.");
        }
        if (!"SQS".equals(map.get("Type")) && !"SNS".equals(map.get("Type"))) {
            throw ServerlessErrors.invalidResource(id, "'DeadLetterQueue' requires Type of ['SQS', 'SNS']");
        }
    }

    /**
     * The generated role, or null when the function names its own. A Role given by Fn::If with an
     * AWS::NoValue branch gets the generated role in that branch, the role created under the
     * condition (or its negation {@code NOT<Condition>}, added to the template), as SAM does.
     */
    private static Map<String, Object> role(ServerlessResource fn, List<Object> tags, Map<String, Object> function,
                                            List<Object> invokePolicies, Expansion out) {
        String id = fn.logicalId();
        Object given = fn.property("Role");
        Map<String, Object> arn = Map.of("Fn::GetAtt", List.of(id + "Role", "Arn"));
        String condition = null;
        if (given instanceof Map<?, ?> map && map.containsKey("Fn::If")) {
            if (!(out.resolveParameters(given) instanceof Map<?, ?> resolved)
                    || !(resolved.get("Fn::If") instanceof List<?> branches) || branches.size() != 3) {
                throw ServerlessErrors.invalidResource(id, "Malformed 'Role' property: Fn::If requires 3 arguments.");
            }
            Object when = branches.get(0);
            boolean trueEmpty = ExecutionRoles.noValue(branches.get(1));
            boolean falseEmpty = ExecutionRoles.noValue(branches.get(2));
            if (trueEmpty && falseEmpty) {
                given = null;
            } else if (trueEmpty) {
                condition = String.valueOf(when);
                function.put("Role", Map.of("Fn::If", List.of(when, arn, branches.get(2))));
            } else if (falseEmpty) {
                condition = "NOT" + when;
                out.condition(condition, Map.of("Fn::Not", List.of(Map.of("Condition", when))));
                function.put("Role", Map.of("Fn::If", List.of(when, branches.get(1), arn)));
            } else {
                return null;
            }
        } else if (given != null) {
            return null;
        }
        Map<String, Object> role = out.add(id + "Role", "AWS::IAM::Role", ExecutionRoles.properties(fn, out, tags, invokePolicies), fn);
        if (condition != null) {
            role.put("Condition", condition);
        } else {
            function.put("Role", arn);
        }
        return role;
    }

    private static Map<String, Object> function(ServerlessResource fn, List<Object> tags) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("Code", code(fn));
        for (String name : PASSED) {
            Object value = switch (name) {
                case "Tags" -> tags;
                case "TracingConfig" -> tracing(fn.property("Tracing"));
                default -> fn.property(name);
            };
            ExecutionRoles.putIfPresent(props, name, value);
        }
        if (fn.property("DeadLetterQueue") instanceof Map<?, ?> dlq) {
            props.put("DeadLetterConfig", Map.of("TargetArn", dlq.get("TargetArn")));
        }
        packageType(fn.logicalId(), props);
        return props;
    }

    /** What each PackageType requires and forbids, checked as SAM checks it. */
    private static void packageType(String id, Map<String, Object> props) {
        boolean image = "Image".equals(props.get("PackageType"));
        Map<?, ?> code = (Map<?, ?>) props.get("Code");
        if (!image) {
            if (!truthy(props.get("Runtime")) || !truthy(props.get("Handler"))) {
                throw ServerlessErrors.invalidResource(id, "Runtime and Handler needs to be present when PackageType is of type `Zip`");
            }
            if (truthy(code.get("ImageUri")) || truthy(props.get("ImageConfig"))) {
                throw ServerlessErrors.invalidResource(id, "ImageUri or ImageConfig cannot be present when PackageType is of type `Zip`");
            }
        } else if (truthy(props.get("Handler")) || truthy(props.get("Runtime")) || truthy(props.get("Layers"))) {
            throw ServerlessErrors.invalidResource(id, "Runtime, Handler, Layers cannot be present when PackageType is of type `Image`");
        }
    }

    /** Python's truth of a template value: null, "", empty maps and lists, false and 0 are false. */
    private static boolean truthy(Object value) {
        return value != null && !"".equals(value) && !Boolean.FALSE.equals(value)
                && !(value instanceof Map<?, ?> m && m.isEmpty()) && !(value instanceof List<?> l && l.isEmpty())
                && !(value instanceof Number n && n.doubleValue() == 0);
    }

    private static Object tracing(Object tracing) {
        return tracing == null || "Disabled".equals(tracing) ? null : Map.of("Mode", tracing);
    }

    /** Lambda's Code from InlineCode, CodeUri or ImageUri, as PackageType allows. */
    private static Map<String, Object> code(ServerlessResource fn) {
        String id = fn.logicalId();
        Object packageType = fn.property("PackageType") == null ? "Zip" : fn.property("PackageType");
        Map<String, Object> code;
        if ("Image".equals(packageType)) {
            Object image = fn.property("ImageUri");
            if (image == null) {
                throw ServerlessErrors.invalidResource(id, "'ImageUri' must be set.");
            }
            if (image instanceof String s && s.isEmpty()) {
                throw ServerlessErrors.invalidResource(id, "'ImageUri' requires that a image hosted at a registry be specified.");
            }
            code = new LinkedHashMap<>(Map.of("ImageUri", image));
        } else if ("Zip".equals(packageType)) {
            Object inline = fn.property("InlineCode");
            Object uri = fn.property("CodeUri");
            if (inline == null && uri == null) {
                // SAM's sentence for neither being set; with both, SAM takes InlineCode
                throw ServerlessErrors.invalidResource(id, "Only one of 'InlineCode' or 'CodeUri' can be set.");
            }
            code = inline != null ? new LinkedHashMap<>(Map.of("ZipFile", inline)) : CodeLocations.s3(id, uri, "CodeUri");
            ExecutionRoles.putIfPresent(code, "SourceKMSKeyArn", fn.property("SourceKMSKeyArn"));
        } else {
            throw ServerlessErrors.invalidResource(id, "invalid 'PackageType' : " + packageType);
        }
        return code;
    }

    /** AutoPublishCodeSha256 is appended to the Description, so that CloudFormation sees the function change. */
    private static void describeCode(Map<String, Object> function, String sha, Expansion out) {
        Object description = out.resolveParameters(function.get("Description"));
        if (description == null || "".equals(description)) {
            function.put("Description", sha);
        } else if (description instanceof String text) {
            function.put("Description", text + " " + sha);
        } else {
            function.put("Description", Map.of("Fn::Join", List.of(" ", List.of(description, sha))));
        }
    }

    /** SAM's tag list: {@code lambda:createdBy: SAM} first, then the resource's Tags. */
    private static List<Object> tagList(String id, Object tags) {
        if (tags != null && !(tags instanceof Map<?, ?>)) {
            throw ServerlessErrors.invalidResource(id, "Property 'Tags' should be a map.");
        }
        Map<?, ?> given = tags == null ? Map.of() : (Map<?, ?>) tags;
        for (String reserved : RESERVED_TAGS) {
            if (given.containsKey(reserved)) {
                throw ServerlessErrors.invalidResource(id, reserved + " is a reserved Tag key name and cannot be set on your "
                        + "resource. Please change the tag key in the input.");
            }
        }
        List<Object> out = new ArrayList<>(tagList(Map.of(SAM_TAG, "SAM")));
        out.addAll(tagList(given));
        return out;
    }

    /** A map of tags as CloudFormation's list of Key/Value. */
    static List<Object> tagList(Map<?, ?> tags) {
        List<Object> out = new ArrayList<>();
        tags.forEach((k, v) -> {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("Key", k);
            tag.put("Value", v);
            out.add(tag);
        });
        return out;
    }
}
