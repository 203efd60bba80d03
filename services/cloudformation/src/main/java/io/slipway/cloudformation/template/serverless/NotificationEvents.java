package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Events a service pushes: {@code SNS} (a subscription and the permission for sns.amazonaws.com)
 * and {@code S3} (the permission, and a Lambda notification added to the bucket, which SAM requires
 * in the same template).
 */
final class NotificationEvents {
    private NotificationEvents() {
    }

    static void sns(Event event, Expansion out) {
        Object topic = event.require("Topic");
        if (event.get("SqsSubscription") != null && !Boolean.FALSE.equals(event.get("SqsSubscription"))) {
            throw event.invalid("SqsSubscription is not supported by Slipway's SAM transform yet.");
        }
        event.permission(out, event.logicalId() + "Permission", "sns.amazonaws.com", topic, null);
        Map<String, Object> subscription = new LinkedHashMap<>();
        subscription.put("Protocol", "lambda");
        subscription.put("Endpoint", event.target().functionArn());
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
