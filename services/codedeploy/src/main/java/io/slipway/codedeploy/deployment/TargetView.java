package io.slipway.codedeploy.deployment;

import io.slipway.model.codedeploy.DeploymentTarget;
import io.slipway.model.codedeploy.DeploymentTargetType;
import io.slipway.model.codedeploy.ECSTarget;
import io.slipway.model.codedeploy.ECSTaskSet;
import io.slipway.model.codedeploy.LambdaFunctionInfo;
import io.slipway.model.codedeploy.LambdaTarget;
import io.slipway.model.codedeploy.LifecycleEvent;
import io.slipway.model.codedeploy.TargetStatus;

import java.time.Instant;
import java.util.List;

/** Reads and rewrites a Lambda or ECS deployment target the same way, whichever it is (and reads instance targets). */
record TargetView(DeploymentTarget target) {

    boolean isEcs() {
        return target.deploymentTargetType() == DeploymentTargetType.ECS_TARGET;
    }

    String targetId() {
        return target.instanceTarget() != null ? target.instanceTarget().targetId()
                : isEcs() ? target.ecsTarget().targetId() : target.lambdaTarget().targetId();
    }

    List<LifecycleEvent> events() {
        return isEcs() ? target.ecsTarget().lifecycleEvents() : target.lambdaTarget().lifecycleEvents();
    }

    TargetStatus status() {
        return target.instanceTarget() != null ? target.instanceTarget().status()
                : isEcs() ? target.ecsTarget().status() : target.lambdaTarget().status();
    }

    LambdaFunctionInfo lambda() {
        return target.lambdaTarget().lambdaFunctionInfo();
    }

    List<ECSTaskSet> taskSets() {
        return target.ecsTarget().taskSetsInfo();
    }

    TargetView with(List<LifecycleEvent> events, TargetStatus status, Instant now) {
        if (isEcs()) {
            return new TargetView(new DeploymentTarget(DeploymentTargetType.ECS_TARGET, null, null,
                    target.ecsTarget().toBuilder().lifecycleEvents(events).status(status).lastUpdatedAt(now).build(),
                    null));
        }
        return new TargetView(new DeploymentTarget(DeploymentTargetType.LAMBDA_TARGET, null,
                target.lambdaTarget().toBuilder().lifecycleEvents(events).status(status).lastUpdatedAt(now).build(),
                null, null));
    }

    TargetView withLambda(LambdaFunctionInfo info) {
        return new TargetView(new DeploymentTarget(DeploymentTargetType.LAMBDA_TARGET, null,
                target.lambdaTarget().toBuilder().lambdaFunctionInfo(info).build(), null, null));
    }

    TargetView withTaskSets(List<ECSTaskSet> taskSets) {
        return new TargetView(new DeploymentTarget(DeploymentTargetType.ECS_TARGET, null, null,
                target.ecsTarget().toBuilder().taskSetsInfo(taskSets).build(), null));
    }

    static TargetView lambda(LambdaTarget t) {
        return new TargetView(new DeploymentTarget(DeploymentTargetType.LAMBDA_TARGET, null, t, null, null));
    }

    static TargetView ecs(ECSTarget t) {
        return new TargetView(new DeploymentTarget(DeploymentTargetType.ECS_TARGET, null, null, t, null));
    }
}
