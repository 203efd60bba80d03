package io.slipway.cloudformation.resource;

import java.util.Map;

/**
 * A resource as it exists: what {@code Ref} answers and what {@code Fn::GetAtt} can read.
 *
 * @param attributes attribute name to value (a string, or a list of strings)
 */
public record Provisioned(String physicalId, Map<String, Object> attributes) {

    public Provisioned {
        attributes = Map.copyOf(attributes);
    }
}
