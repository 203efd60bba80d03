package io.slipway.codedeploy.server;

import io.slipway.codedeploy.deployment.DeploymentIds;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.DeploymentCreator;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.DeploymentStatus;
import io.slipway.model.codedeploy.InstanceInfo;
import io.slipway.model.codedeploy.RollbackInfo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Automatic rollback of a Server deployment: a new deployment, created by codeDeployRollback, of
 * the group's last successful revision to the same instances. Without such a revision there is
 * nothing to roll back to, and none starts.
 */
final class ServerRollback {
    private final CodeDeployStore store;
    private final DeploymentIds ids;

    ServerRollback(CodeDeployStore store, DeploymentIds ids) {
        this.store = store;
        this.ids = ids;
    }

    Optional<String> start(Tx tx, Namespace ns, DeploymentInfo failed, String groupId, ServerDeployments engine,
                           Instant now) {
        if (failed.previousRevision() == null) {
            return Optional.empty();
        }
        List<InstanceInfo> fleet = InstanceRun.targets(tx, store, ns, failed.deploymentId()).stream()
                .map(t -> InstanceInfo.builder().instanceName(t.targetId()).instanceArn(t.targetArn()).build()).toList();
        String id = ids.newDeploymentId();
        DeploymentInfo rollback = failed.toBuilder().deploymentId(id).revision(failed.previousRevision())
                .previousRevision(failed.revision()).status(DeploymentStatus.CREATED).createTime(now).startTime(null)
                .completeTime(null).errorInformation(null).creator(DeploymentCreator.CODE_DEPLOY_ROLLBACK)
                .description("Rollback of " + failed.deploymentId())
                .rollbackInfo(new RollbackInfo(null, failed.deploymentId(), "Automatic rollback of " + failed.deploymentId()))
                .build();
        engine.launch(tx, ns, rollback, groupId, fleet);
        return Optional.of(id);
    }
}
