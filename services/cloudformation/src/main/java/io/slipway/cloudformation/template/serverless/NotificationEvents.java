package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Events a service pushes: {@code SNS} (a subscription and the permission for sns.amazonaws.com,
 * or a queue in between) and {@code S3} (the permission, and a Lambda notification added to the bucket, which SAM requires
 * in the same template).
 */
final class NotificationEvents {
    private NotificationEvents() {
    }

    /**
     * SNS to the function, or with {@code SqsSubscription} through a queue (one SAM creates,
     * {@code <Fn><EventId>Queue}, or the one given) that the function polls.
     *
     * @return the SQS poller's managed policy when the function polls a queue, else null
     */
    static String sns(Event event, Expansion out) {
        Object topic = event.require("Topic");
        Object sqs = event.get("SqsSubscription");
        if (sqs == null || Boolean.FALSE.equals(sqs)) {
            event.permission(out, event.logicalId() + "Permission", "sns.amazonaws.com", topic, null);
            subscription(event, out, "lambda", event.target().functionArn(), topic);
            return null;
        }
        Object queueArn;
        Object queueUrl;
        String policyId = event.logicalId() + "QueuePolicy";
        Object batchSize = 10;
        String queueId = null;
        if (Boolean.TRUE.equals(sqs)) {
            queueId = event.logicalId() + "Queue";
            queueArn = Map.of("Fn::GetAtt", List.of(queueId, "Arn"));
            queueUrl = Map.of("Ref", queueId);
        } else if (sqs instanceof Map<?, ?> given) {
            queueArn = given.get("QueueArn");
            queueUrl = given.get("QueueUrl");
            if (queueArn == null || queueUrl == null) {
                throw event.invalid("No QueueARN or QueueURL provided.");
            }
            if (given.get("QueuePolicyLogicalId") instanceof String id) {
                policyId = id;
            }
            if (given.get("BatchSize") != null) {
                batchSize = given.get("BatchSize");
            }
        } else {
            throw event.invalid("Property 'SqsSubscription' should be a map.");
        }
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("FunctionName", event.functionName());
        mapping.put("EventSourceArn", queueArn);
        mapping.put("BatchSize", batchSize);
        // SAM enables the mapping whatever SqsSubscription.Enabled says
        mapping.put("Enabled", true);
        event.add(out, event.logicalId() + "EventSourceMapping", "AWS::Lambda::EventSourceMapping", mapping);
        if (queueId != null) {
            Map<String, Object> queue = new LinkedHashMap<>();
            if (fifoTopic(topic, out)) {
                queue.put("FifoQueue", true);
            }
            event.add(out, queueId, "AWS::SQS::Queue", queue);
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Action", "sqs:SendMessage",
                "Effect", "Allow", "Principal", "*", "Resource", queueArn,
                "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", topic))))));
        policy.put("Queues", List.of(queueUrl));
        event.add(out, policyId, "AWS::SQS::QueuePolicy", policy);
        subscription(event, out, "sqs", queueArn, topic);
        return PollerEvents.SQS_POLICY;
    }

    /** Whether the topic is a FIFO topic of the template (a queue subscribed to it must be FIFO too). */
    private static boolean fifoTopic(Object topic, Expansion out) {
        if (topic instanceof Map<?, ?> ref && ref.get("Ref") instanceof String id && out.get(id) != null
                && out.get(id).get("Properties") instanceof Map<?, ?> properties) {
            Object fifo = out.resolveParameters(properties.get("FifoTopic"));
            return Boolean.TRUE.equals(fifo) || "true".equals(fifo);
        }
        return false;
    }

    private static void subscription(Event event, Expansion out, String protocol, Object endpoint, Object topic) {
        Map<String, Object> subscription = new LinkedHashMap<>();
        subscription.put("Protocol", protocol);
        subscription.put("Endpoint", endpoint);
        subscription.put("TopicArn", topic);
        event.copy(subscription, List.of("Region", "FilterPolicy", "FilterPolicyScope", "RedrivePolicy"));
        event.add(out, event.logicalId(), "AWS::SNS::Subscription", subscription);
    }

    @SuppressWarnings("unchecked")
    static void s3(Event event, Expansion out) {
        Object bucketRef = event.require("Bucket");
        Object events = event.require("Events");
        if (!(events instanceof String) && !(events instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            throw ServerlessErrors.invalidResource(event.logicalId(), "Type of property 'Events' is invalid.");
        }
        String bucketId = bucketRef instanceof Map<?, ?> ref && ref.get("Ref") instanceof String id ? id : null;
        Map<String, Object> declared = bucketId == null ? null : out.get(bucketId);
        if (declared == null) {
            throw event.invalid("S3 events must reference an S3 bucket in the same template.");
        }
        Map<String, Object> bucket = new LinkedHashMap<>(declared);
        out.keep(bucketId, bucket);
        String permissionId = event.logicalId() + "Permission";
        event.permission(out, permissionId, "s3.amazonaws.com", null, Map.of("Ref", "AWS::AccountId"));

        // The bucket waits for the permission: S3 checks it may invoke the function when it stores the notification.
        LinkedHashSet<Object> dependsOn = new LinkedHashSet<>();
        Object existing = bucket.get("DependsOn");
        if (existing instanceof List<?> list) {
            dependsOn.addAll(list);
        } else if (existing != null) {
            dependsOn.add(existing);
        }
        dependsOn.add(permissionId);
        bucket.put("DependsOn", new ArrayList<>(dependsOn));

        Map<String, Object> properties = mutable(bucket, "Properties");
        Map<String, Object> notification = mutable(properties, "NotificationConfiguration");
        List<Object> lambdas = notification.get("LambdaConfigurations") instanceof List<?> list
                ? new ArrayList<>(list) : new ArrayList<>();
        for (Object type : events instanceof List<?> list ? list : List.of(events)) {
            Map<String, Object> configuration = new LinkedHashMap<>();
            configuration.put("Function", event.target().functionArn());
            if (event.get("Filter") != null) {
                configuration.put("Filter", event.get("Filter"));
            }
            configuration.put("Event", type);
            Object condition = event.target().function().attributes().get("Condition");
            Object entry = condition == null ? configuration
                    : Map.of("Fn::If", List.of(condition, configuration, Map.of("Ref", "AWS::NoValue")));
            if (!lambdas.contains(entry)) {
                lambdas.add(entry);
            }
        }
        notification.put("LambdaConfigurations", lambdas);
    }

    /** The map under {@code key}, copied so that it can change (templates may hold read-only maps). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutable(Map<String, Object> parent, String key) {
        Map<String, Object> copy = parent.get(key) instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
        parent.put(key, copy);
        return copy;
    }
}
