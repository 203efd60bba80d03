package io.slipway.codedeploy.deployment;

import io.slipway.codedeploy.config.PredefinedConfigs;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.DeploymentCreator;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.ECSTaskSet;
import io.slipway.model.codedeploy.RollbackInfo;
import io.slipway.model.codedeploy.TargetLabel;

import java.time.Instant;
import java.util.List;

/**
 * Automatic rollback (AWS-BEHAVIOUR.md A.2): a new deployment, created by codeDeployRollback, that
 * puts production back where it was before the failed one, all at once and without hooks. Both
 * deployments name each other in rollbackInfo.
 */
final class Rollbacks {
    private final DeploymentIds ids;
    private final DeploymentEngine engine;

    Rollbacks(DeploymentIds ids, DeploymentEngine engine) {
        this.ids = ids;
        this.engine = engine;
    }

    void start(Tx tx, DeploymentRun failed, Instant now) {
        String rollbackId = ids.newDeploymentId();
        AppSpec spec = engine.appSpec(failed);
        String content;
        List<ECSTaskSet> taskSets = List.of();
        if (spec instanceof AppSpec.Lambda l) {
            // the alias goes back from the version that failed to the one it pointed at before
            content = "version: 0.0\nResources:\n  - " + l.functionName() + ":\n      Type: AWS::Lambda::Function\n"
                    + "      Properties:\n        Name: \"" + l.functionName() + "\"\n        Alias: \"" + l.alias()
                    + "\"\n        CurrentVersion: \"" + l.targetVersion() + "\"\n        TargetVersion: \""
                    + l.currentVersion() + "\"\n";
        } else {
            AppSpec.Ecs e = (AppSpec.Ecs) spec;
            content = "version: 0.0\nResources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties:\n"
                    + "        TaskDefinition: \"" + e.taskDefinition() + "\"\n        LoadBalancerInfo:\n"
                    + "          ContainerName: \"" + e.containerName() + "\"\n          ContainerPort: "
                    + e.containerPort() + "\n";
            // the failed replacement is what serves now; the original task set takes the traffic back
            taskSets = failed.target.taskSets().stream().map(t -> t.toBuilder()
                    .taskSetLabel(t.taskSetLabel() == TargetLabel.GREEN ? TargetLabel.BLUE : TargetLabel.GREEN).build())
                    .toList();
        }
        DeploymentGroupInfo group = DeploymentGroupInfo.builder().applicationName(failed.info.applicationName())
                .deploymentGroupName(failed.info.deploymentGroupName()).computePlatform(failed.info.computePlatform())
                .deploymentStyle(failed.info.deploymentStyle()).loadBalancerInfo(failed.info.loadBalancerInfo())
                .blueGreenDeploymentConfiguration(failed.info.blueGreenDeploymentConfiguration())
                .ecsServices(failed.target.isEcs() ? List.of(ecsService(failed)) : null).build();
        NewDeployment rollback = NewDeployment.of(failed.ns, rollbackId, group,
                PredefinedConfigs.defaultFor(failed.info.computePlatform()),
                NewDeployment.appSpecRevision(content), AppSpecParser.parse(content, failed.info.computePlatform()),
                "Rollback of " + failed.id(), DeploymentCreator.CODE_DEPLOY_ROLLBACK, taskSets, now);
        String message = "Automatic rollback of " + failed.id();
        engine.launch(tx, failed.ns, new NewDeployment(rollback.info().toBuilder()
                .previousRevision(failed.info.revision())
                .rollbackInfo(new RollbackInfo(null, failed.id(), message)).build(), rollback.target()), failed.groupId());
        failed.info = failed.info.toBuilder().rollbackInfo(new RollbackInfo(rollbackId, null,
                "Rolled back by " + rollbackId)).build();
    }

    private static io.slipway.model.codedeploy.ECSService ecsService(DeploymentRun run) {
        String[] clusterService = run.target.targetId().split(":", 2);
        return new io.slipway.model.codedeploy.ECSService(clusterService[1], clusterService[0]);
    }
}
