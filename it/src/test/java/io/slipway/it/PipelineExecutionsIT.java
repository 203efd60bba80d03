package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.*;

import java.util.List;
import java.util.Map;

import static io.slipway.it.PipelineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pipeline executions through the SDK, with the test playing the job worker by hand: stages in
 * order, jobs with continuation tokens and output variables, variables resolved in later actions,
 * approvals, failure and retry, stops, superseding at a disabled transition.
 */
class PipelineExecutionsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodePipelineClient cp = slipway.codePipeline();
    static final byte[] SOURCE = Zips.of(Map.of("README", "v1"));
    static final ActionTypeId BUILD = ActionTypeId.builder().category(ActionCategory.BUILD).owner(ActionOwner.CUSTOM)
            .provider("TestBuild").version("1").build();

    @BeforeAll
    static void buckets() {
        var s3 = slipway.s3();
        s3.createBucket(r -> r.bucket("sources"));
        s3.putBucketVersioning(r -> r.bucket("sources").versioningConfiguration(v -> v.status("Enabled")));
        s3.createBucket(r -> r.bucket("artifacts"));
        s3.putObject(r -> r.bucket("sources").key("app.zip"), RequestBody.fromBytes(SOURCE));
        slipway.codePipeline().createCustomActionType(r -> r.category(ActionCategory.BUILD).provider("TestBuild").version("1")
                .configurationProperties(ActionConfigurationProperty.builder().name("ProjectName").required(true).key(true)
                        .secret(false).queryable(true).build())
                .inputArtifactDetails(d -> d.minimumCount(1).maximumCount(1))
                .outputArtifactDetails(d -> d.minimumCount(1).maximumCount(1)));
    }

    private static ActionDeclaration build(String project) {
        return ActionDeclaration.builder().name("Build").actionTypeId(BUILD).namespace("BuildVariables")
                .configuration(Map.of("ProjectName", project))
                .inputArtifacts(InputArtifact.builder().name("SourceOutput").build())
                .outputArtifacts(OutputArtifact.builder().name("BuildOutput").build()).build();
    }

    private static ActionDeclaration approvalSaying(String customData) {
        return approval("Approve").toBuilder().configuration(Map.of("CustomData", customData)).build();
    }

    /**
     * Source, a custom build, then an approval whose text names the build's and the source's
     * variables; answers the execution its creation starts, as on AWS.
     */
    private String create(String name, String project) {
        ActionDeclaration source = s3Source("Fetch", "SourceOutput").toBuilder().namespace("SourceVariables").build();
        cp.createPipeline(r -> r.pipeline(pipeline(name, stage("Source", source), stage("Build", build(project)),
                stage("Approve", approvalSaying("Build #{BuildVariables.BuildNumber} of #{SourceVariables.ETag}")))));
        return firstExecution(name);
    }

    private String firstExecution(String name) {
        slipway.awaitIdle();
        var executions = cp.listPipelineExecutions(r -> r.pipelineName(name)).pipelineExecutionSummaries();
        assertThat(executions).hasSize(1);
        assertThat(executions.getFirst().trigger().triggerType()).isEqualTo(TriggerType.CREATE_PIPELINE);
        return executions.getFirst().pipelineExecutionId();
    }

    private String start(String name) {
        String id = cp.startPipelineExecution(r -> r.name(name)).pipelineExecutionId();
        slipway.awaitIdle();
        return id;
    }

    private Job pollOne(String project) {
        List<Job> jobs = cp.pollForJobs(r -> r.actionTypeId(BUILD).maxBatchSize(5).queryParam(Map.of("ProjectName", project)))
                .jobs();
        assertThat(jobs).hasSize(1);
        assertThat(cp.acknowledgeJob(r -> r.jobId(jobs.getFirst().id()).nonce(jobs.getFirst().nonce())).status())
                .isEqualTo(JobStatus.IN_PROGRESS);
        return jobs.getFirst();
    }

    private StageState stageState(String pipeline, String name) {
        return cp.getPipelineState(r -> r.name(pipeline)).stageStates().stream().filter(s -> s.stageName().equals(name))
                .findFirst().orElseThrow();
    }

    private ActionExecution latest(String pipeline, String stage) {
        return stageState(pipeline, stage).actionStates().getFirst().latestExecution();
    }

    private PipelineExecutionStatus status(String pipeline, String id) {
        return cp.getPipelineExecution(r -> r.pipelineName(pipeline).pipelineExecutionId(id)).pipelineExecution().status();
    }

    @Test
    void stagesRunInOrderWithContinuationTokensOutputVariablesAndAnApproval() {
        String id = create("flow", "flow");
        assertThat(stageState("flow", "Source").latestExecution().status()).isEqualTo(StageExecutionStatus.SUCCEEDED);
        assertThat(stageState("flow", "Build").latestExecution().status()).isEqualTo(StageExecutionStatus.IN_PROGRESS);

        Job first = pollOne("flow");
        JobData data = first.data();
        assertThat(data.pipelineContext().pipelineName()).isEqualTo("flow");
        assertThat(data.pipelineContext().pipelineExecutionId()).isEqualTo(id);
        assertThat(data.actionConfiguration().configuration()).containsEntry("ProjectName", "flow");
        assertThat(data.inputArtifacts().getFirst().location().s3Location().bucketName()).isEqualTo("artifacts");
        assertThat(data.inputArtifacts().getFirst().revision()).isNotBlank();
        assertThat(data.outputArtifacts().getFirst().location().s3Location().objectKey()).startsWith("flow/BuildOutpu/");
        assertThat(data.artifactCredentials().accessKeyId()).isNotBlank();
        assertThat(slipway.s3().getObjectAsBytes(r -> r.bucket("artifacts")
                .key(data.inputArtifacts().getFirst().location().s3Location().objectKey())).asByteArray())
                .as("the source was copied into the artifact store").isEqualTo(SOURCE);

        cp.putJobSuccessResult(r -> r.jobId(first.id()).continuationToken("step-1")
                .executionDetails(d -> d.summary("compiling").percentComplete(50).externalExecutionId("build-7")));
        slipway.awaitIdle();
        assertThat(latest("flow", "Build").percentComplete()).isEqualTo(50);
        assertThat(latest("flow", "Build").summary()).isEqualTo("compiling");
        Job second = pollOne("flow");
        assertThat(second.data().continuationToken()).isEqualTo("step-1");
        assertThat(second.data().pipelineContext().action().actionExecutionId())
                .isEqualTo(data.pipelineContext().action().actionExecutionId());
        cp.putJobSuccessResult(r -> r.jobId(second.id()).outputVariables(Map.of("BuildNumber", "42"))
                .currentRevision(c -> c.revision("rev-9").changeIdentifier("change-9")));
        slipway.awaitIdle();

        assertThat(stageState("flow", "Build").latestExecution().status()).isEqualTo(StageExecutionStatus.SUCCEEDED);
        ActionExecution approval = latest("flow", "Approve");
        assertThat(approval.status()).isEqualTo(ActionExecutionStatus.IN_PROGRESS);
        assertThat(approval.token()).isNotBlank();
        List<ActionExecutionDetail> actions = cp.listActionExecutions(r -> r.pipelineName("flow")
                .filter(f -> f.pipelineExecutionId(id))).actionExecutionDetails();
        assertThat(actions).extracting(ActionExecutionDetail::actionName).containsExactly("Approve", "Build", "Fetch");
        String etag = actions.get(2).output().outputVariables().get("ETag");
        assertThat(actions.getFirst().input().resolvedConfiguration()).containsEntry("CustomData", "Build 42 of " + etag);
        assertThat(actions.get(1).output().outputVariables()).containsEntry("BuildNumber", "42");

        cp.putApprovalResult(r -> r.pipelineName("flow").stageName("Approve").actionName("Approve").token(approval.token())
                .result(a -> a.status(ApprovalStatus.APPROVED).summary("looks good")));
        slipway.awaitIdle();
        PipelineExecution done = cp.getPipelineExecution(r -> r.pipelineName("flow").pipelineExecutionId(id)).pipelineExecution();
        assertThat(done.status()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(done.artifactRevisions()).extracting(ArtifactRevision::name).contains("SourceOutput");
        assertThat(latest("flow", "Approve").summary()).isEqualTo("looks good");
        ActionRevision built = stageState("flow", "Build").actionStates().getFirst().currentRevision();
        assertThat(built.revisionId()).isEqualTo("rev-9");
        assertThat(built.revisionChangeId()).isEqualTo("change-9");
        PipelineFixtures.rejects(ApprovalAlreadyCompletedException.class, "already", () -> cp.putApprovalResult(r -> r
                .pipelineName("flow").stageName("Approve").actionName("Approve").token(approval.token())
                .result(a -> a.status(ApprovalStatus.APPROVED).summary("again"))));
    }

    @Test
    void aFailedJobFailsTheExecutionAndRetryRunsTheFailedActionAgainInTheSameExecution() {
        String id = create("retry", "retry");
        Job job = pollOne("retry");
        cp.putJobFailureResult(r -> r.jobId(job.id()).failureDetails(f -> f.type(FailureType.JOB_FAILED).message("tests failed")));
        slipway.awaitIdle();
        assertThat(status("retry", id)).isEqualTo(PipelineExecutionStatus.FAILED);
        assertThat(stageState("retry", "Build").latestExecution().status()).isEqualTo(StageExecutionStatus.FAILED);
        assertThat(latest("retry", "Build").errorDetails().message()).isEqualTo("tests failed");
        PipelineFixtures.rejects(StageNotRetryableException.class, "Source", () -> cp.retryStageExecution(r -> r
                .pipelineName("retry").stageName("Source").pipelineExecutionId(id).retryMode(StageRetryMode.FAILED_ACTIONS)));

        assertThat(cp.retryStageExecution(r -> r.pipelineName("retry").stageName("Build").pipelineExecutionId(id)
                .retryMode(StageRetryMode.FAILED_ACTIONS)).pipelineExecutionId()).isEqualTo(id);
        slipway.awaitIdle();
        assertThat(status("retry", id)).isEqualTo(PipelineExecutionStatus.IN_PROGRESS);
        Job again = pollOne("retry");
        cp.putJobSuccessResult(r -> r.jobId(again.id()).outputVariables(Map.of("BuildNumber", "43")));
        slipway.awaitIdle();
        assertThat(latest("retry", "Approve").status()).isEqualTo(ActionExecutionStatus.IN_PROGRESS);
        PipelineFixtures.rejects(InvalidJobStateException.class, "", () -> cp.putJobSuccessResult(r -> r.jobId(job.id())));
    }

    @Test
    void stopAndAbandonEndsTheWaitingApprovalAsAbandoned() {
        cp.createPipeline(r -> r.pipeline(pipeline("abandon", stage("Source", s3Source("Fetch", "SourceOutput")),
                stage("Approve", approval("Approve")))));
        String id = firstExecution("abandon");
        assertThat(latest("abandon", "Approve").status()).isEqualTo(ActionExecutionStatus.IN_PROGRESS);
        cp.stopPipelineExecution(r -> r.pipelineName("abandon").pipelineExecutionId(id).abandon(true).reason("wrong build"));
        slipway.awaitIdle();
        PipelineExecution stopped = cp.getPipelineExecution(r -> r.pipelineName("abandon").pipelineExecutionId(id))
                .pipelineExecution();
        assertThat(stopped.status()).isEqualTo(PipelineExecutionStatus.STOPPED);
        assertThat(latest("abandon", "Approve").status()).isEqualTo(ActionExecutionStatus.ABANDONED);
        assertThat(stageState("abandon", "Approve").latestExecution().status()).isEqualTo(StageExecutionStatus.STOPPED);
        PipelineFixtures.rejects(PipelineExecutionNotStoppableException.class, id, () -> cp.stopPipelineExecution(r -> r
                .pipelineName("abandon").pipelineExecutionId(id)));
        assertThat(cp.listPipelineExecutions(r -> r.pipelineName("abandon")).pipelineExecutionSummaries().getFirst()
                .stopTrigger().reason()).isEqualTo("wrong build");
    }

    @Test
    void aRejectedApprovalFailsTheExecution() {
        cp.createPipeline(r -> r.pipeline(pipeline("reject", stage("Source", s3Source("Fetch", "SourceOutput")),
                stage("Approve", approval("Approve")))));
        String id = firstExecution("reject");
        cp.putApprovalResult(r -> r.pipelineName("reject").stageName("Approve").actionName("Approve")
                .token(latest("reject", "Approve").token()).result(a -> a.status(ApprovalStatus.REJECTED).summary("not now")));
        slipway.awaitIdle();
        assertThat(status("reject", id)).isEqualTo(PipelineExecutionStatus.FAILED);
        ActionExecution rejected = latest("reject", "Approve");
        assertThat(rejected.status()).isEqualTo(ActionExecutionStatus.FAILED);
        assertThat(rejected.errorDetails().message()).isEqualTo("Rejected: not now");
    }

    @Test
    void stopAndWaitLetsTheRunningJobFinishAndStartsNothingAfterIt() {
        String id = create("wait", "wait");
        Job job = pollOne("wait");
        cp.stopPipelineExecution(r -> r.pipelineName("wait").pipelineExecutionId(id).reason("later"));
        assertThat(status("wait", id)).isEqualTo(PipelineExecutionStatus.STOPPING);
        PipelineFixtures.rejects(DuplicatedStopRequestException.class, "already", () -> cp.stopPipelineExecution(r -> r
                .pipelineName("wait").pipelineExecutionId(id)));
        cp.putJobSuccessResult(r -> r.jobId(job.id()).outputVariables(Map.of("BuildNumber", "1")));
        slipway.awaitIdle();
        assertThat(status("wait", id)).isEqualTo(PipelineExecutionStatus.STOPPED);
        assertThat(latest("wait", "Build").status()).isEqualTo(ActionExecutionStatus.SUCCEEDED);
        assertThat(latest("wait", "Approve")).as("the next stage never started").isNull();
    }

    @Test
    void aNewerExecutionSupersedesOneWaitingInFrontOfABusyStage() {
        String running = create("supersede", "supersede");
        Job job = pollOne("supersede");
        cp.disableStageTransition(r -> r.pipelineName("supersede").stageName("Build").transitionType(StageTransitionType.INBOUND)
                .reason("freeze"));
        String older = start("supersede");
        StageState build = stageState("supersede", "Build");
        assertThat(build.inboundTransitionState().enabled()).isFalse();
        assertThat(build.inboundTransitionState().disabledReason()).isEqualTo("freeze");
        assertThat(build.inboundExecution().pipelineExecutionId()).isEqualTo(older);
        String newer = start("supersede");
        assertThat(status("supersede", older)).isEqualTo(PipelineExecutionStatus.SUPERSEDED);
        assertThat(stageState("supersede", "Build").inboundExecution().pipelineExecutionId()).isEqualTo(newer);

        cp.enableStageTransition(r -> r.pipelineName("supersede").stageName("Build").transitionType(StageTransitionType.INBOUND));
        slipway.awaitIdle();
        assertThat(stageState("supersede", "Build").latestExecution().pipelineExecutionId())
                .as("the stage is still held by the running execution").isEqualTo(running);
        cp.putJobSuccessResult(r -> r.jobId(job.id()).outputVariables(Map.of("BuildNumber", "1")));
        slipway.awaitIdle();
        assertThat(stageState("supersede", "Build").latestExecution().pipelineExecutionId()).isEqualTo(newer);
        assertThat(pollOne("supersede").data().pipelineContext().pipelineExecutionId()).isEqualTo(newer);
    }

    @Test
    void updatingAPipelineCancelsItsRunningExecution() {
        String id = create("update", "update");
        pollOne("update");
        var declaration = cp.getPipeline(r -> r.name("update")).pipeline();
        cp.updatePipeline(r -> r.pipeline(declaration.toBuilder().stages(declaration.stages().getFirst(),
                declaration.stages().get(1)).build()));
        slipway.awaitIdle();
        assertThat(status("update", id)).isEqualTo(PipelineExecutionStatus.CANCELLED);
        assertThat(latest("update", "Build").status()).isEqualTo(ActionExecutionStatus.ABANDONED);
        assertThat(cp.getPipelineState(r -> r.name("update")).stageStates()).hasSize(2);
    }

    @Test
    void pipelineVariablesAndTheExecutionIdResolveInActionConfiguration() {
        cp.createPipeline(r -> r.pipeline(pipeline("variables", stage("Source", s3Source("Fetch", "SourceOutput")),
                stage("Approve", approvalSaying("Deploy to #{variables.Env} (#{codepipeline.PipelineExecutionId})")))
                .toBuilder().pipelineType(PipelineType.V2).executionMode(ExecutionMode.PARALLEL)
                .variables(PipelineVariableDeclaration.builder().name("Env")
                        .defaultValue("staging").build()).build()));
        String byDefault = firstExecution("variables");
        String overridden = cp.startPipelineExecution(r -> r.name("variables").variables(v -> v.name("Env").value("prod")))
                .pipelineExecutionId();
        slipway.awaitIdle();
        for (String id : List.of(byDefault, overridden)) {
            String env = id.equals(byDefault) ? "staging" : "prod";
            ActionExecutionDetail approve = cp.listActionExecutions(r -> r.pipelineName("variables")
                    .filter(f -> f.pipelineExecutionId(id))).actionExecutionDetails().stream()
                    .filter(a -> a.actionName().equals("Approve")).findFirst().orElseThrow();
            assertThat(approve.input().resolvedConfiguration()).containsEntry("CustomData", "Deploy to " + env + " (" + id + ")");
            assertThat(cp.getPipelineExecution(r -> r.pipelineName("variables").pipelineExecutionId(id)).pipelineExecution()
                    .variables()).containsExactly(ResolvedPipelineVariable.builder().name("Env").resolvedValue(env).build());
        }
    }

    @Test
    void badRequestsGetCodePipelinesExceptions() {
        PipelineFixtures.rejects(PipelineNotFoundException.class, "nope", () -> cp.startPipelineExecution(r -> r.name("nope")));
        String id = create("errors", "errors");
        PipelineFixtures.rejects(PipelineExecutionNotFoundException.class, "00000000", () -> cp.getPipelineExecution(r -> r
                .pipelineName("errors").pipelineExecutionId("00000000-0000-0000-0000-000000000000")));
        PipelineFixtures.rejects(StageNotFoundException.class, "Nowhere", () -> cp.disableStageTransition(r -> r
                .pipelineName("errors").stageName("Nowhere").transitionType(StageTransitionType.INBOUND).reason("x")));
        pollOne("errors");
        PipelineFixtures.rejects(StageNotRetryableException.class, "Build", () -> cp.retryStageExecution(r -> r
                .pipelineName("errors").stageName("Build").pipelineExecutionId(id).retryMode(StageRetryMode.ALL_ACTIONS)));
        PipelineFixtures.rejects(ApprovalAlreadyCompletedException.class, "Approve", () -> cp.putApprovalResult(r -> r
                .pipelineName("errors").stageName("Approve").actionName("Approve").token("00000000-0000-0000-0000-000000000000")
                .result(a -> a.status(ApprovalStatus.APPROVED).summary("x"))));
        PipelineFixtures.rejects(ActionNotFoundException.class, "Missing", () -> cp.putApprovalResult(r -> r
                .pipelineName("errors").stageName("Approve").actionName("Missing").token("00000000-0000-0000-0000-000000000000")
                .result(a -> a.status(ApprovalStatus.APPROVED).summary("x"))));
        PipelineFixtures.rejects(software.amazon.awssdk.services.codepipeline.model.ValidationException.class, "Undeclared",
                () -> cp.startPipelineExecution(r -> r.name("errors").variables(v -> v.name("Undeclared").value("x"))));
    }
}
