package io.slipway.cloudformation.template.serverless;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::*} resource as the template declares it, its Globals already merged
 * into {@code properties}.
 *
 * @param attributes the resource's other keys (Condition, DependsOn, Metadata, DeletionPolicy,
 *                   UpdateReplacePolicy, UpdatePolicy), which SAM passes on to the resources it
 *                   generates (see {@link #passedOn})
 */
public record ServerlessResource(String logicalId, String type, Map<String, Object> properties,
                                 Map<String, Object> attributes) {

    /**
     * The attributes SAM copies from a SAM resource onto each resource generated from it. DependsOn,
     * Metadata and UpdatePolicy stay on the main resource (the function), as SAM keeps them.
     */
    private static final List<String> PASSED_ON = List.of("Condition", "DeletionPolicy", "UpdateReplacePolicy");

    public ServerlessResource {
        properties = properties == null ? Map.of() : properties;
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** A property, or null when absent. */
    public Object property(String name) {
        return properties.get(name);
    }

    /** The attributes that generated resources inherit (Condition, DeletionPolicy, UpdateReplacePolicy). */
    public Map<String, Object> passedOn() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : PASSED_ON) {
            if (attributes.containsKey(name)) {
                out.put(name, attributes.get(name));
            }
        }
        return out;
    }
}
