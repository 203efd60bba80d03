package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The functions' {@code DeploymentPreference}s of one template, and what SAM generates for them once
 * every function is expanded: one {@code ServerlessDeploymentApplication} (CodeDeploy, Lambda) per
 * stack, {@code CodeDeployServiceRole} unless every preference names its Role, and a
 * {@code <Fn>DeploymentGroup} per function (auto-rollback, blue/green with traffic control, SAM's
 * predefined types as {@code CodeDeployDefault.Lambda<Type>}, other names as given); each alias gets
 * the {@code CodeDeployLambdaAliasUpdate} update policy that ties it to its group.
 */
final class DeploymentPreferences {
    static final String APPLICATION = "ServerlessDeploymentApplication";
    static final String SERVICE_ROLE = "CodeDeployServiceRole";
    static final String COMBINED_CONDITION = "ServerlessCodeDeployCondition";
    private static final List<String> PREDEFINED = List.of("Canary10Percent5Minutes", "Canary10Percent10Minutes",
            "Canary10Percent15Minutes", "Canary10Percent30Minutes", "Linear10PercentEvery1Minute",
            "Linear10PercentEvery2Minutes", "Linear10PercentEvery3Minutes", "Linear10PercentEvery10Minutes", "AllAtOnce");

    /** One enabled preference. {@code condition} is the function's Condition when PassthroughCondition is on. */
    private record Preference(String function, Object type, Object preTraffic, Object postTraffic, Object alarms,
                              Object role, Object triggers, String condition, Map<?, ?> tags) {
    }

    private final Map<String, Preference> enabled = new LinkedHashMap<>();
    private final Map<?, ?> mappings;

    /** @param mappings the template's Mappings, which SAM resolves in Type and Enabled */
    DeploymentPreferences(Map<?, ?> mappings) {
        this.mappings = mappings;
    }

    /**
     * Reads a function's preference and, when it is enabled, gives its alias the update policy.
     *
     * @param aliasId the function's alias, or null without AutoPublishAlias
     */
    void add(ServerlessResource fn, Object given, String aliasId, Expansion out) {
        String id = fn.logicalId();
        if (!(given instanceof Map<?, ?> preference)) {
            throw ServerlessErrors.invalidResource(id, "Property 'DeploymentPreference' should be a map.");
        }
        Object enabledValue = resolved(preference.containsKey("Enabled") ? preference.get("Enabled") : true, out);
        if (Boolean.FALSE.equals(enabledValue) || "false".equals(enabledValue) || "False".equals(enabledValue)) {
            return;
        }
        if (!preference.containsKey("Type")) {
            throw ServerlessErrors.invalidResource(id, "'DeploymentPreference' is missing required Property 'Type'");
        }
        Object hooks = preference.containsKey("Hooks") ? preference.get("Hooks") : Map.of();
        if (!(hooks instanceof Map<?, ?> hookMap)) {
            throw ServerlessErrors.invalidResource(id, "'Hooks' property of 'DeploymentPreference' must be a dictionary");
        }
        Object passthrough = out.resolveParameters(preference.get("PassthroughCondition"));
        boolean conditioned = Boolean.TRUE.equals(passthrough) || "true".equalsIgnoreCase(String.valueOf(passthrough));
        Object condition = fn.attributes().get("Condition");
        boolean propagate = Boolean.TRUE.equals(fn.property("PropagateTags"));
        Map<?, ?> tags = propagate && fn.property("Tags") instanceof Map<?, ?> t && !t.isEmpty() ? t : null;
        Preference p = new Preference(id, resolved(preference.get("Type"), out), hookMap.get("PreTraffic"),
                hookMap.get("PostTraffic"), preference.get("Alarms"), preference.get("Role"),
                preference.get("TriggerConfigurations"), conditioned && condition instanceof String c ? c : null, tags);
        if (aliasId == null) {
            throw ServerlessErrors.invalidResource(id, "'DeploymentPreference' requires AutoPublishAlias property to be specified.");
        }
        enabled.put(id, p);
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("ApplicationName", Map.of("Ref", APPLICATION));
        update.put("DeploymentGroupName", Map.of("Ref", groupId(id)));
        ExecutionRoles.putIfPresent(update, "BeforeAllowTrafficHook", p.preTraffic());
        ExecutionRoles.putIfPresent(update, "AfterAllowTrafficHook", p.postTraffic());
        out.get(aliasId).put("UpdatePolicy", Map.of("CodeDeployLambdaAliasUpdate", update));
    }

    /** A value with parameters resolved, then a top-level Fn::FindInMap of plain names looked up, as SAM does. */
    private Object resolved(Object value, Expansion out) {
        Object resolved = out.resolveParameters(value);
        if (resolved instanceof Map<?, ?> map && map.size() == 1 && map.get("Fn::FindInMap") instanceof List<?> keys) {
            if (keys.size() != 3) {
                throw ServerlessErrors.invalidDocument("Invalid FindInMap value " + keys
                        + ". FindInMap expects an array with 3 values.");
            }
            if (keys.stream().allMatch(String.class::isInstance) && mappings.get(keys.get(0)) instanceof Map<?, ?> top
                    && top.get(keys.get(1)) instanceof Map<?, ?> second && second.containsKey(keys.get(2))) {
                return second.get(keys.get(2));
            }
        }
        return resolved;
    }

    static String groupId(String function) {
        return function + "DeploymentGroup";
    }

    /** Adds the application, the service role and the groups, after every function; may add a condition. */
    void finish(Expansion out, Map<String, Object> conditions) {
        if (enabled.isEmpty()) {
            return;
        }
        String shared = sharedCondition(conditions);
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("ComputePlatform", "Lambda");
        List<Object> tags = mergedTags();
        if (!tags.isEmpty()) {
            application.put("Tags", tags);
        }
        conditioned(out.add(APPLICATION, "AWS::CodeDeploy::Application", application, null), shared);
        if (enabled.values().stream().anyMatch(p -> p.role() == null)) {
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                    "Action", List.of("sts:AssumeRole"), "Effect", "Allow",
                    "Principal", Map.of("Service", List.of("codedeploy.amazonaws.com"))))));
            role.put("ManagedPolicyArns", List.of(ManagedPolicies.arn("AWSCodeDeployRoleForLambda")));
            if (!tags.isEmpty()) {
                role.put("Tags", tags);
            }
            conditioned(out.add(SERVICE_ROLE, "AWS::IAM::Role", role, null), shared);
        }
        for (Preference p : enabled.values()) {
            Map<String, Object> group = new LinkedHashMap<>();
            Object alarms = alarms(p);
            if (alarms != null) {
                group.put("AlarmConfiguration", alarms);
            }
            group.put("ApplicationName", Map.of("Ref", APPLICATION));
            group.put("AutoRollbackConfiguration", Map.of("Enabled", true,
                    "Events", List.of("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_STOP_ON_REQUEST")));
            group.put("DeploymentConfigName", configName(p.type(), null));
            group.put("DeploymentStyle", Map.of("DeploymentType", "BLUE_GREEN", "DeploymentOption", "WITH_TRAFFIC_CONTROL"));
            group.put("ServiceRoleArn", p.role() != null ? p.role() : Map.of("Fn::GetAtt", List.of(SERVICE_ROLE, "Arn")));
            ExecutionRoles.putIfPresent(group, "TriggerConfigurations", p.triggers());
            if (p.tags() != null) {
                group.put("Tags", FunctionExpander.tagList(p.tags()));
            }
            conditioned(out.add(groupId(p.function()), "AWS::CodeDeploy::DeploymentGroup", group, null), p.condition());
        }
    }

    /**
     * When every enabled preference carries a condition, the shared resources get it too: the one
     * condition, or {@code ServerlessCodeDeployCondition} (their Or) added to the template's Conditions.
     */
    private String sharedCondition(Map<String, Object> conditions) {
        if (enabled.values().stream().anyMatch(p -> p.condition() == null)) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        enabled.values().forEach(p -> names.add(p.condition()));
        if (names.size() == 1) {
            return names.iterator().next();
        }
        List<Object> or = new ArrayList<>();
        names.forEach(n -> or.add(Map.of("Condition", n)));
        conditions.put(COMBINED_CONDITION, Map.of("Fn::Or", or));
        return COMBINED_CONDITION;
    }

    private static void conditioned(Map<String, Object> resource, String condition) {
        if (condition != null) {
            resource.put("Condition", condition);
        }
    }

    private List<Object> mergedTags() {
        Map<Object, Object> merged = new LinkedHashMap<>();
        enabled.values().stream().filter(p -> p.tags() != null).forEach(p -> merged.putAll(p.tags()));
        return FunctionExpander.tagList(merged);
    }

    private static Object alarms(Preference p) {
        Object alarms = p.alarms();
        if (alarms == null || alarms instanceof List<?> l && l.isEmpty() || ExecutionRoles.noValue(alarms)) {
            return null;
        }
        if (alarms instanceof Map<?, ?> map && map.get("Fn::If") instanceof List<?> branches && branches.size() == 3) {
            List<Object> out = new ArrayList<>(branches);
            out.set(1, alarmConfiguration(p.function(), branches.get(1)));
            out.set(2, alarmConfiguration(p.function(), branches.get(2)));
            return Map.of("Fn::If", out);
        }
        return alarmConfiguration(p.function(), alarms);
    }

    private static Object alarmConfiguration(String function, Object alarms) {
        if (!(alarms instanceof List<?> list)) {
            throw ServerlessErrors.invalidResource(function, "Alarms must be a list");
        }
        if (list.isEmpty() || ExecutionRoles.noValue(list.getFirst())) {
            return Map.of();
        }
        List<Object> named = new ArrayList<>();
        list.forEach(a -> named.add(Map.of("Name", a)));
        return Map.of("Enabled", true, "Alarms", named);
    }

    /** SAM's predefined types become {@code CodeDeployDefault.Lambda<Type>} through Fn::Sub, also inside intrinsics. */
    private static Object configName(Object value, String key) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(configName(v, null)));
            return out;
        }
        if (value instanceof Map<?, ?> map && Globals.intrinsic(map)) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), configName(v, String.valueOf(k))));
            return out;
        }
        if (value instanceof String type && PREDEFINED.contains(type)) {
            List<Object> sub = List.of("CodeDeployDefault.Lambda${ConfigName}", Map.of("ConfigName", type));
            return "Fn::Sub".equals(key) ? sub : Map.of("Fn::Sub", sub);
        }
        return value;
    }
}
