package io.slipway.it;

import io.slipway.agent.AgentSettings;
import io.slipway.agent.HostAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.*;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static io.slipway.it.PipelineFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in actions that reach other services: a Lambda invoke whose function (run by Slipway's
 * Lambda, with boto3) answers PutJobSuccessResult or PutJobFailureResult, and a CodeDeploy deploy
 * whose deployment a host agent carries out; and the QUEUED and PARALLEL execution modes.
 */
class PipelineActionsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    @TempDir
    static Path hostRoot;
    private static HostAgent agent;
    private final CodePipelineClient cp = slipway.codePipeline();

    @BeforeAll
    static void services() {
        var s3 = slipway.s3();
        s3.createBucket(r -> r.bucket("sources"));
        s3.createBucket(r -> r.bucket("artifacts"));
        s3.putObject(r -> r.bucket("sources").key("app.zip"), RequestBody.fromBytes(Zips.of(Map.of(
                "appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: index.html\n    destination: /srv/shop\n",
                "index.html", "<h1>from the pipeline</h1>"))));
        shopOnPremises(slipway);
        agent = new HostAgent(AgentSettings.of(URI.create(slipway.endpoint()), "web-1", hostRoot)
                .withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1))).start();
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    /** Waits for an execution to end: its actions call other services and hosts, outside the engine. */
    private PipelineExecution finished(String pipeline, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            PipelineExecution e = cp.getPipelineExecution(r -> r.pipelineName(pipeline).pipelineExecutionId(id))
                    .pipelineExecution();
            if (e.status() != PipelineExecutionStatus.IN_PROGRESS && e.status() != PipelineExecutionStatus.STOPPING) {
                return e;
            }
            assertThat(System.nanoTime()).as("execution %s still running after 60 s", id).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** The execution a pipeline's creation starts, as on AWS. */
    private String firstExecution(String pipeline) {
        return cp.listPipelineExecutions(r -> r.pipelineName(pipeline)).pipelineExecutionSummaries().getLast()
                .pipelineExecutionId();
    }

    private ActionExecutionDetail action(String pipeline, String id, String name) {
        return cp.listActionExecutions(r -> r.pipelineName(pipeline).filter(f -> f.pipelineExecutionId(id)))
                .actionExecutionDetails().stream().filter(a -> a.actionName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aLambdaInvokeSucceedsOrFailsAsItsFunctionReports() throws Exception {
        boolean boto3 = new ProcessBuilder("python3", "-c", "import boto3").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(boto3).as("python3 with boto3 (examples/install.sh)").isTrue();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(boto3, "python3 with boto3 is not installed");
        String code = """
                import boto3

                def handler(event, context):
                    job = event["CodePipeline.job"]
                    params = job["data"]["actionConfiguration"]["configuration"].get("UserParameters", "")
                    codepipeline = boto3.client("codepipeline")
                    if params == "fail":
                        codepipeline.put_job_failure_result(jobId=job["id"],
                            failureDetails={"type": "JobFailed", "message": "asked to fail"})
                    else:
                        codepipeline.put_job_success_result(jobId=job["id"], outputVariables={"Checked": params})
                """;
        slipway.lambda().createFunction(r -> r.functionName("checker").runtime(Runtime.PYTHON3_12).handler("index.handler")
                .role("arn:aws:iam::000000000000:role/lambda").timeout(30)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("index.py", code))))));
        for (String params : List.of("ok", "fail")) {
            ActionDeclaration check = invoke("Check", 1, List.of("SourceOutput"), List.of()).toBuilder().namespace("Check")
                    .configuration(Map.of("FunctionName", "checker", "UserParameters", params)).build();
            cp.createPipeline(r -> r.pipeline(pipeline("invoke-" + params, stage("Source", s3Source("Fetch", "SourceOutput")),
                    stage("Check", check))));
            String id = firstExecution("invoke-" + params);
            PipelineExecution done = finished("invoke-" + params, id);
            ActionExecutionDetail invoked = action("invoke-" + params, id, "Check");
            if (params.equals("ok")) {
                assertThat(done.status()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
                assertThat(invoked.output().outputVariables()).containsEntry("Checked", "ok");
            } else {
                assertThat(done.status()).isEqualTo(PipelineExecutionStatus.FAILED);
                assertThat(invoked.output().executionResult().errorDetails().message()).isEqualTo("asked to fail");
            }
        }
    }

    @Test
    void aLambdaInvokeOfAMissingFunctionFailsAtOnce() {
        cp.createPipeline(r -> r.pipeline(pipeline("no-function", stage("Source", s3Source("Fetch", "SourceOutput")),
                stage("Check", invoke("Check", 1, List.of("SourceOutput"), List.of()).toBuilder()
                        .configuration(Map.of("FunctionName", "nobody-home")).build()))));
        String id = firstExecution("no-function");
        assertThat(finished("no-function", id).status()).isEqualTo(PipelineExecutionStatus.FAILED);
        assertThat(action("no-function", id, "Check").output().executionResult().errorDetails().message())
                .contains("nobody-home does not exist");
    }

    @Test
    void aCodeDeployActionDeploysTheSourceToItsHosts() {
        cp.createPipeline(r -> r.pipeline(sourceAndDeploy("deliver")));
        String id = firstExecution("deliver");
        assertThat(finished("deliver", id).status()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        String deploymentId = action("deliver", id, "Deploy").output().executionResult().externalExecutionId();
        assertThat(slipway.codeDeploy().getDeployment(r -> r.deploymentId(deploymentId)).deploymentInfo().status().toString())
                .isEqualTo("Succeeded");
        assertThat(hostRoot.resolve("srv/shop/index.html")).content().isEqualTo("<h1>from the pipeline</h1>");
    }

    @Test
    void aDeployToAMissingGroupFailsTheAction() {
        cp.createPipeline(r -> r.pipeline(pipeline("nowhere", stage("Source", s3Source("Fetch", "SourceOutput")),
                stage("Deploy", codeDeploy("Deploy", "SourceOutput").toBuilder()
                        .configuration(Map.of("ApplicationName", "shop", "DeploymentGroupName", "missing")).build()))));
        String id = firstExecution("nowhere");
        assertThat(finished("nowhere", id).status()).isEqualTo(PipelineExecutionStatus.FAILED);
        assertThat(action("nowhere", id, "Deploy").output().executionResult().errorDetails().message())
                .contains("DeploymentGroupDoesNotExistException");
    }

    private PipelineDeclaration approvals(String name, ExecutionMode mode) {
        return pipeline(name, stage("Source", s3Source("Fetch", "SourceOutput")), stage("Approve", approval("Approve")))
                .toBuilder().pipelineType(PipelineType.V2).executionMode(mode).build();
    }

    private StageState approveStage(String pipeline) {
        return cp.getPipelineState(r -> r.name(pipeline)).stageStates().get(1);
    }

    @Test
    void queuedExecutionsEnterAStageOneAfterAnother() {
        cp.createPipeline(r -> r.pipeline(approvals("queued", ExecutionMode.QUEUED)));
        String first = firstExecution("queued");
        slipway.awaitIdle();
        String second = cp.startPipelineExecution(r -> r.name("queued")).pipelineExecutionId();
        String third = cp.startPipelineExecution(r -> r.name("queued")).pipelineExecutionId();
        slipway.awaitIdle();
        StageState approve = approveStage("queued");
        assertThat(approve.latestExecution().pipelineExecutionId()).isEqualTo(first);
        assertThat(approve.inboundExecutions()).extracting(StageExecution::pipelineExecutionId).containsExactly(second, third);

        String token = approve.actionStates().getFirst().latestExecution().token();
        cp.putApprovalResult(r -> r.pipelineName("queued").stageName("Approve").actionName("Approve").token(token)
                .result(a -> a.status(ApprovalStatus.APPROVED).summary("ok")));
        slipway.awaitIdle();
        assertThat(approveStage("queued").latestExecution().pipelineExecutionId()).isEqualTo(second);
        assertThat(cp.getPipelineExecution(r -> r.pipelineName("queued").pipelineExecutionId(third)).pipelineExecution()
                .status()).as("queued, not superseded").isEqualTo(PipelineExecutionStatus.IN_PROGRESS);
    }

    @Test
    void parallelExecutionsRunTogether() {
        cp.createPipeline(r -> r.pipeline(approvals("parallel", ExecutionMode.PARALLEL)));
        String first = firstExecution("parallel");
        String second = cp.startPipelineExecution(r -> r.name("parallel")).pipelineExecutionId();
        slipway.awaitIdle();
        List<ActionExecutionDetail> approvals = cp.listActionExecutions(r -> r.pipelineName("parallel"))
                .actionExecutionDetails().stream().filter(a -> a.actionName().equals("Approve")).toList();
        assertThat(approvals).extracting(ActionExecutionDetail::pipelineExecutionId).containsExactlyInAnyOrder(first, second);
        assertThat(approvals).allSatisfy(a -> assertThat(a.status()).isEqualTo(ActionExecutionStatus.IN_PROGRESS));
        assertThat(approveStage("parallel").inboundExecutions()).isEmpty();
    }
}
