package io.slipway.it;

import io.slipway.agent.AgentSettings;
import io.slipway.agent.HostAgent;
import io.slipway.examples.jobworker.JobWorker;
import io.slipway.examples.jobworker.JobWorkerSettings;
import io.slipway.examples.jobworker.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.*;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static io.slipway.it.PipelineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole delivery, with every part real: an S3 source, a custom build action worked by the
 * example job worker (SDK for Java v2; continuation tokens, artifacts through S3, output variables),
 * a manual approval naming the build, and a CodeDeploy deployment of the build output that a host
 * agent installs.
 */
class PipelineEndToEndIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    @TempDir
    Path hostRoot;
    private final CodePipelineClient cp = slipway.codePipeline();

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within 60 s").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @Test
    void sourceBuildApproveDeploy() {
        var s3 = slipway.s3();
        s3.createBucket(r -> r.bucket("sources"));
        s3.createBucket(r -> r.bucket("artifacts"));
        s3.putObject(r -> r.bucket("sources").key("app.zip"), RequestBody.fromBytes(Zips.of(Map.of(
                "appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /srv/shop\n",
                "index.html", "<h1>shop</h1>"))));
        shopOnPremises(slipway);
        cp.createCustomActionType(r -> r.category(ActionCategory.BUILD).provider("ExampleBuild").version("1")
                .inputArtifactDetails(d -> d.minimumCount(1).maximumCount(1))
                .outputArtifactDetails(d -> d.minimumCount(1).maximumCount(1)));
        ActionDeclaration build = ActionDeclaration.builder().name("Build").namespace("BuildVariables")
                .actionTypeId(a -> a.category(ActionCategory.BUILD).owner(ActionOwner.CUSTOM).provider("ExampleBuild").version("1"))
                .inputArtifacts(i -> i.name("SourceOutput")).outputArtifacts(o -> o.name("BuildOutput")).build();
        ActionDeclaration approve = approval("Approve").toBuilder()
                .configuration(Map.of("CustomData", "Ship build #{BuildVariables.BuildNumber}?")).build();

        try (HostAgent agent = new HostAgent(AgentSettings.of(URI.create(slipway.endpoint()), "web-1", hostRoot)
                .withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1))).start();
             JobWorker worker = new JobWorker(JobWorkerSettings.builder("Build", "ExampleBuild", "1")
                     .endpoint(URI.create(slipway.endpoint())).steps(3).pollInterval(Duration.ofMillis(50)).build(),
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDWORKER", "secret")))) {
            worker.start();
            cp.createPipeline(r -> r.pipeline(pipeline("delivery", stage("Source", s3Source("Fetch", "SourceOutput")),
                    stage("Build", build), stage("Approve", approve), stage("Deploy", codeDeploy("Deploy", "BuildOutput")))));
            String id = cp.listPipelineExecutions(r -> r.pipelineName("delivery")).pipelineExecutionSummaries().getFirst()
                    .pipelineExecutionId();

            eventually("the approval waits", () -> latest("delivery", 2) != null
                    && latest("delivery", 2).status() == ActionExecutionStatus.IN_PROGRESS);
            assertThat(worker.outcomes()).extracting(Outcome::result).containsExactly(Outcome.Result.CONTINUED,
                    Outcome.Result.CONTINUED, Outcome.Result.SUCCEEDED);
            ActionExecutionDetail approval = cp.listActionExecutions(r -> r.pipelineName("delivery")
                    .filter(f -> f.pipelineExecutionId(id))).actionExecutionDetails().getFirst();
            String buildNumber = cp.listActionExecutions(r -> r.pipelineName("delivery").filter(f -> f.pipelineExecutionId(id)))
                    .actionExecutionDetails().stream().filter(a -> a.actionName().equals("Build")).findFirst().orElseThrow()
                    .output().outputVariables().get("BuildNumber");
            assertThat(approval.input().resolvedConfiguration()).containsEntry("CustomData", "Ship build " + buildNumber + "?");

            cp.putApprovalResult(r -> r.pipelineName("delivery").stageName("Approve").actionName("Approve")
                    .token(latest("delivery", 2).token()).result(a -> a.status(ApprovalStatus.APPROVED).summary("ship it")));
            eventually("the execution ends", () -> status("delivery", id) != PipelineExecutionStatus.IN_PROGRESS);
            assertThat(status("delivery", id)).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
            assertThat(hostRoot.resolve("srv/shop/index.html")).content().isEqualTo("<h1>shop</h1>");
            assertThat(hostRoot.resolve("srv/shop/build.txt")).content().contains(buildNumber);
        }
    }

    private ActionExecution latest(String pipeline, int stage) {
        return cp.getPipelineState(r -> r.name(pipeline)).stageStates().get(stage).actionStates().getFirst().latestExecution();
    }

    private PipelineExecutionStatus status(String pipeline, String id) {
        return cp.getPipelineExecution(r -> r.pipelineName(pipeline).pipelineExecutionId(id)).pipelineExecution().status();
    }
}
