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

/** Lambda deployments that run: hooks called and answered, traffic shifted on the engine's clock. */
class LambdaDeploymentsIT {
    static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    static final HookFunctionServer hooks = new HookFunctionServer(() -> LambdaDeploymentsIT.slipway.codeDeploy());
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withFunctions(List.of(hooks.target("pass"),
            hooks.target("fail"), hooks.target("mute"))), clock);
    private static final String ROLE = "arn:aws:iam::000000000000:role/cd";
    private final CodeDeployClient cd = slipway.codeDeploy();

    @BeforeAll
    static void application() {
        hooks.answer("pass", LifecycleEventStatus.SUCCEEDED);
        hooks.answer("fail", LifecycleEventStatus.FAILED);
        CodeDeployClient cd = slipway.codeDeploy();
        cd.createApplication(r -> r.applicationName("fn-app").computePlatform(ComputePlatform.LAMBDA));
        LambdaFixtures.checkout(slipway.endpoint(), "AKIDEXAMPLE");
    }

    @AfterAll
    static void stopHooks() {
        hooks.close();
    }

    private String group(String name, String config) {
        cd.createDeploymentGroup(r -> r.applicationName("fn-app").deploymentGroupName(name).serviceRoleArn(ROLE)
                .deploymentConfigName(config));
        return name;
    }

    private String deploy(String group, String spec) {
        String id = cd.createDeployment(r -> r.applicationName("fn-app").deploymentGroupName(group)
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(spec))))
                .deploymentId();
        slipway.awaitIdle();
        return id;
    }

    private DeploymentInfo info(String id) {
        return cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
    }

    private LambdaTarget target(String id) {
        return cd.getDeploymentTarget(r -> r.deploymentId(id).targetId("checkout")).deploymentTarget().lambdaTarget();
    }

    private static List<String> events(LambdaTarget t) {
        return t.lifecycleEvents().stream().map(e -> e.lifecycleEventName() + ":" + e.statusAsString()).toList();
    }

    @Test
    void hooksAreCalledWithTheirEventAndTheDeploymentSucceeds() {
        String id = deploy(group("ok", "CodeDeployDefault.LambdaAllAtOnce"), LambdaFixtures.appSpec("pass", "pass"));
        assertThat(id).matches("d-[A-Z0-9]{9}");
        DeploymentInfo d = info(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.creator()).isEqualTo(DeploymentCreator.USER);
        assertThat(d.completeTime()).isNotNull();
        assertThat(d.deploymentOverview().succeeded()).isEqualTo(1);
        assertThat(d.revision().appSpecContent().sha256()).hasSize(64);
        assertThat(events(target(id))).containsExactly("BeforeAllowTraffic:Succeeded", "AllowTraffic:Succeeded",
                "AfterAllowTraffic:Succeeded");
        assertThat(target(id).lambdaFunctionInfo().targetVersionWeight()).isEqualTo(100.0);
        assertThat(hooks.received).filteredOn(r -> r.contains(id)).hasSize(2)
                .allMatch(r -> r.matches("pass \\{\"DeploymentId\":\"" + id + "\",\"LifecycleEventHookExecutionId\":\"[A-Za-z0-9+/=]+\"}"));
        assertThat(cd.listDeploymentTargets(r -> r.deploymentId(id)).targetIds()).containsExactly("checkout");
        assertThat(cd.listDeployments(r -> r.applicationName("fn-app").deploymentGroupName("ok")).deployments()).containsExactly(id);
    }

    @Test
    void aHookThatReportsFailedFailsTheDeployment() {
        String id = deploy(group("bad", "CodeDeployDefault.LambdaAllAtOnce"), LambdaFixtures.appSpec("fail", "pass"));
        DeploymentInfo d = info(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.errorInformation().code()).isEqualTo(ErrorCode.HOOK_EXECUTION_FAILURE);
        assertThat(events(target(id))).containsExactly("BeforeAllowTraffic:Failed", "AllowTraffic:Skipped",
                "AfterAllowTraffic:Skipped");
        assertThat(d.rollbackInfo()).isNull(); // no rollback configured
    }

    @Test
    void aHookThatNeverReportsTimesOutAfterAnHourAndLateReportsAreRefused() {
        String id = deploy(group("slow", "CodeDeployDefault.LambdaAllAtOnce"), LambdaFixtures.appSpec("mute", null));
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        String execution = pendingExecution(id);
        clock.advance(Duration.ofMinutes(59));
        slipway.awaitIdle();
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        clock.advance(Duration.ofMinutes(2));
        slipway.awaitIdle();
        DeploymentInfo d = info(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.errorInformation().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThatThrownBy(() -> cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id)
                .lifecycleEventHookExecutionId(execution).status(LifecycleEventStatus.SUCCEEDED)))
                .isInstanceOf(LifecycleEventAlreadyCompletedException.class);
    }

    /** The hook execution a deployment waits on, as Slipway's admin endpoint lists it. */
    private static String pendingExecution(String deploymentId) {
        String body = RawHttp.get(slipway.endpoint() + "/_slipway/codedeploy/hook-executions").body();
        var m = java.util.regex.Pattern.compile("\"deploymentId\":\"" + deploymentId
                + "\",\"lifecycleEventName\":\"\\w+\",\"functionName\":\"[^\"]+\",\"lifecycleEventHookExecutionId\":\"([^\"]+)\"")
                .matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    @Test
    void aPersonCanAnswerAHookAndEveryBadReportGetsItsException() {
        String id = deploy(group("manual", "CodeDeployDefault.LambdaAllAtOnce"), LambdaFixtures.appSpec("mute", null));
        String execution = pendingExecution(id);
        assertThatThrownBy(() -> cd.putLifecycleEventHookExecutionStatus(r -> r.lifecycleEventHookExecutionId(execution)
                .status(LifecycleEventStatus.SUCCEEDED))).isInstanceOf(DeploymentIdRequiredException.class);
        assertThatThrownBy(() -> cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId("nope")
                .lifecycleEventHookExecutionId(execution).status(LifecycleEventStatus.SUCCEEDED)))
                .isInstanceOf(InvalidDeploymentIdException.class);
        assertThatThrownBy(() -> cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId("d-AAAAAAAAA")
                .lifecycleEventHookExecutionId(execution).status(LifecycleEventStatus.SUCCEEDED)))
                .isInstanceOf(DeploymentDoesNotExistException.class);
        assertThatThrownBy(() -> cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id)
                .lifecycleEventHookExecutionId("someone-elses").status(LifecycleEventStatus.SUCCEEDED)))
                .isInstanceOf(InvalidLifecycleEventHookExecutionIdException.class);
        assertThatThrownBy(() -> cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id)
                .lifecycleEventHookExecutionId(execution).status(LifecycleEventStatus.IN_PROGRESS)))
                .isInstanceOf(InvalidLifecycleEventHookExecutionStatusException.class);
        assertThatThrownBy(() -> cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id)
                .lifecycleEventHookExecutionId(execution).status("Done")))
                .isInstanceOf(InvalidLifecycleEventHookExecutionStatusException.class);
        String answered = cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id)
                .lifecycleEventHookExecutionId(execution).status(LifecycleEventStatus.SUCCEEDED)).lifecycleEventHookExecutionId();
        assertThat(answered).isEqualTo(execution);
        slipway.awaitIdle();
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThatThrownBy(() -> cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id)
                .lifecycleEventHookExecutionId(execution).status(LifecycleEventStatus.SUCCEEDED)))
                .isInstanceOf(LifecycleEventAlreadyCompletedException.class);
    }

    @Test
    void canaryShiftsTenPercentThenTheRestAfterTheInterval() {
        String id = deploy(group("canary", "CodeDeployDefault.LambdaCanary10Percent5Minutes"), LambdaFixtures.appSpec(null, null));
        assertThat(target(id).lambdaFunctionInfo().targetVersionWeight()).isEqualTo(10.0);
        assertThat(events(target(id))).containsExactly("BeforeAllowTraffic:Succeeded", "AllowTraffic:InProgress",
                "AfterAllowTraffic:Pending");
        var alias = slipway.lambda().getAlias(r -> r.functionName("checkout").name("live"));
        assertThat(alias.functionVersion()).isEqualTo("1");
        assertThat(alias.routingConfig().additionalVersionWeights()).containsExactly(java.util.Map.entry("2", 0.1));
        clock.advance(Duration.ofMinutes(4));
        slipway.awaitIdle();
        assertThat(target(id).lambdaFunctionInfo().targetVersionWeight()).isEqualTo(10.0);
        clock.advance(Duration.ofMinutes(1));
        slipway.awaitIdle();
        assertThat(target(id).lambdaFunctionInfo().targetVersionWeight()).isEqualTo(100.0);
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        var done = slipway.lambda().getAlias(r -> r.functionName("checkout").name("live"));
        assertThat(done.functionVersion()).isEqualTo("2");
        assertThat(done.routingConfig()).isNull();
    }

    @Test
    void aFunctionThatDoesNotExistFailsTheDeployment() {
        String id = deploy(group("missing-fn", "CodeDeployDefault.LambdaAllAtOnce"), LambdaFixtures.appSpec(null, null).replace("checkout", "ghost"));
        DeploymentInfo d = info(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.errorInformation().code()).isEqualTo(ErrorCode.INVALID_LAMBDA_FUNCTION);
        String badAlias = deploy(group("missing-alias", "CodeDeployDefault.LambdaAllAtOnce"), LambdaFixtures.appSpec(null, null).replace("\"live\"", "\"canary\""));
        assertThat(info(badAlias).errorInformation().code()).isEqualTo(ErrorCode.INVALID_LAMBDA_CONFIGURATION);
    }

    @Test
    void aHookFunctionThatCrashesWaitsAsOnAwsWithItsErrorWhereAUserLooks() {
        LambdaFixtures.client(slipway.endpoint(), "AKIDEXAMPLE").createFunction(r -> r.functionName("crasher")
                .runtime(software.amazon.awssdk.services.lambda.model.Runtime.PROVIDED_AL2023).handler("h")
                .role("arn:aws:iam::000000000000:role/lambda").code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes
                        .fromByteArray(Zips.of(java.util.Map.of("bootstrap",
                                "#!/bin/sh\necho 'cannot reach the orders database' >&2\nexit 3\n"))))));
        String id = deploy(group("crashing", "CodeDeployDefault.LambdaAllAtOnce"), LambdaFixtures.appSpec("crasher", null));
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.IN_PROGRESS); // AWS waits for the report too
        LifecycleEvent before = target(id).lifecycleEvents().getFirst();
        assertThat(before.lifecycleEventName()).isEqualTo("BeforeAllowTraffic");
        assertThat(before.status()).isEqualTo(LifecycleEventStatus.IN_PROGRESS);
        assertThat(before.diagnostics().errorCode()).isEqualTo(LifecycleErrorCode.UNKNOWN_ERROR);
        assertThat(before.diagnostics().scriptName()).isEqualTo("crasher");
        assertThat(before.diagnostics().message()).startsWith("The hook function crasher failed: ");
        assertThat(before.diagnostics().logTail()).contains("cannot reach the orders database");
        String listing = RawHttp.get(slipway.endpoint() + "/_slipway/codedeploy/hook-executions").body();
        assertThat(listing).contains("\"deploymentId\":\"" + id + "\"").contains("\"functionError\":\"The hook function crasher failed")
                .contains("cannot reach the orders database");
        cd.stopDeployment(r -> r.deploymentId(id));
        slipway.awaitIdle();
    }

    @Test
    void linearShiftsInEqualSteps() {
        cd.createDeploymentConfig(r -> r.deploymentConfigName("quarter-every-2").computePlatform(ComputePlatform.LAMBDA)
                .trafficRoutingConfig(t -> t.type(TrafficRoutingType.TIME_BASED_LINEAR)
                        .timeBasedLinear(l -> l.linearPercentage(25).linearInterval(2))));
        String id = deploy(group("linear", "quarter-every-2"), LambdaFixtures.appSpec(null, null));
        for (double expected : new double[] {25, 50, 75}) {
            assertThat(target(id).lambdaFunctionInfo().targetVersionWeight()).isEqualTo(expected);
            clock.advance(Duration.ofMinutes(2));
            slipway.awaitIdle();
        }
        assertThat(target(id).lambdaFunctionInfo().targetVersionWeight()).isEqualTo(100.0);
        assertThat(info(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void stopEndsTheDeploymentAndOneAtATimePerGroup() {
        String g = group("stoppable", "CodeDeployDefault.LambdaAllAtOnce");
        String id = deploy(g, LambdaFixtures.appSpec("mute", null));
        assertThatThrownBy(() -> deploy(g, LambdaFixtures.appSpec(null, null))).isInstanceOf(DeploymentLimitExceededException.class);
        StopDeploymentResponse stop = cd.stopDeployment(r -> r.deploymentId(id));
        assertThat(stop.status()).isEqualTo(StopStatus.SUCCEEDED);
        DeploymentInfo d = info(id);
        assertThat(d.status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(d.errorInformation().code()).isEqualTo(ErrorCode.MANUAL_STOP);
        assertThatThrownBy(() -> cd.stopDeployment(r -> r.deploymentId(id))).isInstanceOf(DeploymentAlreadyCompletedException.class);
        assertThat(cd.listDeployments(r -> r.applicationName("fn-app").deploymentGroupName(g)
                .includeOnlyStatuses(DeploymentStatus.STOPPED)).deployments()).containsExactly(id);
        // the group is free again
        assertThat(info(deploy(g, LambdaFixtures.appSpec(null, null))).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aFailureAfterTrafficMovedRollsBackWhenTheGroupAsks() {
        cd.createDeploymentGroup(r -> r.applicationName("fn-app").deploymentGroupName("guarded").serviceRoleArn(ROLE)
                .autoRollbackConfiguration(a -> a.enabled(true).events(AutoRollbackEvent.DEPLOYMENT_FAILURE)));
        String id = deploy("guarded", LambdaFixtures.appSpec("pass", "fail"));
        DeploymentInfo failed = info(id);
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        String rollbackId = failed.rollbackInfo().rollbackDeploymentId();
        assertThat(rollbackId).matches("d-[A-Z0-9]{9}").isNotEqualTo(id);
        DeploymentInfo rollback = info(rollbackId);
        assertThat(rollback.creator()).isEqualTo(DeploymentCreator.CODE_DEPLOY_ROLLBACK);
        assertThat(rollback.rollbackInfo().rollbackTriggeringDeploymentId()).isEqualTo(id);
        assertThat(rollback.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        LambdaFunctionInfo restored = cd.getDeploymentTarget(r -> r.deploymentId(rollbackId).targetId("checkout"))
                .deploymentTarget().lambdaTarget().lambdaFunctionInfo();
        assertThat(restored.targetVersion()).isEqualTo("1");
        assertThat(restored.currentVersion()).isEqualTo("2");
        var alias = slipway.lambda().getAlias(r -> r.functionName("checkout").name("live"));
        assertThat(alias.functionVersion()).isEqualTo("1");
        assertThat(alias.routingConfig()).isNull();
    }

    @Test
    void badDeploymentsGetTheirModelledExceptions() {
        String g = group("strict", "CodeDeployDefault.LambdaAllAtOnce");
        assertThatThrownBy(() -> cd.createDeployment(r -> r.applicationName("fn-app").deploymentGroupName(g)))
                .isInstanceOf(RevisionRequiredException.class);
        assertThatThrownBy(() -> deploy(g, "version: 0.0\nResources: []\n")).isInstanceOf(InvalidRevisionException.class);
        assertThatThrownBy(() -> deploy(g, "{not: [yaml")).isInstanceOf(InvalidRevisionException.class);
        assertThatThrownBy(() -> deploy(g, LambdaFixtures.appSpec(null, null).replace("TargetVersion: \"2\"", "TargetVersion: \"two\"")))
                .isInstanceOf(InvalidRevisionException.class);
        assertThatThrownBy(() -> deploy(g, LambdaFixtures.appSpec(null, null) + "  - AllowTraffic: \"pass\"\n"))
                .isInstanceOf(InvalidRevisionException.class).hasMessageContaining("cannot have a hook");
        assertThatThrownBy(() -> cd.createDeployment(r -> r.applicationName("fn-app").deploymentGroupName(g)
                .revision(v -> v.revisionType(RevisionLocationType.S3).s3Location(s -> s.bucket("b").key("k")))))
                .isInstanceOf(InvalidRevisionException.class);
        assertThatThrownBy(() -> cd.createDeployment(r -> r.applicationName("fn-app").deploymentGroupName("ghost")
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(LambdaFixtures.appSpec(null, null))))))
                .isInstanceOf(DeploymentGroupDoesNotExistException.class);
        assertThatThrownBy(() -> cd.createDeployment(r -> r.applicationName("fn-app").deploymentGroupName(g)
                .deploymentConfigName("CodeDeployDefault.OneAtATime")
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(LambdaFixtures.appSpec(null, null))))))
                .isInstanceOf(InvalidDeploymentConfigNameException.class);
        assertThatThrownBy(() -> cd.getDeployment(r -> r.deploymentId("d-BADFORMAT!"))).isInstanceOf(InvalidDeploymentIdException.class);
        assertThatThrownBy(() -> cd.getDeployment(r -> r.deploymentId("d-ZZZZZZZZZ"))).isInstanceOf(DeploymentDoesNotExistException.class);
        List<String> many = java.util.stream.IntStream.range(0, 26).mapToObj(i -> "d-AAAAAAAA" + (char) ('A' + i)).toList();
        assertThatThrownBy(() -> cd.batchGetDeployments(r -> r.deploymentIds(many))).isInstanceOf(BatchLimitExceededException.class);
        assertThatThrownBy(() -> cd.getDeploymentTarget(r -> r.deploymentId("d-ZZZZZZZZZ").targetId("x")))
                .isInstanceOf(DeploymentDoesNotExistException.class);
    }

    @Test
    void stoppingAfterTrafficMovedRollsBackWhenAskedOrWhenTheGroupSaysSo() {
        String asked = deploy(group("stop-asked", "CodeDeployDefault.LambdaCanary10Percent30Minutes"), LambdaFixtures.appSpec(null, null));
        cd.stopDeployment(r -> r.deploymentId(asked).autoRollbackEnabled(true));
        slipway.awaitIdle();
        String rollback = info(asked).rollbackInfo().rollbackDeploymentId();
        assertThat(info(rollback).status()).isEqualTo(DeploymentStatus.SUCCEEDED);

        cd.createDeploymentGroup(r -> r.applicationName("fn-app").deploymentGroupName("stop-group").serviceRoleArn(ROLE)
                .deploymentConfigName("CodeDeployDefault.LambdaCanary10Percent30Minutes")
                .autoRollbackConfiguration(a -> a.enabled(true).events(AutoRollbackEvent.DEPLOYMENT_STOP_ON_REQUEST)));
        String byGroup = deploy("stop-group", LambdaFixtures.appSpec(null, null));
        cd.stopDeployment(r -> r.deploymentId(byGroup));
        slipway.awaitIdle();
        assertThat(info(byGroup).rollbackInfo().rollbackDeploymentId()).isNotNull();

        String declined = deploy("stop-group", LambdaFixtures.appSpec(null, null));
        cd.stopDeployment(r -> r.deploymentId(declined).autoRollbackEnabled(false));
        assertThat(info(declined).rollbackInfo()).isNull();
    }

    @Test
    void targetsAndListingFilters() {
        Instant before = clock.now();
        String id = deploy(group("listed", "CodeDeployDefault.LambdaAllAtOnce"), LambdaFixtures.appSpec(null, null));
        assertThat(cd.batchGetDeploymentTargets(r -> r.deploymentId(id).targetIds("checkout")).deploymentTargets())
                .extracting(t -> t.lambdaTarget().targetId()).containsExactly("checkout");
        assertThatThrownBy(() -> cd.batchGetDeploymentTargets(r -> r.deploymentId(id).targetIds("other")))
                .isInstanceOf(DeploymentTargetDoesNotExistException.class);
        assertThat(cd.listDeploymentTargets(r -> r.deploymentId(id).targetFiltersWithStrings(java.util.Map.of(
                "TargetStatus", List.of("Failed")))).targetIds()).isEmpty();
        assertThat(cd.listDeployments(r -> r.applicationName("fn-app").deploymentGroupName("listed")
                .createTimeRange(t -> t.start(before).end(before.plusSeconds(1)))).deployments()).containsExactly(id);
        assertThat(cd.listDeployments(r -> r.applicationName("fn-app").deploymentGroupName("listed")
                .createTimeRange(t -> t.start(before.plusSeconds(60)))).deployments()).isEmpty();
        assertThatThrownBy(() -> cd.listDeployments(r -> r.applicationName("fn-app")))
                .isInstanceOf(DeploymentGroupNameRequiredException.class);
        assertThatThrownBy(() -> cd.listDeployments(r -> r.createTimeRange(t -> t.start(before).end(before.minusSeconds(1)))))
                .isInstanceOf(InvalidTimeRangeException.class);
    }
}
