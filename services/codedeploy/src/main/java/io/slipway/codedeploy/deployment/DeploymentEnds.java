package io.slipway.codedeploy.deployment;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;

/**
 * Told, inside the transaction that ends it, that a Lambda or ECS deployment succeeded, failed or
 * was stopped: what waits on a deployment (CloudFormation's alias update policy) can wake at once
 * rather than at its next look. A listener must not fail; what it writes commits with the end.
 */
@FunctionalInterface
public interface DeploymentEnds {
    DeploymentEnds NONE = (tx, ns, deploymentId) -> {
    };

    void ended(Tx tx, Namespace ns, String deploymentId);
}
