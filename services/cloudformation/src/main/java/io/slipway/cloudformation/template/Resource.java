package io.slipway.cloudformation.template;

import java.util.List;
import java.util.Optional;

/**
 * One resource as declared, before evaluation: its properties stay raw (intrinsic functions
 * unresolved) because they can only be evaluated once the resources they refer to exist.
 *
 * @param properties the raw Properties value, null when the resource has none
 */
public record Resource(String logicalId, String type, Object properties, List<String> dependsOn,
                       Optional<String> condition, Optional<String> deletionPolicy,
                       Optional<String> updateReplacePolicy) {

    public Resource {
        dependsOn = List.copyOf(dependsOn);
    }
}
