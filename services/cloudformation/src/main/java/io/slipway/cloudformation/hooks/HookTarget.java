package io.slipway.cloudformation.hooks;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the stack engine is about to do, as hooks see it: one resource, the whole stack, or a
 * change set being created.
 *
 * @param targetType         RESOURCE, STACK or CHANGE_SET
 * @param action             CREATE, UPDATE or DELETE
 * @param changeSetId        the change set's ARN when a change set is created or executed; null otherwise
 * @param targetName         the resource type, or STACK / CHANGE_SET
 * @param logicalId          the resource's logical id; the stack name; the change set ARN
 * @param properties         the proposed properties (a RESOURCE's; empty otherwise)
 * @param previousProperties the properties before the change (empty on create)
 * @param payloadJson        STACK and CHANGE_SET targets: what the hook's payload URL serves; null for RESOURCE
 */
public record HookTarget(String targetType, String action, String stackName, String stackId, String changeSetId,
                         String targetName, String logicalId, Map<String, Object> properties,
                         Map<String, Object> previousProperties, String payloadJson) {
    private static final Set<String> TYPES = Set.of("RESOURCE", "STACK", "CHANGE_SET");
    private static final Set<String> ACTIONS = Set.of("CREATE", "UPDATE", "DELETE");

    public HookTarget {
        if (!TYPES.contains(targetType) || !ACTIONS.contains(action)) {
            throw new IllegalArgumentException("target type " + targetType + " / action " + action);
        }
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(logicalId, "logicalId");
        // Template values may hold nulls, which Map.copyOf refuses; the engine's maps are its own anyway.
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(properties);
        previousProperties = previousProperties == null ? Map.of()
                : java.util.Collections.unmodifiableMap(previousProperties);
        if (!targetType.equals("RESOURCE") && payloadJson == null) {
            throw new IllegalArgumentException(targetType + " targets need a payload");
        }
    }

    public boolean isResource() {
        return targetType.equals("RESOURCE");
    }
}
