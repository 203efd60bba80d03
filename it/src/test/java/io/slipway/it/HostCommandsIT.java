package io.slipway.it;

import io.slipway.engine.clock.ManualClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server deployments through the agent command service, with the test playing the host's agent by
 * hand: which commands come in which order, what the service makes of their outcomes, leases that
 * run out, and the service's answers to bad input.
 */
class HostCommandsIT {
    static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c, clock);
    static final String ROLE = "arn:aws:iam::000000000000:role/cd";
    private final CodeDeployClient cd = slipway.codeDeploy();
    private final HostProtocol host = new HostProtocol(slipway.endpoint());

    @BeforeAll
    static void fleet() {
        slipway.s3().createBucket(r -> r.bucket("bundles"));
        slipway.s3().putObject(r -> r.bucket("bundles").key("web.zip"), RequestBody.fromBytes(new byte[]{'P', 'K', 5, 6}));
        CodeDeployClient cd = slipway.codeDeploy();
        cd.createApplication(r -> r.applicationName("web").computePlatform(ComputePlatform.SERVER));
        for (String name : List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
                "lambda")) {
            cd.registerOnPremisesInstance(r -> r.instanceName(name).iamUserArn("arn:aws:iam::000000000000:user/" + name));
            cd.addTagsToOnPremisesInstances(r -> r.instanceNames(name).tags(Tag.builder().key("Role").value(name).build()));
        }
    }

    private void group(String name, String... instances) {
        cd.createDeploymentGroup(r -> r.applicationName("web").deploymentGroupName(name).serviceRoleArn(ROLE)
                .onPremisesInstanceTagFilters(java.util.Arrays.stream(instances).map(i -> TagFilter.builder().key("Role")
                        .value(i).type(TagFilterType.KEY_AND_VALUE).build()).toList()));
    }

    private String deploy(String group, String key) {
        return deploy(group, key, false);
    }

    private String deploy(String group, String key, boolean ignoreApplicationStopFailures) {
        String id = cd.createDeployment(r -> r.applicationName("web").deploymentGroupName(group)
                .ignoreApplicationStopFailures(ignoreApplicationStopFailures)
                .revision(v -> v.revisionType(RevisionLocationType.S3).s3Location(s -> s.bucket("bundles").key(key)
                        .bundleType(BundleType.ZIP)))).deploymentId();
        slipway.awaitIdle();
        return id;
    }

    private InstanceTarget target(String deploymentId, String instance) {
        return cd.getDeploymentTarget(r -> r.deploymentId(deploymentId).targetId(instance)).deploymentTarget().instanceTarget();
    }

    /** Plays the host through its commands while its instance is in progress, all succeeding. */
    private List<String> runAll(String deploymentId, String instance) {
        return runFailing(host, deploymentId, instance, null);
    }

    /** What AWS's service puts in a deployment specification, as the official agent reads it. */
    static final List<String> AWS_SPECIFICATION_MEMBERS = List.of("DeploymentId", "DeploymentGroupId",
            "DeploymentGroupName", "ApplicationName", "DeploymentCreator", "DeploymentType", "AppSpecFilename",
            "AgentActionOverrides", "Revision");

    /**
     * The specification a GetDeploymentSpecification answer carries, opened by the machine's OpenSSL
     * both ways a host could ({@code smime} as the agent's Ruby does, and {@code cms}).
     */
    private static com.fasterxml.jackson.databind.JsonNode openedSpecification(String answer) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var envelope = json.readTree(answer).path("DeploymentSpecification").path("GenericEnvelope");
            assertThat(envelope.path("Format").asText()).isEqualTo("PKCS7/JSON");
            String pem = envelope.path("Payload").asText();
            assertThat(pem).startsWith("-----BEGIN PKCS7-----");
            String content = OpenSsl.verifiedContent("smime", pem);
            assertThat(OpenSsl.verifiedContent("cms", pem)).isEqualTo(content);
            return json.readTree(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aHostRunsEveryEventInOrderAndTheDeploymentSucceeds() {
        group("solo-alpha", "alpha");
        String id = deploy("solo-alpha", "web.zip");
        InstanceTarget before = target(id, "alpha");
        assertThat(before.status()).isEqualTo(TargetStatus.IN_PROGRESS);
        assertThat(before.targetArn()).isEqualTo("arn:aws:codedeploy:us-east-1:000000000000:instance/alpha");
        assertThat(before.lifecycleEvents()).extracting(LifecycleEvent::lifecycleEventName).containsExactly(
                "ApplicationStop", "DownloadBundle", "BeforeInstall", "Install", "AfterInstall", "ApplicationStart",
                "ValidateService");
        assertThat(before.lifecycleEvents().getFirst().status()).as("nothing to stop on a first deployment")
                .isEqualTo(LifecycleEventStatus.SKIPPED);

        var first = host.poll("arn:aws:iam::000000000000:user/alpha").orElseThrow();
        String spec = host.specification(first, "arn:aws:iam::000000000000:user/alpha");
        assertThat(HostProtocol.field(spec, "DeploymentSystem")).isEqualTo("CodeDeploy");
        var opened = openedSpecification(spec);
        List<String> members = new ArrayList<>();
        opened.fieldNames().forEachRemaining(members::add);
        assertThat(members).as("only what AWS's service sends").isNotEmpty().isSubsetOf(AWS_SPECIFICATION_MEMBERS);
        assertThat(opened.path("DeploymentId").asText()).isEqualTo(id);
        assertThat(opened.path("DeploymentGroupName").asText()).isEqualTo("solo-alpha");
        assertThat(opened.path("ApplicationName").asText()).isEqualTo("web");
        assertThat(opened.path("DeploymentGroupId").asText()).isEqualTo(cd.getDeploymentGroup(r -> r.applicationName("web")
                .deploymentGroupName("solo-alpha")).deploymentGroupInfo().deploymentGroupId());
        assertThat(opened.path("AgentActionOverrides").path("AgentOverrides").path("FileExistsBehavior").asText())
                .isEqualTo("DISALLOW");
        assertThat(opened.path("Revision").path("RevisionType").asText()).isEqualTo("S3");
        assertThat(opened.path("Revision").path("S3Revision").path("Bucket").asText()).isEqualTo("bundles");
        assertThat(opened.path("Revision").path("S3Revision").path("Key").asText()).isEqualTo("web.zip");
        assertThat(opened.path("Revision").path("S3Revision").path("BundleType").asText()).isEqualTo("zip");
        assertThat(host.acknowledge(first)).isEqualTo("InProgress");
        assertThat(target(id, "alpha").lifecycleEvents().get(1).status()).isEqualTo(LifecycleEventStatus.IN_PROGRESS);
        host.succeed(first);
        List<String> rest = runAll(id, "alpha");

        assertThat(rest).containsExactly("BeforeInstall", "Install", "AfterInstall", "ApplicationStart", "ValidateService");
        DeploymentInfo done = cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        assertThat(done.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(done.deploymentOverview().succeeded()).isEqualTo(1);
        assertThat(target(id, "alpha").lifecycleEvents()).allSatisfy(e -> assertThat(e.status())
                .isIn(LifecycleEventStatus.SUCCEEDED, LifecycleEventStatus.SKIPPED));
        assertThat(target(id, "alpha").lifecycleEvents().get(1).diagnostics().errorCode()).isEqualTo(LifecycleErrorCode.SUCCESS);

        // the next deployment to the same host has something to stop first
        String second = deploy("solo-alpha", "web.zip");
        assertThat(target(second, "alpha").lifecycleEvents().getFirst().status()).isEqualTo(LifecycleEventStatus.PENDING);
        assertThat(runAll(second, "alpha")).startsWith("ApplicationStop", "DownloadBundle");
        assertThat(cd.getDeployment(r -> r.deploymentId(second)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aFailedScriptFailsTheEventWithItsDiagnosticsAndTheLastFourKilobytesOfItsLog() {
        group("solo-beta", "beta");
        String id = deploy("solo-beta", "web.zip");
        String hostId = "beta"; // the instance's own name is a host identifier too
        var download = host.poll(hostId).orElseThrow();
        host.acknowledge(download);
        host.succeed(download);
        slipway.awaitIdle();
        var beforeInstall = host.poll(hostId).orElseThrow();
        assertThat(beforeInstall.name()).isEqualTo("BeforeInstall");
        host.acknowledge(beforeInstall);
        String log = "x".repeat(5000) + "[stderr]disk full";
        host.complete(beforeInstall, "Failed", 4, "scripts/install.sh",
                "Script at specified location: scripts/install.sh failed with exit code 3", log);
        slipway.awaitIdle();

        InstanceTarget t = target(id, "beta");
        assertThat(t.status()).isEqualTo(TargetStatus.FAILED);
        LifecycleEvent failed = t.lifecycleEvents().get(2);
        assertThat(failed.status()).isEqualTo(LifecycleEventStatus.FAILED);
        assertThat(failed.diagnostics().errorCode()).isEqualTo(LifecycleErrorCode.SCRIPT_FAILED);
        assertThat(failed.diagnostics().scriptName()).isEqualTo("scripts/install.sh");
        assertThat(failed.diagnostics().logTail()).hasSize(4096).endsWith("[stderr]disk full");
        assertThat(t.lifecycleEvents().subList(3, 7)).allSatisfy(e -> assertThat(e.status()).isEqualTo(LifecycleEventStatus.SKIPPED));
        DeploymentInfo d = cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.errorInformation().code()).isEqualTo(ErrorCode.HEALTH_CONSTRAINTS);
        // the agent's late second report changes nothing
        host.succeed(beforeInstall);
        assertThat(target(id, "beta").status()).isEqualTo(TargetStatus.FAILED);
    }

    @Test
    void aHostThatNeverPollsFailsItsEventAfterAnHourAsOnAws() {
        group("solo-gamma", "gamma");
        String id = deploy("solo-gamma", "web.zip");
        clock.advance(Duration.ofMinutes(61));
        slipway.awaitIdle();
        LifecycleEvent download = target(id, "gamma").lifecycleEvents().get(1);
        assertThat(download.status()).isEqualTo(LifecycleEventStatus.FAILED);
        assertThat(download.diagnostics().errorCode()).isEqualTo(LifecycleErrorCode.UNKNOWN_ERROR);
        assertThat(download.diagnostics().message()).startsWith("CodeDeploy agent was not able to receive the lifecycle event");
        assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void aHostThatDiesMidCommandLosesItsLease() {
        group("solo-delta", "delta");
        String id = deploy("solo-delta", "web.zip");
        var download = host.poll("delta").orElseThrow();
        host.acknowledge(download);
        clock.advance(Duration.ofMinutes(61));
        slipway.awaitIdle();
        LifecycleEvent e = target(id, "delta").lifecycleEvents().get(1);
        assertThat(e.status()).isEqualTo(LifecycleEventStatus.FAILED);
        assertThat(e.diagnostics().message()).contains("did not report");
        assertThat(host.acknowledge(download)).isEqualTo("Failed");
    }

    @Test
    void stoppingADeploymentWithdrawsItsCommands() {
        group("solo-epsilon", "epsilon");
        String id = deploy("solo-epsilon", "web.zip");
        var download = host.poll("epsilon").orElseThrow();
        cd.stopDeployment(r -> r.deploymentId(id));
        assertThat(host.acknowledge(download)).isEqualTo("Failed");
        DeploymentInfo d = cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        assertThat(d.status()).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(target(id, "epsilon").status()).isEqualTo(TargetStatus.UNKNOWN);
        assertThatThrownBy(() -> cd.continueDeployment(r -> r.deploymentId(id)))
                .isInstanceOf(DeploymentAlreadyCompletedException.class);
    }

    @Test
    void aMissingBundleAnEmptyFleetOrAnImpossibleMinimumFailsTheDeploymentAsOnAws() {
        group("missing-bundle", "alpha");
        String missing = deploy("missing-bundle", "nothing-here.zip");
        assertThat(cd.getDeployment(r -> r.deploymentId(missing)).deploymentInfo().errorInformation().code())
                .isEqualTo(ErrorCode.REVISION_MISSING);
        group("nobody", "no-such-role");
        String empty = deploy("nobody", "web.zip");
        DeploymentInfo d = cd.getDeployment(r -> r.deploymentId(empty)).deploymentInfo();
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.errorInformation().code()).isEqualTo(ErrorCode.NO_INSTANCES);
        cd.createDeploymentConfig(r -> r.deploymentConfigName("AllMustStayHealthy")
                .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(1)));
        cd.createDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("too-healthy").serviceRoleArn(ROLE)
                .deploymentConfigName("AllMustStayHealthy").onPremisesInstanceTagFilters(TagFilter.builder().key("Role")
                        .value("alpha").type(TagFilterType.KEY_AND_VALUE).build()));
        String impossible = deploy("too-healthy", "web.zip");
        assertThat(cd.getDeployment(r -> r.deploymentId(impossible)).deploymentInfo().errorInformation().code())
                .isEqualTo(ErrorCode.HEALTH_CONSTRAINTS_INVALID);
    }

    @Test
    void serverRevisionsMustBeArchivesInS3() {
        group("revisions", "alpha");
        assertThatThrownBy(() -> cd.createDeployment(r -> r.applicationName("web").deploymentGroupName("revisions")
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content("{}")))))
                .isInstanceOf(InvalidRevisionException.class);
        assertThatThrownBy(() -> cd.createDeployment(r -> r.applicationName("web").deploymentGroupName("revisions")
                .revision(v -> v.revisionType(RevisionLocationType.S3).s3Location(s -> s.bucket("bundles").key("a.yaml")
                        .bundleType(BundleType.YAML))))).isInstanceOf(InvalidRevisionException.class);
        assertThatThrownBy(() -> cd.createDeployment(r -> r.applicationName("web").deploymentGroupName("revisions")
                .revision(v -> v.revisionType(RevisionLocationType.S3).s3Location(s -> s.key("a.zip")
                        .bundleType(BundleType.ZIP))))).isInstanceOf(InvalidRevisionException.class);
    }

    /**
     * Plays the host through its commands while its instance is in progress, failing the one named
     * {@code failing} and answering the others Succeeded; returns the command names in order. It
     * polls only when a command is due, so no poll waits.
     */
    private List<String> runFailing(String deploymentId, String instance, String failing) {
        return runFailing(host, deploymentId, instance, failing);
    }

    private List<String> runFailing(HostProtocol agent, String deploymentId, String instance, String failing) {
        List<String> names = new ArrayList<>();
        while (true) {
            slipway.awaitIdle();
            if (target(deploymentId, instance).status() != TargetStatus.IN_PROGRESS) {
                return names;
            }
            var c = agent.poll(instance).orElseThrow();
            names.add(c.name());
            assertThat(HostProtocol.field(agent.specification(c, instance), "DeploymentSystem")).isEqualTo("CodeDeploy");
            assertThat(agent.acknowledge(c)).isEqualTo("InProgress");
            if (c.name().equals(failing)) {
                agent.complete(c, "Failed", 4, "scripts/" + failing + ".sh", "exit code 1", "");
            } else {
                agent.succeed(c);
            }
        }
    }

    @Test
    void theSecureCommandServiceRunsAServerDeployment() {
        group("solo-iota", "iota");
        String id = deploy("solo-iota", "web.zip");
        var download = host.secure().poll("iota").orElseThrow();
        assertThat(openedSpecification(host.secure().specification(download, "iota")).path("DeploymentId").asText())
                .isEqualTo(id);
        assertThat(host.secure().acknowledge(download)).isEqualTo("InProgress");
        host.secure().succeed(download);
        assertThat(runFailing(host.secure(), id, "iota", null)).containsExactly("BeforeInstall",
                "Install", "AfterInstall", "ApplicationStart", "ValidateService");
        assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void anotherAccountsKeyCannotPollOrAnswerAHostsCommandsThroughTheSecureService() {
        group("solo-kappa", "kappa");
        String id = deploy("solo-kappa", "web.zip");
        HostProtocol stranger = host.secure().signedWith("222222222222", "codedeploy-commands-secure");
        assertClientError(stranger.call("PollHostCommand", "{\"HostIdentifier\":\"kappa\"}"));
        assertClientError(stranger.call("PollHostCommand",
                "{\"HostIdentifier\":\"arn:aws:iam::000000000000:user/kappa\"}"));

        HostProtocol owner = host.secure().signedWith("AKIDEXAMPLE", "codedeploy-commands-secure");
        var download = owner.poll("kappa").orElseThrow();
        assertClientError(stranger.call("GetDeploymentSpecification", "{\"DeploymentExecutionId\":\""
                + download.executionId() + "\",\"HostIdentifier\":\"kappa\"}"));
        assertClientError(stranger.call("PutHostCommandAcknowledgement", "{\"HostCommandIdentifier\":\""
                + download.id() + "\"}"));
        assertClientError(stranger.call("PutHostCommandComplete", "{\"HostCommandIdentifier\":\"" + download.id()
                + "\",\"CommandStatus\":\"Failed\"}"));
        assertThat(target(id, "kappa").lifecycleEvents().get(1).status()).as("untouched by the stranger")
                .isEqualTo(LifecycleEventStatus.PENDING);
        assertThat(owner.acknowledge(download)).isEqualTo("InProgress");
    }

    @Test
    void anUnknownOperationOfTheSecureServiceIsUnknownOperationException() {
        var r = host.secure().call("DeleteHost", "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(HostProtocol.field(r.body(), "__type")).isEqualTo("UnknownOperationException");
        var classicName = RawHttp.json(slipway.endpoint(), "CodeDeployCommandService_v20191111.PollHostCommand", "{}");
        assertThat(HostProtocol.field(classicName.body(), "__type")).isEqualTo("UnknownOperationException");
    }

    @Test
    void healthListsCodeDeployOnceThoughItServesThreeApis() throws Exception {
        var services = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(RawHttp.get(slipway.endpoint() + "/_slipway/health").body()).path("services");
        List<String> names = new ArrayList<>();
        services.forEach(n -> names.add(n.asText()));
        assertThat(names).contains("CodeDeploy").doesNotHaveDuplicates();
    }

    @Test
    void aCommandWhosePollAnswerWasLostIsDeliveredAgainUntilAcknowledged() {
        group("solo-lambda", "lambda");
        String id = deploy("solo-lambda", "web.zip");
        var lost = host.poll("lambda").orElseThrow(); // the answer that never reached the agent
        assertThat(target(id, "lambda").lifecycleEvents().get(1).status()).as("nobody has taken it yet")
                .isEqualTo(LifecycleEventStatus.PENDING);
        clock.advance(Duration.ofSeconds(61));
        slipway.awaitIdle();

        var again = host.poll("lambda").orElseThrow();
        assertThat(again.id()).isEqualTo(lost.id());
        assertThat(again.name()).isEqualTo("DownloadBundle");
        assertThat(host.acknowledge(again)).isEqualTo("InProgress");
        assertThat(target(id, "lambda").lifecycleEvents().get(1).status()).isEqualTo(LifecycleEventStatus.IN_PROGRESS);
        clock.advance(Duration.ofSeconds(61));
        slipway.awaitIdle();
        assertThat(host.poll("lambda")).as("acknowledged: never delivered again (this poll waits out its 10 s)").isEmpty();
        host.succeed(again);
        slipway.awaitIdle();

        var next = host.poll("lambda").orElseThrow();
        assertThat(next.name()).isEqualTo("BeforeInstall");
        host.acknowledge(next);
        host.succeed(next);
        assertThat(runAll(id, "lambda")).containsExactly("Install", "AfterInstall", "ApplicationStart", "ValidateService");
        assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void ignoreApplicationStopFailuresLetsTheDeploymentGoOnPastAFailedStop() {
        group("solo-zeta", "zeta");
        runAll(deploy("solo-zeta", "web.zip"), "zeta");
        String strict = deploy("solo-zeta", "web.zip");
        assertThat(runFailing(strict, "zeta", "ApplicationStop")).containsExactly("ApplicationStop");
        assertThat(cd.getDeployment(r -> r.deploymentId(strict)).deploymentInfo().status()).isEqualTo(DeploymentStatus.FAILED);

        String lenient = deploy("solo-zeta", "web.zip", true);
        assertThat(cd.getDeployment(r -> r.deploymentId(lenient)).deploymentInfo().ignoreApplicationStopFailures()).isTrue();
        assertThat(runFailing(lenient, "zeta", "ApplicationStop")).startsWith("ApplicationStop", "DownloadBundle")
                .endsWith("ValidateService");
        assertThat(cd.getDeployment(r -> r.deploymentId(lenient)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        LifecycleEvent stop = target(lenient, "zeta").lifecycleEvents().getFirst();
        assertThat(stop.status()).isEqualTo(LifecycleEventStatus.FAILED);
        assertThat(stop.diagnostics().errorCode()).isEqualTo(LifecycleErrorCode.SCRIPT_FAILED);
    }

    @Test
    void aFailedDeploymentRollsBackToTheLastSuccessfulRevision() {
        cd.createDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("solo-eta").serviceRoleArn(ROLE)
                .onPremisesInstanceTagFilters(TagFilter.builder().key("Role").value("eta").type(TagFilterType.KEY_AND_VALUE).build())
                .autoRollbackConfiguration(a -> a.enabled(true).events(AutoRollbackEvent.DEPLOYMENT_FAILURE)));
        slipway.s3().putObject(r -> r.bucket("bundles").key("web-v2.zip"), RequestBody.fromBytes(new byte[]{'P', 'K', 5, 6}));
        String good = deploy("solo-eta", "web.zip");
        runAll(good, "eta");
        String bad = deploy("solo-eta", "web-v2.zip");
        runFailing(bad, "eta", "AfterInstall");

        DeploymentInfo failed = cd.getDeployment(r -> r.deploymentId(bad)).deploymentInfo();
        assertThat(failed.status()).isEqualTo(DeploymentStatus.FAILED);
        String rollbackId = failed.rollbackInfo().rollbackDeploymentId();
        DeploymentInfo rollback = cd.getDeployment(r -> r.deploymentId(rollbackId)).deploymentInfo();
        assertThat(rollback.creator()).isEqualTo(DeploymentCreator.CODE_DEPLOY_ROLLBACK);
        assertThat(rollback.rollbackInfo().rollbackTriggeringDeploymentId()).isEqualTo(bad);
        assertThat(rollback.revision().s3Location().key()).isEqualTo("web.zip");
        assertThat(runAll(rollbackId, "eta")).startsWith("ApplicationStop", "DownloadBundle");
        assertThat(cd.getDeployment(r -> r.deploymentId(rollbackId)).deploymentInfo().status())
                .isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void getDeploymentInstanceAnswersBadInputWithCodeDeploysExceptions() {
        group("solo-theta", "theta");
        String id = deploy("solo-theta", "web.zip");
        String target = "CodeDeploy_20141006.GetDeploymentInstance";
        assertError(RawHttp.json(slipway.endpoint(), target, "{\"instanceId\":\"alpha\"}"), "DeploymentIdRequiredException");
        assertError(RawHttp.json(slipway.endpoint(), target, "{\"deploymentId\":\"" + id + "\"}"),
                "InstanceIdRequiredException");
        assertError(RawHttp.json(slipway.endpoint(), target, "{\"deploymentId\":\"bogus\",\"instanceId\":\"alpha\"}"),
                "InvalidDeploymentIdException");
        assertError(RawHttp.json(slipway.endpoint(), target, "{\"deploymentId\":\"d-ZZZZZZZZZ\",\"instanceId\":\"alpha\"}"),
                "DeploymentDoesNotExistException");
        assertError(RawHttp.json(slipway.endpoint(), target, "{\"deploymentId\":\"" + id + "\",\"instanceId\":\"no such\"}"),
                "InvalidInstanceNameException");
        assertError(RawHttp.json(slipway.endpoint(), target, "{\"deploymentId\":\"" + id + "\",\"instanceId\":\"omega\"}"),
                "InstanceDoesNotExistException");
        var ok = RawHttp.json(slipway.endpoint(), target, "{\"deploymentId\":\"" + id
                + "\",\"instanceId\":\"arn:aws:codedeploy:us-east-1:000000000000:instance/theta\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(HostProtocol.field(ok.body(), "instanceId")).isEqualTo("theta");
        String batch = "CodeDeploy_20141006.BatchGetDeploymentInstances";
        assertError(RawHttp.json(slipway.endpoint(), batch, "{\"deploymentId\":\"" + id + "\",\"instanceIds\":[]}"),
                "InstanceIdRequiredException");
        String many = String.join(",", java.util.Collections.nCopies(101, "\"theta\""));
        assertError(RawHttp.json(slipway.endpoint(), batch, "{\"deploymentId\":\"" + id + "\",\"instanceIds\":[" + many + "]}"),
                "BatchLimitExceededException");
        assertError(RawHttp.json(slipway.endpoint(), "CodeDeploy_20141006.ListDeploymentInstances", "{\"deploymentId\":\""
                + id + "\",\"instanceStatusFilter\":[\"Sleeping\"]}"), "InvalidInstanceStatusException");
        assertError(RawHttp.json(slipway.endpoint(), "CodeDeploy_20141006.ListDeploymentInstances", "{\"deploymentId\":\""
                + id + "\",\"nextToken\":\"garbage\"}"), "InvalidNextTokenException");
        // the deployment exists: hooks are reported only for Lambda and ECS deployments
        assertThatThrownBy(() -> cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id)
                .lifecycleEventHookExecutionId("anything").status(LifecycleEventStatus.SUCCEEDED)))
                .isInstanceOf(UnsupportedActionForDeploymentTypeException.class);
    }

    private static void assertError(java.net.http.HttpResponse<String> r, String type) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(HostProtocol.field(r.body(), "__type")).isEqualTo(type);
    }

    @Test
    void theCommandServiceAnswersBadInputWithClientException() {
        assertClientError(host.call("PollHostCommand", "{\"HostIdentifier\":\"arn:aws:iam::000000000000:user/nobody\"}"));
        assertClientError(host.call("PollHostCommand", "{}"));
        assertClientError(host.call("PutHostCommandAcknowledgement", "{\"HostCommandIdentifier\":\"no-such-command\"}"));
        assertClientError(host.call("PutHostCommandComplete", "{\"HostCommandIdentifier\":\"no-such-command\","
                + "\"CommandStatus\":\"Succeeded\"}"));
        assertClientError(host.call("PutHostCommandComplete", "{\"HostCommandIdentifier\":\"x\",\"CommandStatus\":\"Done\"}"));
        assertClientError(host.call("GetDeploymentSpecification", "{\"DeploymentExecutionId\":\"CodeDeploy/us-east-1/"
                + "000000000000/d-AAAAAAAAA\",\"HostIdentifier\":\"alpha\"}"));
        assertClientError(host.call("GetDeploymentSpecification", "{\"DeploymentExecutionId\":\"nonsense\","
                + "\"HostIdentifier\":\"alpha\"}"));
    }

    private static void assertClientError(java.net.http.HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(HostProtocol.field(r.body(), "__type")).isEqualTo("ClientException");
    }
}
