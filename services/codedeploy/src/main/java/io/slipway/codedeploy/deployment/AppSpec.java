package io.slipway.codedeploy.deployment;

import java.util.Map;

/**
 * What a Lambda or ECS AppSpec says (AWS-BEHAVIOUR.md A.2): the one resource to deploy and the
 * hook function for each hookable lifecycle event.
 */
public sealed interface AppSpec {

    /** Lifecycle event name -> hook function name or ARN. */
    Map<String, String> hooks();

    record Lambda(String functionName, String alias, String currentVersion, String targetVersion,
                  Map<String, String> hooks) implements AppSpec {
    }

    record Ecs(String taskDefinition, String containerName, int containerPort, Map<String, String> hooks)
            implements AppSpec {
    }
}
