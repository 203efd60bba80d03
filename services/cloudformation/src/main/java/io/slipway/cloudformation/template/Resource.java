package io.slipway.cloudformation.template;

import java.util.List;
import java.util.Optional;

/**
 * One resource as declared, before evaluation: its properties stay raw (intrinsic functions
 * unresolved) because they can only be evaluated once the resources they refer to exist.
 *
 * @param properties   the raw Properties value, null when the resource has none
 * @param updatePolicy the raw UpdatePolicy value, null when the resource has none (evaluated like
 *                     properties: CodeDeployLambdaAliasUpdate names its application with Ref)
 */
public record Resource(String logicalId, String type, Object properties, List<String> dependsOn,
                       Optional<String> condition, Optional<String> deletionPolicy,
                       Optional<String> updateReplacePolicy, Object updatePolicy) {

    public Resource {
        dependsOn = List.copyOf(dependsOn);
    }

    public Resource(String logicalId, String type, Object properties, List<String> dependsOn,
                    Optional<String> condition, Optional<String> deletionPolicy, Optional<String> updateReplacePolicy) {
        this(logicalId, type, properties, dependsOn, condition, deletionPolicy, updateReplacePolicy, null);
    }
}
