package io.slipway.cloudformation.template.serverless;

import io.slipway.cloudformation.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a function's {@code Events}: SAM names what it generates {@code <Fn><EventId>} and
 * reports its problems as {@code Event with id [EventId] is invalid. ...} on the function.
 *
 * @param functionEventIds the ids of all the function's events, in template order (SAM's order of
 *                         API paths depends on them)
 */
record Event(Events.Target target, String id, String type, Map<String, Object> properties, List<String> functionEventIds) {

    /** {@code <Fn><EventId>}, the logical id of the event's main resource. */
    String logicalId() {
        return target.functionLogicalId() + id;
    }

    Object get(String name) {
        return properties.get(name);
    }

    /** A required property: SAM's "Missing required property" when absent. */
    Object require(String name) {
        Object value = properties.get(name);
        if (value == null) {
            // SAM validates the event as a resource of its own, so the error names <Fn><EventId>
            throw ServerlessErrors.invalidResource(logicalId(), "Missing required property '" + name + "'.");
        }
        return value;
    }

    /** Properties that must be present and strings, in SAM's words when one is not. */
    void requireStrings(String... names) {
        for (String name : names) {
            Object value = get(name);
            if (value == null) {
                throw invalid("Property '" + name + "' is required.");
            }
            if (!(value instanceof String)) {
                throw invalid("Property '" + name + "' should be a string.");
            }
        }
    }

    TemplateException invalid(String message) {
        return invalidAs(id, message);
    }

    /** An invalid event named {@code eventId} (some of SAM's checks name the event by its full logical id). */
    TemplateException invalidAs(String eventId, String message) {
        return ServerlessErrors.invalidResource(target.functionLogicalId(), "Event with id [" + eventId + "] is invalid. " + message);
    }

    /** Copies the properties present of {@code names} into {@code into}, in that order. */
    void copy(Map<String, Object> into, List<String> names) {
        for (String name : names) {
            if (properties.get(name) != null) {
                into.put(name, properties.get(name));
            }
        }
    }

    /** Adds a generated resource inheriting the function's attributes. */
    Map<String, Object> add(Expansion out, String logicalId, String resourceType, Map<String, Object> resourceProperties) {
        return passThrough(out.add(logicalId, resourceType, resourceProperties, null), target.function());
    }

    /** Adds the SAM resource's DependsOn, which SAM keeps on the main resource it generates (table, API, stack). */
    static Map<String, Object> withDependsOn(Map<String, Object> generated, ServerlessResource from) {
        if (from != null && from.attributes().get("DependsOn") != null) {
            generated.put("DependsOn", from.attributes().get("DependsOn"));
        }
        return generated;
    }

    /**
     * Copies the attributes SAM passes from a SAM resource to what its events and APIs generate:
     * Condition, DeletionPolicy and UpdateReplacePolicy, not DependsOn (the dependencies are the
     * SAM resource's own).
     */
    static Map<String, Object> passThrough(Map<String, Object> generated, ServerlessResource from) {
        if (from != null) {
            for (String name : List.of("Condition", "DeletionPolicy", "UpdateReplacePolicy")) {
                if (from.attributes().get(name) != null) {
                    generated.put(name, from.attributes().get(name));
                }
            }
        }
        return generated;
    }

    /**
     * What SAM puts in a permission's or mapping's FunctionName: the function's name ({@code Ref}) when
     * events point at the function, the alias's ARN when they point at the alias.
     */
    Object functionName() {
        if (target.functionArn() instanceof Map<?, ?> arn && arn.get("Fn::GetAtt") instanceof List<?> getAtt
                && getAtt.size() == 2 && "Arn".equals(getAtt.get(1))) {
            return Map.of("Ref", getAtt.get(0));
        }
        return target.functionArn();
    }

    /** An {@code AWS::Lambda::Permission} letting {@code principal} invoke the target. */
    Map<String, Object> permission(Expansion out, String logicalId, String principal, Object sourceArn, Object sourceAccount) {
        Map<String, Object> permission = new LinkedHashMap<>();
        permission.put("Action", "lambda:InvokeFunction");
        permission.put("FunctionName", functionName());
        permission.put("Principal", principal);
        if (sourceArn != null) {
            permission.put("SourceArn", sourceArn);
        }
        if (sourceAccount != null) {
            permission.put("SourceAccount", sourceAccount);
        }
        return add(out, logicalId, "AWS::Lambda::Permission", permission);
    }

    /** {@code Enabled} and {@code State} both set the rule's state; SAM refuses both together. */
    void putState(Map<String, Object> into) {
        Object state = properties.get("State");
        Object enabled = properties.get("Enabled");
        if (state != null && enabled != null) {
            throw invalid("State and Enabled Properties cannot both be specified.");
        }
        if (state != null) {
            into.put("State", state);
        }
        if (enabled != null) {
            into.put("State", Boolean.TRUE.equals(enabled) || "true".equals(enabled) ? "ENABLED" : "DISABLED");
        }
    }
}
