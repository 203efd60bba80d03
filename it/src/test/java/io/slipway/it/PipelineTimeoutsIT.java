package io.slipway.it;

import io.slipway.engine.clock.ManualClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.slipway.it.PipelineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Actions time out as AWS documents, on Slipway's clock: a custom job after a day, an approval after its timeoutInMinutes. */
class PipelineTimeoutsIT {
    static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c, clock);
    private final CodePipelineClient cp = slipway.codePipeline();
    static final ActionTypeId WORK = ActionTypeId.builder().category(ActionCategory.BUILD).owner(ActionOwner.CUSTOM)
            .provider("SlowBuild").version("1").build();

    @BeforeAll
    static void setUp() {
        slipway.s3().createBucket(r -> r.bucket("sources"));
        slipway.s3().createBucket(r -> r.bucket("artifacts"));
        slipway.s3().putObject(r -> r.bucket("sources").key("app.zip"), RequestBody.fromBytes(Zips.of(Map.of("a", "b"))));
        slipway.codePipeline().createCustomActionType(r -> r.category(ActionCategory.BUILD).provider("SlowBuild").version("1")
                .inputArtifactDetails(d -> d.minimumCount(0).maximumCount(1))
                .outputArtifactDetails(d -> d.minimumCount(0).maximumCount(1)));
    }

    private ActionExecution latest(String pipeline, int stage) {
        return cp.getPipelineState(r -> r.name(pipeline)).stageStates().get(stage).actionStates().getFirst().latestExecution();
    }

    @Test
    void aCustomJobNobodyFinishesTimesOutAfterADay() {
        cp.createPipeline(r -> r.pipeline(pipeline("slow", stage("Source", s3Source("Fetch", "SourceOutput")),
                stage("Build", ActionDeclaration.builder().name("Build").actionTypeId(WORK)
                        .inputArtifacts(InputArtifact.builder().name("SourceOutput").build()).build()))));
        String id = cp.listPipelineExecutions(r -> r.pipelineName("slow")).pipelineExecutionSummaries().getFirst()
                .pipelineExecutionId(); // creating a pipeline starts it
        slipway.awaitIdle();
        Job job = cp.pollForJobs(r -> r.actionTypeId(WORK)).jobs().getFirst();
        cp.acknowledgeJob(r -> r.jobId(job.id()).nonce(job.nonce()));
        clock.advance(Duration.ofHours(23));
        slipway.awaitIdle();
        assertThat(latest("slow", 1).status()).isEqualTo(ActionExecutionStatus.IN_PROGRESS);
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        slipway.awaitIdle();
        assertThat(latest("slow", 1).status()).isEqualTo(ActionExecutionStatus.FAILED);
        assertThat(latest("slow", 1).errorDetails().code()).isEqualTo("TimedOut");
        assertThat(cp.getPipelineExecution(r -> r.pipelineName("slow").pipelineExecutionId(id)).pipelineExecution().status())
                .isEqualTo(PipelineExecutionStatus.FAILED);
        rejects(InvalidJobStateException.class, "", () -> cp.putJobSuccessResult(r -> r.jobId(job.id())));
    }

    @Test
    void anApprovalTimesOutAfterItsTimeoutInMinutes() {
        cp.createPipeline(r -> r.pipeline(pipeline("approve", stage("Source", s3Source("Fetch", "SourceOutput")),
                stage("Approve", approval("Approve").toBuilder().timeoutInMinutes(5).build()))));
        slipway.awaitIdle(); // creating a pipeline starts it
        String token = latest("approve", 1).token();
        clock.advance(Duration.ofMinutes(6));
        slipway.awaitIdle();
        assertThat(latest("approve", 1).status()).isEqualTo(ActionExecutionStatus.FAILED);
        rejects(ApprovalAlreadyCompletedException.class, "", () -> cp.putApprovalResult(r -> r.pipelineName("approve")
                .stageName("Approve").actionName("Approve").token(token).result(a -> a.status(ApprovalStatus.APPROVED).summary("late"))));
    }
}
