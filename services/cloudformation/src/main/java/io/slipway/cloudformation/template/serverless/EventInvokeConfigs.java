package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's {@code EventInvokeConfig} as SAM expands it: {@code <Fn>EventInvokeConfig}
 * (AWS::Lambda::EventInvokeConfig on the alias, or {@code $LATEST}), an SQS queue or SNS topic SAM
 * creates for a destination of that Type given without an ARN ({@code <Fn>EventInvokeConfigOnFailureQueue}
 * / {@code …Topic}), and the inline policies that let the function's generated role reach each
 * destination. A destination given by Fn::If is not expanded (ours: SAM builds conditions for it).
 */
final class EventInvokeConfigs {
    private static final List<String> TYPES = List.of("SQS", "SNS", "EventBridge", "Lambda", "S3Bucket");

    private EventInvokeConfigs() {
    }

    /**
     * Adds the config (and any destination SAM creates).
     *
     * @return the inline policies the generated role gets for the destinations
     */
    static List<Object> add(ServerlessResource fn, String aliasName, String aliasId, Expansion out) {
        String id = fn.logicalId();
        if (!(out.resolveParameters(fn.property("EventInvokeConfig")) instanceof Map<?, ?> config)) {
            throw ServerlessErrors.invalidResource(id, "Property 'EventInvokeConfig' should be a map.");
        }
        String configId = id + "EventInvokeConfig";
        List<Object> policies = new ArrayList<>();
        Map<String, Object> destinations = new LinkedHashMap<>();
        Object given = config.get("DestinationConfig");
        if (given != null) {
            if (!(given instanceof Map<?, ?> destinationConfig)) {
                throw ServerlessErrors.invalidResource(id, "Property 'EventInvokeConfig.DestinationConfig' should be a map.");
            }
            for (String event : List.of("OnSuccess", "OnFailure")) {
                Object value = destinationConfig.get(event);
                if (value == null) {
                    continue;
                }
                if (!(value instanceof Map<?, ?> destination)) {
                    throw ServerlessErrors.invalidResource(id, "Property 'EventInvokeConfig.DestinationConfig." + event
                            + "' should be a map.");
                }
                Object arn = destination(fn, configId + event, destination, out);
                destinations.put(event, Map.of("Destination", arn));
                policies.add(policy(configId + event, String.valueOf(destination.get("Type")), arn));
            }
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("FunctionName", Map.of("Ref", id));
        props.put("Qualifier", aliasName != null ? aliasName : "$LATEST");
        props.put("DestinationConfig", destinations);
        ExecutionRoles.putIfPresent(props, "MaximumEventAgeInSeconds", config.get("MaximumEventAgeInSeconds"));
        ExecutionRoles.putIfPresent(props, "MaximumRetryAttempts", config.get("MaximumRetryAttempts"));
        Map<String, Object> resource = out.add(configId, "AWS::Lambda::EventInvokeConfig", props, fn);
        for (String attribute : List.of("Metadata", "UpdatePolicy")) {
            ExecutionRoles.putIfPresent(resource, attribute, fn.attributes().get(attribute));
        }
        if (aliasId != null) {
            resource.put("DependsOn", List.of(aliasId));
        }
        return policies;
    }

    /** The destination's ARN: as given, or that of the queue or topic SAM creates for it. */
    private static Object destination(ServerlessResource fn, String logicalId, Map<?, ?> destination, Expansion out) {
        Object type = destination.get("Type");
        if (!TYPES.contains(type)) {
            throw ServerlessErrors.invalidResource(fn.logicalId(), "'Type: " + (type == null ? "None" : type)
                    + "' must be one of ['SQS', 'SNS', 'EventBridge', 'Lambda', 'S3Bucket']");
        }
        Object arn = destination.get("Destination");
        if (arn instanceof Map<?, ?> map && map.containsKey("Fn::If")) {
            throw ServerlessErrors.invalidResource(fn.logicalId(), "A Destination given by Fn::If is not supported by "
                    + "Slipway's SAM transform.");
        }
        if (arn != null) {
            return arn;
        }
        if ("SQS".equals(type)) {
            out.add(logicalId + "Queue", "AWS::SQS::Queue", new LinkedHashMap<>(), fn);
            return Map.of("Fn::GetAtt", List.of(logicalId + "Queue", "Arn"));
        }
        if ("SNS".equals(type)) {
            out.add(logicalId + "Topic", "AWS::SNS::Topic", new LinkedHashMap<>(), fn);
            return Map.of("Ref", logicalId + "Topic");
        }
        throw ServerlessErrors.invalidResource(fn.logicalId(), "Destination is required if Type is not ['SQS', 'SNS']");
    }

    /** The inline policy that lets the function reach a destination of {@code type}. */
    private static Map<String, Object> policy(String logicalId, String type, Object arn) {
        List<Object> statements = switch (type) {
            case "SQS" -> List.of(allow("sqs:SendMessage", arn));
            case "SNS" -> List.of(allow("sns:publish", arn));
            case "EventBridge" -> List.of(allow("events:PutEvents", arn));
            case "Lambda" -> List.of(allow("lambda:InvokeFunction", arn));
            default -> List.of(allow("s3:PutObject", Map.of("Fn::Join", List.of("/", List.of(arn, "*")))),
                    allow("s3:ListBucket", arn));
        };
        String suffix = switch (type) {
            case "S3Bucket" -> "S3";
            default -> type;
        };
        return Map.of("PolicyName", logicalId + suffix + "Policy", "PolicyDocument", Map.of("Statement", statements));
    }

    private static Map<String, Object> allow(String action, Object resource) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Action", action);
        statement.put("Effect", "Allow");
        statement.put("Resource", resource);
        return statement;
    }
}
