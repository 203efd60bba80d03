package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events Lambda polls for: {@code SQS}, {@code Kinesis} and {@code DynamoDB} become an
 * {@code AWS::Lambda::EventSourceMapping} named {@code <Fn><EventId>}, and the function's generated
 * role gets the AWS managed policy that lets the poller read the source.
 */
final class PollerEvents {
    /** The mapping's properties SAM passes through, in SAM's order. */
    private static final List<String> PASSED = List.of("StartingPosition", "StartingPositionTimestamp", "BatchSize",
            "Enabled", "MaximumBatchingWindowInSeconds", "MaximumRetryAttempts", "BisectBatchOnFunctionError",
            "MaximumRecordAgeInSeconds", "ParallelizationFactor", "Topics", "Queues", "SourceAccessConfigurations",
            "TumblingWindowInSeconds", "FunctionResponseTypes", "FilterCriteria", "KmsKeyArn", "ScalingConfig",
            "ProvisionedPollerConfig", "MetricsConfig", "LoggingConfig");

    static final String SQS_POLICY = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole";

    private PollerEvents() {
    }

    static String sqs(Event event, Expansion out) {
        mapping(event, out, event.require("Queue"));
        return SQS_POLICY;
    }

    static String kinesis(Event event, Expansion out) {
        Object stream = event.require("Stream");
        event.require("StartingPosition");
        mapping(event, out, stream);
        return "arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole";
    }

    static String dynamoDb(Event event, Expansion out) {
        Object stream = event.require("Stream");
        event.require("StartingPosition");
        mapping(event, out, stream);
        return "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole";
    }

    private static void mapping(Event event, Expansion out, Object sourceArn) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("FunctionName", event.functionName());
        mapping.put("EventSourceArn", sourceArn);
        event.copy(mapping, PASSED);
        if (event.get("DestinationConfig") instanceof Map<?, ?> destination) {
            mapping.put("DestinationConfig", withoutType(destination));
        }
        event.add(out, event.logicalId(), "AWS::Lambda::EventSourceMapping", mapping);
    }

    /**
     * SAM reads {@code OnFailure.Type} (SQS, SNS, S3) to pick the policy it adds, and drops it from
     * what it emits, since the mapping's schema has no such field. UNVERIFIED: the inline policy
     * SAM then adds to the role is not generated here.
     */
    private static Map<String, Object> withoutType(Map<?, ?> destination) {
        Map<String, Object> copy = new LinkedHashMap<>();
        destination.forEach((key, value) -> {
            if ("OnFailure".equals(key) && value instanceof Map<?, ?> onFailure) {
                Map<String, Object> failure = new LinkedHashMap<>();
                onFailure.forEach((k, v) -> {
                    if (!"Type".equals(k)) {
                        failure.put(String.valueOf(k), v);
                    }
                });
                copy.put("OnFailure", failure);
            } else {
                copy.put(String.valueOf(key), value);
            }
        });
        return copy;
    }
}
