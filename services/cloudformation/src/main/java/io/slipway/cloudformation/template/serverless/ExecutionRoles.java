package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The execution role SAM generates for a function without {@code Role}: {@code <Fn>Role}, trusted by
 * Lambda (or the function's AssumeRolePolicyDocument), with AWSLambdaBasicExecutionRole, the X-Ray and
 * VPC policies when Tracing or VpcConfig ask for them, and the function's {@code Policies}: managed
 * policy names and ARNs (and intrinsics) as ManagedPolicyArns without repeats, policy documents and
 * policy templates as inline policies {@code <Fn>RolePolicy<index in Policies>}.
 */
final class ExecutionRoles {
    private ExecutionRoles() {
    }

    static Map<String, Object> lambdaTrust() {
        return Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Action", List.of("sts:AssumeRole"), "Effect", "Allow",
                "Principal", Map.of("Service", List.of("lambda.amazonaws.com")))));
    }

    /** The role's properties. */
    static Map<String, Object> properties(ServerlessResource fn, Expansion out, List<Object> tags) {
        String id = fn.logicalId();
        String roleId = id + "Role";
        Object trust = fn.property("AssumeRolePolicyDocument");
        List<Object> managed = new ArrayList<>();
        managed.add(ManagedPolicies.arn(fn.property("DurableConfig") != null
                ? "AWSLambdaBasicDurableExecutionRolePolicy" : "AWSLambdaBasicExecutionRole"));
        Object tracing = fn.property("Tracing");
        if (tracing != null && !"Disabled".equals(out.resolveParameters(tracing))) {
            managed.add(ManagedPolicies.arn("AWSXrayWriteOnlyAccess"));
        }
        if (fn.property("VpcConfig") != null) {
            managed.add(ManagedPolicies.arn("AWSLambdaVPCAccessExecutionRole"));
        }
        List<Object> inline = new ArrayList<>();
        if (fn.property("DeadLetterQueue") instanceof Map<?, ?> dlq) {
            String action = "SNS".equals(dlq.get("Type")) ? "sns:Publish" : "sqs:SendMessage";
            inline.add(Map.of("PolicyName", "DeadLetterQueuePolicy", "PolicyDocument", Map.of("Version", "2012-10-17",
                    "Statement", List.of(Map.of("Action", action, "Resource", dlq.get("TargetArn"), "Effect", "Allow")))));
        }
        List<?> policies = policies(fn.property("Policies"));
        for (int index = 0; index < policies.size(); index++) {
            Object policy = policies.get(index);
            String name = roleId + "Policy" + index;
            if (policy instanceof String managedName) {
                addOnce(managed, ManagedPolicies.arn(managedName));
            } else if (policy instanceof Map<?, ?> map && map.containsKey("Fn::If")) {
                throw ServerlessErrors.invalidResource(id, "Policy at index " + index
                        + " in the 'Policies' property uses Fn::If, which Slipway's SAM transform does not expand.");
            } else if (policy instanceof Map<?, ?> map && Globals.intrinsic(map)) {
                addOnce(managed, policy);
            } else if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
                inline.add(inlinePolicy(name, policy));
            } else if (policy instanceof Map<?, ?> map && map.size() == 1
                    && PolicyTemplates.known(String.valueOf(map.keySet().iterator().next()))) {
                Map.Entry<?, ?> template = map.entrySet().iterator().next();
                List<Object> statements = PolicyTemplates.statements(id, String.valueOf(template.getKey()), template.getValue());
                inline.add(inlinePolicy(name, Map.of("Statement", statements)));
            } else {
                throw ServerlessErrors.invalidResource(id, "Policy at index " + index + " in the 'Policies' property is not valid");
            }
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("AssumeRolePolicyDocument", trust != null ? trust : lambdaTrust());
        props.put("ManagedPolicyArns", managed);
        if (!inline.isEmpty()) {
            props.put("Policies", inline);
        }
        putIfPresent(props, "Path", fn.property("RolePath"));
        putIfPresent(props, "PermissionsBoundary", fn.property("PermissionsBoundary"));
        props.put("Tags", tags);
        return props;
    }

    /** Adds the managed policies a function's events need to its generated role, without repeats. */
    @SuppressWarnings("unchecked")
    static void addManaged(Map<String, Object> role, List<String> arns) {
        Map<String, Object> props = (Map<String, Object>) role.get("Properties");
        List<Object> managed = new ArrayList<>((List<Object>) props.get("ManagedPolicyArns"));
        arns.forEach(arn -> addOnce(managed, arn));
        props.put("ManagedPolicyArns", managed);
    }

    private static List<?> policies(Object value) {
        if (value == null || value instanceof List<?> l && l.isEmpty()) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }

    private static Map<String, Object> inlinePolicy(String name, Object document) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("PolicyName", name);
        policy.put("PolicyDocument", document);
        return policy;
    }

    private static void addOnce(List<Object> list, Object value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
