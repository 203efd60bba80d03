package io.slipway.cloudformation.hooks;

import io.slipway.cloudformation.resource.ResourceFailure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template resource {@code AWS::CloudFormation::LambdaHook}: an activation of the Lambda hook
 * under an alias plus its configuration, written in one resource. Its properties are the
 * configuration's fields under other names, so they are turned into the configuration document
 * SetTypeConfiguration takes and checked by the same schema.
 *
 * @param configurationJson the equivalent SetTypeConfiguration document
 */
record LambdaHookResource(String alias, String executionRole, String configurationJson) {
    static final String TYPE = "AWS::CloudFormation::LambdaHook";
    private static final Set<String> PROPERTIES = Set.of("Alias", "ExecutionRole", "FailureMode", "HookStatus",
            "LambdaFunction", "StackFilters", "TargetFilters", "TargetOperations");
    private static final List<String> REQUIRED = List.of("Alias", "ExecutionRole", "FailureMode", "LambdaFunction",
            "TargetOperations");

    static LambdaHookResource read(Map<String, Object> properties) {
        for (String key : properties.keySet()) {
            if (!PROPERTIES.contains(key)) {
                throw new ResourceFailure("Encountered unsupported property " + key);
            }
        }
        for (String key : REQUIRED) {
            if (properties.get(key) == null) {
                throw new ResourceFailure("Properties validation failed: required key [" + key + "] not found");
            }
        }
        if (!(properties.get("Alias") instanceof String alias) || !HookTypeNames.isAllowedAlias(alias)) {
            throw new ResourceFailure("Alias must have the form Name1::Name2::Name3 and must not start with AWS: "
                    + properties.get("Alias"));
        }
        if (!(properties.get("ExecutionRole") instanceof String role) || role.isBlank()) {
            throw new ResourceFailure("ExecutionRole must be an IAM role ARN");
        }
        Map<String, Object> hook = new LinkedHashMap<>();
        // HookStatus may be left out of a template; the resource then starts enabled.
        hook.put("HookInvocationStatus", properties.getOrDefault("HookStatus", "ENABLED"));
        hook.put("TargetOperations", properties.get("TargetOperations"));
        hook.put("FailureMode", properties.get("FailureMode"));
        hook.put("Properties", Map.of("LambdaFunction", properties.get("LambdaFunction")));
        if (properties.get("StackFilters") != null) {
            hook.put("StackFilters", properties.get("StackFilters"));
        }
        if (properties.get("TargetFilters") != null) {
            hook.put("TargetFilters", properties.get("TargetFilters"));
        }
        String json = HookJson.write(Map.of("CloudFormationConfiguration", Map.of("HookConfiguration", hook)));
        try {
            HookConfiguration.parse(json);
        } catch (HookConfigurationException e) {
            throw new ResourceFailure("Properties validation failed: " + e.getMessage()
                    .replace("CloudFormationConfiguration.HookConfiguration.", ""));
        }
        return new LambdaHookResource(alias, role, json);
    }
}
