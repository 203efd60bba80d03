package io.slipway.cloudformation.resource;

import java.util.Map;

/**
 * A resource as it exists: what {@code Ref} answers and what {@code Fn::GetAtt} can read.
 *
 * @param attributes attribute name to value (a string, or a list of strings)
 * @param noEcho     whether the attributes are secret: the stack's outputs that read them are masked
 *                   (a custom resource's response with NoEcho)
 */
public record Provisioned(String physicalId, Map<String, Object> attributes, boolean noEcho) {

    public Provisioned {
        attributes = Map.copyOf(attributes);
    }

    public Provisioned(String physicalId, Map<String, Object> attributes) {
        this(physicalId, attributes, false);
    }
}
