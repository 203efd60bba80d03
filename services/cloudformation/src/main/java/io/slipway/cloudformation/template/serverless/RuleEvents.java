package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events that EventBridge delivers: {@code Schedule}, {@code CloudWatchEvent} and
 * {@code EventBridgeRule} (an {@code AWS::Events::Rule} targeting the function, and the permission
 * for events.amazonaws.com), and {@code ScheduleV2} (an EventBridge Scheduler schedule with a role
 * of its own that may invoke the function).
 */
final class RuleEvents {
    /** EventBridge's limit on a target id; SAM cuts the logical id to fit the suffix. */
    private static final int TARGET_ID_MAX = 64;
    private static final String TARGET_SUFFIX = "LambdaTarget";

    private RuleEvents() {
    }

    static void schedule(Event event, Expansion out) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("ScheduleExpression", event.require("Schedule"));
        event.putState(rule);
        event.copy(rule, List.of("Name", "Description"));
        event.add(out, event.logicalId(), "AWS::Events::Rule", rule);
        Object queueArn = deadLetterQueue(event, out, true);
        rule.put("Targets", List.of(target(event, targetId(event.logicalId()), List.of("Input"), queueArn)));
        event.permission(out, event.logicalId() + "Permission", "events.amazonaws.com", ruleArn(event), null);
    }

    /** CloudWatchEvent and EventBridgeRule: the same rule, with an event pattern instead of a schedule. */
    static void pattern(Event event, Expansion out) {
        Map<String, Object> rule = new LinkedHashMap<>();
        event.copy(rule, List.of("EventBusName"));
        if (event.get("Pattern") != null) {
            rule.put("EventPattern", event.get("Pattern"));
        }
        if (event.get("RuleName") != null) {
            rule.put("Name", event.get("RuleName"));
        }
        Object queueArn = deadLetterQueue(event, out, true);
        event.putState(rule);
        String targetId = event.get("Target") instanceof Map<?, ?> target && target.get("Id") instanceof String id
                ? id : targetId(event.logicalId());
        rule.put("Targets", List.of(target(event, targetId, List.of("Input", "InputPath"), queueArn)));
        if (event.get("InputTransformer") != null) {
            targetOf(rule).put("InputTransformer", event.get("InputTransformer"));
        }
        event.add(out, event.logicalId(), "AWS::Events::Rule", rule);
        event.permission(out, event.logicalId() + "Permission", "events.amazonaws.com", ruleArn(event), null);
    }

    static void scheduleV2(Event event, Expansion out) {
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("ScheduleExpression", event.require("ScheduleExpression"));
        event.copy(schedule, List.of("State"));
        if (Boolean.TRUE.equals(event.get("OmitName"))) {
            if (event.get("Name") != null) {
                throw event.invalidAs(event.logicalId(), "Name cannot be set when OmitName is True");
            }
        } else {
            schedule.put("Name", event.get("Name") != null ? event.get("Name") : event.logicalId());
        }
        event.copy(schedule, List.of("Description"));
        schedule.put("FlexibleTimeWindow", event.get("FlexibleTimeWindow") != null
                ? event.get("FlexibleTimeWindow") : Map.of("Mode", "OFF"));
        event.copy(schedule, List.of("StartDate", "EndDate", "ScheduleExpressionTimezone", "GroupName", "KmsKeyArn"));
        event.add(out, event.logicalId(), "AWS::Scheduler::Schedule", schedule);
        Object queueArn = deadLetterQueue(event, out, false);

        Object roleArn = event.get("RoleArn");
        if (roleArn == null) {
            String roleId = event.logicalId() + "Role";
            Map<String, Object> role = new LinkedHashMap<>();
            role.put("AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                    "Action", List.of("sts:AssumeRole"), "Effect", "Allow",
                    "Principal", Map.of("Service", List.of("scheduler.amazonaws.com"))))));
            List<Object> policies = new java.util.ArrayList<>();
            policies.add(Map.of("PolicyName", event.logicalId() + "LambdaPolicy", "PolicyDocument",
                    Map.of("Statement", List.of(Map.of("Action", "lambda:InvokeFunction", "Effect", "Allow",
                            "Resource", event.target().functionArn())))));
            if (queueArn != null) {
                policies.add(Map.of("PolicyName", event.logicalId() + "SQSPolicy", "PolicyDocument",
                        Map.of("Statement", List.of(Map.of("Action", "sqs:SendMessage", "Effect", "Allow", "Resource", queueArn)))));
            }
            role.put("Policies", policies);
            if (event.get("PermissionsBoundary") != null) {
                role.put("PermissionsBoundary", event.get("PermissionsBoundary"));
            }
            event.add(out, roleId, "AWS::IAM::Role", role);
            roleArn = Map.of("Fn::GetAtt", List.of(roleId, "Arn"));
        }
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("Arn", event.target().functionArn());
        target.put("RoleArn", roleArn);
        event.copy(target, List.of("Input"));
        deadLetterAndRetry(event, target, queueArn);
        schedule.put("Target", target);
    }

    private static Map<String, Object> target(Event event, String id, List<String> inputs, Object queueArn) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("Arn", event.target().functionArn());
        target.put("Id", id);
        event.copy(target, inputs);
        deadLetterAndRetry(event, target, queueArn);
        return target;
    }

    /** The rule's dead-letter queue, and its retry policy. */
    private static void deadLetterAndRetry(Event event, Map<String, Object> target, Object queueArn) {
        if (queueArn != null) {
            target.put("DeadLetterConfig", Map.of("Arn", queueArn));
        }
        event.copy(target, List.of("RetryPolicy"));
    }

    /**
     * The dead-letter queue's ARN: the one given ({@code Arn}), or a queue SAM creates
     * ({@code Type: SQS}) named {@code QueueLogicalId} or {@code <Fn><EventId>Queue}, which a rule
     * may send to through a queue policy ({@code <Fn><EventId>QueuePolicy}); null without a
     * DeadLetterConfig.
     */
    private static Object deadLetterQueue(Event event, Expansion out, boolean withQueuePolicy) {
        if (!(event.get("DeadLetterConfig") instanceof Map<?, ?> dlq)) {
            return null;
        }
        // SAM names the event by its full logical id in these messages
        String id = event.logicalId();
        if (dlq.containsKey("Arn") && dlq.containsKey("Type")) {
            throw event.invalidAs(id, "You can either define 'Arn' or 'Type' property of DeadLetterConfig.");
        }
        if (dlq.containsKey("Type") && !"SQS".equals(dlq.get("Type"))) {
            throw event.invalidAs(id, "The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.");
        }
        if (!dlq.containsKey("Arn") && !dlq.containsKey("Type")) {
            throw event.invalidAs(id, "No 'Arn' or 'Type' property provided for DeadLetterConfig.");
        }
        if (dlq.get("Arn") != null) {
            return dlq.get("Arn");
        }
        Object queueId = dlq.get("QueueLogicalId");
        if (queueId != null && !(queueId instanceof String)) {
            throw event.invalidAs(id, "QueueLogicalId must be a string");
        }
        String queue = queueId != null ? (String) queueId : id + "Queue";
        event.add(out, queue, "AWS::SQS::Queue", new LinkedHashMap<>());
        Object queueArn = Map.of("Fn::GetAtt", List.of(queue, "Arn"));
        if (withQueuePolicy) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                    "Action", "sqs:SendMessage", "Effect", "Allow", "Principal", Map.of("Service", "events.amazonaws.com"),
                    "Resource", queueArn, "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", ruleArn(event)))))));
            policy.put("Queues", List.of(Map.of("Ref", queue)));
            event.add(out, id + "QueuePolicy", "AWS::SQS::QueuePolicy", policy);
        }
        return queueArn;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> targetOf(Map<String, Object> rule) {
        return (Map<String, Object>) ((List<Object>) rule.get("Targets")).getFirst();
    }

    private static Map<String, Object> ruleArn(Event event) {
        return Map.of("Fn::GetAtt", List.of(event.logicalId(), "Arn"));
    }

    static String targetId(String logicalId) {
        if (logicalId.length() + TARGET_SUFFIX.length() <= TARGET_ID_MAX) {
            return logicalId + TARGET_SUFFIX;
        }
        return logicalId.substring(0, TARGET_ID_MAX - TARGET_SUFFIX.length()) + TARGET_SUFFIX;
    }
}
