package io.slipway.cloudformation.hooks;

import io.slipway.core.codec.MalformedInputException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Lambda hook's configuration as SetTypeConfiguration (or the LambdaHook resource) gave it,
 * checked against the hook configuration schema once, so invocation only asks questions.
 *
 * @param targetOperations STACK, RESOURCE, CHANGE_SET, CLOUD_CONTROL
 * @param lambdaFunction   the function's name or ARN ({@code Properties.LambdaFunction})
 */
record HookConfiguration(boolean enabled, Set<String> targetOperations, String failureMode, String lambdaFunction,
                         Optional<StackFilters> stackFilters, Optional<TargetFilters> targetFilters) {
    /** SetTypeConfiguration's limit on the configuration document. */
    static final int MAX_BYTES = 300 * 1024;
    static final Set<String> TARGET_OPERATIONS = Set.of("STACK", "RESOURCE", "CHANGE_SET", "CLOUD_CONTROL");
    private static final Set<String> KNOWN = Set.of("HookInvocationStatus", "TargetStacks", "TargetOperations",
            "FailureMode", "EncryptionConfiguration", "Properties", "StackFilters", "TargetFilters");

    static HookConfiguration parse(String json) {
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new HookConfigurationException("Configuration is larger than " + MAX_BYTES + " bytes");
        }
        Object document;
        try {
            document = HookJson.parse(json);
        } catch (MalformedInputException e) {
            throw new HookConfigurationException("Configuration is not valid JSON: " + e.getMessage());
        }
        Map<String, Object> root = ConfigFields.object(document, "Configuration");
        Map<String, Object> cfn = ConfigFields.object(root.get("CloudFormationConfiguration"),
                "CloudFormationConfiguration");
        String path = "CloudFormationConfiguration.HookConfiguration";
        Map<String, Object> hook = ConfigFields.object(cfn.get("HookConfiguration"), path);
        ConfigFields.onlyKnown(hook, path, KNOWN);
        return new HookConfiguration(enabled(hook, path), targetOperations(hook, path), failureMode(hook, path),
                lambdaFunction(hook, path),
                Optional.ofNullable(hook.get("StackFilters")).map(StackFilters::parse),
                Optional.ofNullable(hook.get("TargetFilters")).map(TargetFilters::parse));
    }

    /** HookInvocationStatus, or the legacy TargetStacks (ALL = on, NONE = off) it replaced. */
    private static boolean enabled(Map<String, Object> hook, String path) {
        String status = ConfigFields.oneOf(hook, "HookInvocationStatus", path, Set.of("ENABLED", "DISABLED"));
        if (status != null) {
            return status.equals("ENABLED");
        }
        String legacy = ConfigFields.oneOf(hook, "TargetStacks", path, Set.of("ALL", "NONE"));
        if (legacy == null) {
            throw new HookConfigurationException(path + ".HookInvocationStatus is required");
        }
        return legacy.equals("ALL");
    }

    /** Hooks configured before TargetOperations existed targeted resources only. */
    private static Set<String> targetOperations(Map<String, Object> hook, String path) {
        List<String> operations = ConfigFields.strings(hook, "TargetOperations", path, 4,
                Pattern.compile("STACK|RESOURCE|CHANGE_SET|CLOUD_CONTROL"));
        return operations == null ? Set.of("RESOURCE") : Set.copyOf(operations);
    }

    private static String failureMode(Map<String, Object> hook, String path) {
        String mode = ConfigFields.oneOf(hook, "FailureMode", path, Set.of("FAIL", "WARN"));
        if (mode == null) {
            throw new HookConfigurationException(path + ".FailureMode is required");
        }
        return mode;
    }

    private static String lambdaFunction(Map<String, Object> hook, String path) {
        String where = path + ".Properties";
        Map<String, Object> properties = ConfigFields.object(hook.get("Properties") == null ? Map.of()
                : hook.get("Properties"), where);
        String function = ConfigFields.string(properties, "LambdaFunction", where);
        if (function == null) {
            throw new HookConfigurationException(where + ".LambdaFunction is required for a Lambda hook");
        }
        return function;
    }

    /** Whether this configuration asks for a hook on the target (its status and filters, not its function). */
    boolean targets(HookTarget target, Optional<String> stackRole) {
        return enabled && targetOperations.contains(target.targetType())
                && (!target.targetType().equals("CHANGE_SET") || target.action().equals("CREATE"))
                && stackFilters.map(f -> f.admits(target.stackName(), stackRole)).orElse(true)
                && targetFilters.map(f -> f.admits(target.targetType(), target.targetName(), target.action()))
                .orElse(true);
    }
}
