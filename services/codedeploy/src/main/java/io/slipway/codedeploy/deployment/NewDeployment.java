package io.slipway.codedeploy.deployment;

import io.slipway.core.Namespace;
import io.slipway.model.codedeploy.AppSpecContent;
import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.DeploymentCreator;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.DeploymentOverview;
import io.slipway.model.codedeploy.DeploymentStatus;
import io.slipway.model.codedeploy.ECSTarget;
import io.slipway.model.codedeploy.ECSTaskSet;
import io.slipway.model.codedeploy.FileExistsBehavior;
import io.slipway.model.codedeploy.LambdaFunctionInfo;
import io.slipway.model.codedeploy.LambdaTarget;
import io.slipway.model.codedeploy.LifecycleEvent;
import io.slipway.model.codedeploy.LifecycleEventStatus;
import io.slipway.model.codedeploy.RevisionLocation;
import io.slipway.model.codedeploy.RevisionLocationType;
import io.slipway.model.codedeploy.TargetGroupInfo;
import io.slipway.model.codedeploy.TargetLabel;
import io.slipway.model.codedeploy.TargetStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The first state of a deployment, for a user's CreateDeployment and for an automatic rollback:
 * its DeploymentInfo in status Created and its one target with every lifecycle event Pending.
 * ECS task sets and listeners are modelled here, not run: Slipway starts no containers.
 */
record NewDeployment(DeploymentInfo info, TargetView target) {

    static NewDeployment of(Namespace ns, String deploymentId, DeploymentGroupInfo group, String configName,
                            RevisionLocation revision, AppSpec spec, String description, DeploymentCreator creator,
                            List<ECSTaskSet> currentTaskSets, Instant now) {
        ComputePlatform platform = group.computePlatform();
        DeploymentInfo info = info(deploymentId, group, configName, revision, description, creator, now);
        List<LifecycleEvent> events = LifecyclePlan.events(platform).stream()
                .map(e -> new LifecycleEvent(e, null, null, null, LifecycleEventStatus.PENDING)).toList();
        TargetView target = switch (spec) {
            case AppSpec.Lambda l -> TargetView.lambda(new LambdaTarget(deploymentId, l.functionName(),
                    "arn:aws:lambda:" + ns.region() + ":" + ns.account() + ":function:" + l.functionName() + ":" + l.alias(),
                    TargetStatus.PENDING, now, events,
                    new LambdaFunctionInfo(l.functionName(), l.alias(), l.currentVersion(), l.targetVersion(), 0.0)));
            case AppSpec.Ecs e -> {
                var service = group.ecsServices().getFirst();
                yield TargetView.ecs(new ECSTarget(deploymentId, service.clusterName() + ":" + service.serviceName(),
                        "arn:aws:ecs:" + ns.region() + ":" + ns.account() + ":service/" + service.clusterName() + "/"
                                + service.serviceName(), now, events, TargetStatus.PENDING, currentTaskSets));
            }
        };
        return new NewDeployment(info, target);
    }

    /** A deployment of any compute platform in status Created, as AWS shows it before it starts. */
    static DeploymentInfo info(String deploymentId, DeploymentGroupInfo group, String configName,
                               RevisionLocation revision, String description, DeploymentCreator creator,
                               Instant now) {
        return DeploymentInfo.builder().applicationName(group.applicationName())
                .deploymentGroupName(group.deploymentGroupName()).deploymentConfigName(configName)
                .deploymentId(deploymentId).revision(revision).status(DeploymentStatus.CREATED).createTime(now)
                .deploymentOverview(new DeploymentOverview(1L, 0L, 0L, 0L, 0L, 0L)).description(description)
                .creator(creator).ignoreApplicationStopFailures(false)
                .autoRollbackConfiguration(group.autoRollbackConfiguration()).updateOutdatedInstancesOnly(false)
                .deploymentStyle(group.deploymentStyle()).instanceTerminationWaitTimeStarted(false)
                .blueGreenDeploymentConfiguration(group.blueGreenDeploymentConfiguration())
                .loadBalancerInfo(group.loadBalancerInfo()).fileExistsBehavior(FileExistsBehavior.DISALLOW)
                .deploymentStatusMessages(List.of()).computePlatform(group.computePlatform()).build();
    }

    /** The task set serving production before a group's first deployment: the Blue one, on the first target group. */
    static List<ECSTaskSet> originalTaskSets(DeploymentGroupInfo group, String identifier) {
        TargetGroupInfo blue = group.loadBalancerInfo().targetGroupPairInfoList().getFirst().targetGroups().getFirst();
        return List.of(new ECSTaskSet(identifier, 1L, 0L, 1L, "PRIMARY", 100.0, blue, TargetLabel.BLUE));
    }

    /** A revision given as AppSpec content, with the SHA-256 AWS reports for it. */
    static RevisionLocation appSpecRevision(String content) {
        return RevisionLocation.builder().revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                .appSpecContent(new AppSpecContent(content, sha256(content))).build();
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
