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
 * policy templates as inline policies {@code <Fn>RolePolicy<index in Policies>} (after the dead-letter
 * queue's and the event invoke destinations' policies).
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
    static Map<String, Object> properties(ServerlessResource fn, Expansion out, List<Object> tags, List<Object> invokePolicies) {
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
        inline.addAll(invokePolicies);
        List<?> policies = policies(fn.property("Policies"));
        for (int index = 0; index < policies.size(); index++) {
            Object policy = policies.get(index);
            String name = roleId + "Policy" + index;
            switch (kind(id, policy)) {
                case MANAGED -> addOnce(managed, conditional(policy, p -> p instanceof String n ? ManagedPolicies.arn(n) : p));
                case DOCUMENT -> inline.add(conditional(policy, p -> inlinePolicy(name, p)));
                case TEMPLATE -> inline.add(conditional(policy, p -> inlinePolicy(name, Map.of("Statement", template(id, p)))));
                case UNKNOWN -> throw ServerlessErrors.invalidResource(id, "Policy at index " + index
                        + " in the 'Policies' property is not valid");
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

    /** What an entry of Policies is, as SAM tells them apart. */
    private enum Kind { MANAGED, DOCUMENT, TEMPLATE, UNKNOWN }

    private static Kind kind(String id, Object policy) {
        if (policy instanceof String) {
            return Kind.MANAGED;
        }
        if (policy instanceof Map<?, ?> map && map.size() == 1 && map.get("Fn::If") instanceof List<?> branches) {
            if (branches.size() != 3 || !(branches.getFirst() instanceof String)) {
                throw ServerlessErrors.invalidDocument("Fn::If requires 3 arguments");
            }
            Kind whenTrue = kind(id, branches.get(1));
            Kind whenFalse = kind(id, branches.get(2));
            if (whenTrue == whenFalse || noValue(branches.get(1))) {
                return whenFalse;
            }
            if (noValue(branches.get(2))) {
                return whenTrue;
            }
            throw ServerlessErrors.invalidDocument("Different policy types within the same Fn::If statement is "
                    + "unsupported. Separate different policy types into different Fn::If statements");
        }
        if (policy instanceof Map<?, ?> map && Globals.intrinsic(map)) {
            return Kind.MANAGED;
        }
        if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
            return Kind.DOCUMENT;
        }
        if (policy instanceof Map<?, ?> map && map.size() == 1 && PolicyTemplates.known(String.valueOf(map.keySet().iterator().next()))) {
            return Kind.TEMPLATE;
        }
        return Kind.UNKNOWN;
    }

    /** {@code policy} converted, or, for an Fn::If, each of its branches that is not AWS::NoValue. */
    private static Object conditional(Object policy, java.util.function.UnaryOperator<Object> convert) {
        if (policy instanceof Map<?, ?> map && map.size() == 1 && map.get("Fn::If") instanceof List<?> branches) {
            List<Object> out = new ArrayList<>(branches);
            for (int i = 1; i <= 2; i++) {
                if (!noValue(branches.get(i))) {
                    out.set(i, convert.apply(branches.get(i)));
                }
            }
            return Map.of("Fn::If", out);
        }
        return convert.apply(policy);
    }

    private static List<Object> template(String id, Object policy) {
        Map.Entry<?, ?> template = ((Map<?, ?>) policy).entrySet().iterator().next();
        return PolicyTemplates.statements(id, String.valueOf(template.getKey()), template.getValue());
    }

    static boolean noValue(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1 && "AWS::NoValue".equals(map.get("Ref"));
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
