package io.slipway.it;

import io.slipway.engine.clock.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ECS blue/green deployments: task sets and listeners modelled by Slipway, hooks really called. */
class EcsDeploymentsIT {
    static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    static final HookFunctionServer hooks = new HookFunctionServer(() -> EcsDeploymentsIT.slipway.codeDeploy());
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withFunctions(List.of(hooks.target("pass"),
            hooks.target("fail"))), clock);
    private final CodeDeployClient cd = slipway.codeDeploy();

    @BeforeAll
    static void application() {
        hooks.answer("pass", LifecycleEventStatus.SUCCEEDED);
        hooks.answer("fail", LifecycleEventStatus.FAILED);
        slipway.codeDeploy().createApplication(r -> r.applicationName("shop").computePlatform(ComputePlatform.ECS));
    }

    @AfterAll
    static void stopHooks() {
        hooks.close();
    }

    private void group(String name, String service, int terminationWaitMinutes, boolean rollBack) {
        group(name, service, terminationWaitMinutes, rollBack, null);
    }

    private void group(String name, String service, int terminationWaitMinutes, boolean rollBack, Integer readyWaitMinutes) {
        cd.createDeploymentGroup(r -> r.applicationName("shop").deploymentGroupName(name)
                .serviceRoleArn("arn:aws:iam::000000000000:role/cd").deploymentConfigName("CodeDeployDefault.ECSAllAtOnce")
                .deploymentStyle(s -> s.deploymentType(DeploymentType.BLUE_GREEN).deploymentOption(DeploymentOption.WITH_TRAFFIC_CONTROL))
                .blueGreenDeploymentConfiguration(b -> b.terminateBlueInstancesOnDeploymentSuccess(
                        t -> t.action(InstanceAction.TERMINATE).terminationWaitTimeInMinutes(terminationWaitMinutes))
                        .deploymentReadyOption(readyWaitMinutes == null ? null : DeploymentReadyOption.builder()
                                .actionOnTimeout(DeploymentReadyAction.STOP_DEPLOYMENT).waitTimeInMinutes(readyWaitMinutes).build()))
                .ecsServices(ECSService.builder().clusterName("prod").serviceName(service).build())
                .loadBalancerInfo(l -> l.targetGroupPairInfoList(TargetGroupPairInfo.builder()
                        .targetGroups(TargetGroupInfo.builder().name("tg-blue").build(), TargetGroupInfo.builder().name("tg-green").build())
                        .prodTrafficRoute(p -> p.listenerArns("arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/web/1/2"))
                        .build()))
                .autoRollbackConfiguration(a -> a.enabled(rollBack).events(rollBack ? List.of(AutoRollbackEvent.DEPLOYMENT_FAILURE) : List.of())));
    }

    private static String appSpec(String afterInstall, String afterAllowTraffic) {
        return "{\"version\": 0.0, \"Resources\": [{\"TargetService\": {\"Type\": \"AWS::ECS::Service\", \"Properties\": {"
                + "\"TaskDefinition\": \"arn:aws:ecs:us-east-1:000000000000:task-definition/web:7\","
                + "\"LoadBalancerInfo\": {\"ContainerName\": \"web\", \"ContainerPort\": 8080}}}}],"
                + "\"Hooks\": [{\"AfterInstall\": \"" + afterInstall + "\"}, {\"AfterAllowTraffic\": \"" + afterAllowTraffic + "\"}]}";
    }

    private String deploy(String group, String spec) {
        String id = cd.createDeployment(r -> r.applicationName("shop").deploymentGroupName(group)
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(spec))))
                .deploymentId();
        slipway.awaitIdle();
        return id;
    }

    private ECSTarget target(String id, String service) {
        return cd.getDeploymentTarget(r -> r.deploymentId(id).targetId("prod:" + service)).deploymentTarget().ecsTarget();
    }

    @Test
    void blueGreenWalksEveryEventAndEndsOnTheReplacementTaskSet() {
        group("web", "web-svc", 0, false);
        String id = deploy("web", appSpec("pass", "pass"));
        assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        ECSTarget t = target(id, "web-svc");
        assertThat(t.lifecycleEvents()).extracting(LifecycleEvent::lifecycleEventName).containsExactly("BeforeInstall",
                "Install", "AfterInstall", "AllowTestTraffic", "AfterAllowTestTraffic", "BeforeAllowTraffic",
                "AllowTraffic", "AfterAllowTraffic");
        assertThat(t.lifecycleEvents()).allMatch(e -> e.status() == LifecycleEventStatus.SUCCEEDED);
        assertThat(t.targetArn()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/prod/web-svc");
        assertThat(t.taskSetsInfo()).hasSize(1);
        ECSTaskSet serving = t.taskSetsInfo().getFirst();
        assertThat(serving.status()).isEqualTo("PRIMARY");
        assertThat(serving.trafficWeight()).isEqualTo(100.0);
        assertThat(serving.targetGroup().name()).isEqualTo("tg-green");
        assertThat(hooks.received).filteredOn(r -> r.contains(id)).hasSize(2);
        // the next deployment starts from what serves now, and names the revision it replaces
        String next = deploy("web", appSpec("pass", "pass"));
        assertThat(cd.getDeployment(r -> r.deploymentId(next)).deploymentInfo().previousRevision().appSpecContent().content())
                .isEqualTo(appSpec("pass", "pass"));
        assertThat(target(next, "web-svc").taskSetsInfo()).extracting(ECSTaskSet::targetGroup).extracting(TargetGroupInfo::name)
                .containsExactly("tg-blue");
    }

    @Test
    void theOriginalTaskSetWaitsForItsTerminationUnlessContinued() {
        group("slow-drain", "drain-svc", 60, false);
        String id = deploy("slow-drain", appSpec("pass", "pass"));
        DeploymentInfo waiting = cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        assertThat(waiting.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(waiting.instanceTerminationWaitTimeStarted()).isTrue();
        assertThat(target(id, "drain-svc").taskSetsInfo()).extracting(ECSTaskSet::trafficWeight).containsExactly(0.0, 100.0);
        assertThatThrownBy(() -> cd.continueDeployment(r -> r.deploymentId(id).deploymentWaitType(DeploymentWaitType.READY_WAIT)))
                .isInstanceOf(DeploymentIsNotInReadyStateException.class);
        cd.continueDeployment(r -> r.deploymentId(id).deploymentWaitType(DeploymentWaitType.TERMINATION_WAIT));
        slipway.awaitIdle();
        assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(target(id, "drain-svc").taskSetsInfo()).hasSize(1);
        assertThatThrownBy(() -> cd.continueDeployment(r -> r.deploymentId(id).deploymentWaitType(DeploymentWaitType.TERMINATION_WAIT)))
                .isInstanceOf(DeploymentAlreadyCompletedException.class);
    }

    @Test
    void aWaitEndsByItselfOnTheEnginesClock() {
        group("timed-drain", "timed-svc", 5, false);
        String id = deploy("timed-drain", appSpec("pass", "pass"));
        clock.advance(Duration.ofMinutes(5));
        slipway.awaitIdle();
        assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aFailedHookAfterTrafficMovedRollsBackToTheOriginalTaskSet() {
        group("guarded", "guarded-svc", 0, true);
        String id = deploy("guarded", appSpec("pass", "fail"));
        DeploymentInfo failed = cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        String rollbackId = failed.rollbackInfo().rollbackDeploymentId();
        DeploymentInfo rollback = cd.getDeployment(r -> r.deploymentId(rollbackId)).deploymentInfo();
        assertThat(rollback.creator()).isEqualTo(DeploymentCreator.CODE_DEPLOY_ROLLBACK);
        assertThat(rollback.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        List<ECSTaskSet> sets = target(rollbackId, "guarded-svc").taskSetsInfo();
        assertThat(sets).hasSize(1);
        assertThat(sets.getFirst().targetGroup().name()).isEqualTo("tg-blue");
        assertThat(sets.getFirst().trafficWeight()).isEqualTo(100.0);
    }

    @Test
    void aFailureBeforeInstallChangesNothingAndDoesNotRollBack() {
        group("early", "early-svc", 0, true);
        String spec = appSpec("pass", "pass").replace("{\"AfterInstall\": \"pass\"}", "{\"BeforeInstall\": \"fail\"}");
        String id = deploy("early", spec);
        DeploymentInfo failed = cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(failed.rollbackInfo()).isNull();
        assertThat(target(id, "early-svc").taskSetsInfo()).extracting(ECSTaskSet::targetGroup)
                .extracting(TargetGroupInfo::name).containsExactly("tg-blue");
    }

    @Test
    void aReadyDeploymentWaitsForContinueBeforeProductionTrafficMoves() {
        group("gated", "gated-svc", 0, false, 30);
        String id = deploy("gated", appSpec("pass", "pass"));
        DeploymentInfo ready = cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        assertThat(ready.status()).isEqualTo(DeploymentStatus.READY);
        assertThat(ready.deploymentOverview().ready()).isEqualTo(1);
        ECSTarget t = target(id, "gated-svc");
        assertThat(t.status()).isEqualTo(TargetStatus.READY);
        assertThat(t.taskSetsInfo()).extracting(ECSTaskSet::trafficWeight).containsExactly(100.0, 0.0);
        assertThatThrownBy(() -> cd.continueDeployment(r -> r.deploymentId(id).deploymentWaitType(DeploymentWaitType.TERMINATION_WAIT)))
                .isInstanceOf(InvalidDeploymentStatusException.class);
        cd.continueDeployment(r -> r.deploymentId(id).deploymentWaitType(DeploymentWaitType.READY_WAIT));
        slipway.awaitIdle();
        assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        DeploymentGroupInfo group = cd.getDeploymentGroup(r -> r.applicationName("shop").deploymentGroupName("gated"))
                .deploymentGroupInfo();
        assertThat(group.lastSuccessfulDeployment().deploymentId()).isEqualTo(id);
        assertThat(group.lastAttemptedDeployment().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aReadyDeploymentNotContinuedInTimeStops() {
        group("gated-timeout", "timeout-svc", 0, false, 10);
        String id = deploy("gated-timeout", appSpec("pass", "pass"));
        clock.advance(Duration.ofMinutes(10));
        slipway.awaitIdle();
        DeploymentInfo stopped = cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        assertThat(stopped.status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(stopped.errorInformation().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(cd.getDeploymentGroup(r -> r.applicationName("shop").deploymentGroupName("gated-timeout"))
                .deploymentGroupInfo().lastSuccessfulDeployment()).isNull();
    }
}
