package io.slipway.it.cluster;

import io.slipway.agent.AgentSettings;
import io.slipway.agent.HostAgent;
import io.slipway.it.LambdaFixtures;
import io.slipway.it.PipelineFixtures;
import io.slipway.it.RequestRecorder;
import io.slipway.it.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.BundleType;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.Job;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kill suite: three Slipway nodes on one PostgreSQL store behind HAProxy, and in each scenario
 * the node holding the work dies by SIGKILL at a step drawn at random ({@link KillPlan} prints the
 * seed). Every scenario must complete through the survivors, run each hook invocation and hand out
 * each job once, and lose none of the writes a client had acknowledged meanwhile
 * ({@link AcknowledgedWrites}). Functions, bundles and sources are created through the proxy, as a
 * team would, so any node may be the one that runs them.
 */
class ClusterFailoverIT {
    private static final int NODES = 3;
    /** How long a kill waits for the work to be leased before taking any node: work that waits is held by none. */
    private static final Duration LEASE_WAIT = Duration.ofSeconds(2);

    private static void step(Cluster cluster, KillPlan plan, String name) throws InterruptedException {
        System.out.println("step: " + name);
        if (plan.at(name)) {
            cluster.kill(cluster.holderOrAny(LEASE_WAIT, plan.random()));
        }
    }

    /**
     * A CodeDeploy hook function: records that it started, works for two seconds (a node may die
     * meanwhile: the function outlives it), reports Succeeded through the proxy (not through the
     * node running it, which may be the one that died), then records that it reported.
     */
    static final String DEPLOYMENT_HOOK = """
            import os, time, urllib.request, boto3
            from botocore.config import Config
            # AWS_ENDPOINT_URL is the proxy (the nodes' --endpoint-url), not the node running the function
            codedeploy = boto3.client("codedeploy", config=Config(retries={"mode": "standard", "max_attempts": 10}))
            def record(what, event):
                line = "%s %s %s" % (what, os.environ["AWS_LAMBDA_FUNCTION_NAME"], event["LifecycleEventHookExecutionId"])
                urllib.request.urlopen(urllib.request.Request(os.environ["RECORDER"], data=line.encode(), method="POST")).read()
            def handler(event, context):
                record("started", event)
                time.sleep(2)
                codedeploy.put_lifecycle_event_hook_execution_status(deploymentId=event["DeploymentId"],
                    lifecycleEventHookExecutionId=event["LifecycleEventHookExecutionId"], status="Succeeded")
                record("reported", event)
            """;

    @Test
    void aLambdaDeploymentWithHooksCompletesThroughTheSurvivors() throws Exception {
        LambdaFixtures.requirePython();
        KillPlan plan = new KillPlan("lambda deployment", List.of("deployment created", "BeforeAllowTraffic running",
                "BeforeAllowTraffic reported", "AfterAllowTraffic running", "AfterAllowTraffic reported"));
        try (Cluster cluster = Cluster.start(NODES); RequestRecorder recorder = new RequestRecorder();
             AcknowledgedWrites writes = new AcknowledgedWrites(cluster, "/cluster/lambda")) {
            LambdaFixtures.checkout(cluster.endpoint(), "AKID");
            LambdaClient lambda = cluster.client(LambdaClient.builder());
            for (String name : List.of("before", "after")) {
                lambda.createFunction(r -> r.functionName(name).runtime(Runtime.PYTHON3_12).handler("hook.handler")
                        .role("arn:aws:iam::000000000000:role/lambda").timeout(60)
                        .environment(e -> e.variables(Map.of("RECORDER", recorder.url())))
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("hook.py", DEPLOYMENT_HOOK))))));
                Cluster.await(name + " active", () -> lambda.getFunctionConfiguration(r -> r.functionName(name))
                        .stateAsString(), "Active"::equals);
            }
            CodeDeployClient cd = cluster.client(CodeDeployClient.builder());
            cd.createApplication(r -> r.applicationName("fn").computePlatform(ComputePlatform.LAMBDA));
            cd.createDeploymentGroup(r -> r.applicationName("fn").deploymentGroupName("live")
                    .serviceRoleArn("arn:aws:iam::000000000000:role/cd")
                    .deploymentConfigName("CodeDeployDefault.LambdaAllAtOnce"));
            String spec = LambdaFixtures.appSpec("before", "after");
            String id = cd.createDeployment(r -> r.applicationName("fn").deploymentGroupName("live").revision(v -> v
                    .revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(spec)))).deploymentId();
            step(cluster, plan, "deployment created");
            for (String hook : List.of("before", "after")) {
                String event = hook.equals("before") ? "BeforeAllowTraffic" : "AfterAllowTraffic";
                // killed while the function runs, its node's invocation is not made again; the function reports
                Cluster.await(event + " running", () -> started(recorder, "started " + hook + " ").size() == 1, done -> done);
                step(cluster, plan, event + " running");
                Cluster.await(event + " reported", () -> started(recorder, "reported " + hook + " ").size() == 1, done -> done);
                step(cluster, plan, event + " reported");
            }

            DeploymentStatus status = Cluster.await("deployment " + id + " ends",
                    () -> cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status(),
                    s -> s == DeploymentStatus.SUCCEEDED || s == DeploymentStatus.FAILED || s == DeploymentStatus.STOPPED);
            assertThat(status).as(recorder.bodies().toString()).isEqualTo(DeploymentStatus.SUCCEEDED);
            Map<String, Long> started = started(recorder, "started ");
            assertThat(started).as("each hook execution invoked once").hasSize(2).allSatisfy((k, n) -> assertThat(n).isOne());
            assertThat(lambda.getAlias(r -> r.functionName("checkout").name("live")).functionVersion()).isEqualTo("2");
            writes.stopAndVerify();
        }
    }

    /** How often each call the recorder got that starts with {@code prefix} was made. */
    private static Map<String, Long> started(RequestRecorder recorder, String prefix) {
        Map<String, Long> counts = new TreeMap<>();
        recorder.bodies().stream().filter(call -> call.startsWith(prefix)).forEach(call -> counts.merge(call, 1L, Long::sum));
        return counts;
    }

    @Test
    void aServerDeploymentWithItsAgentCompletesThroughTheSurvivors(@TempDir Path hostRoot, @TempDir Path records)
            throws Exception {
        KillPlan plan = new KillPlan("server deployment", List.of("deployment created", "BeforeInstall ran",
                "ApplicationStart ran"));
        Path ran = records.resolve("ran.txt");
        String script = "#!/bin/sh\necho \"$LIFECYCLE_EVENT $DEPLOYMENT_ID\" >> '" + ran + "'\n";
        String appspec = "version: 0.0\nos: linux\nfiles:\n  - source: index.html\n    destination: /srv/app\nhooks:\n"
                + List.of("BeforeInstall", "AfterInstall", "ApplicationStart", "ValidateService").stream()
                .map(e -> "  " + e + ":\n    - location: record.sh\n      timeout: 60\n").reduce("", String::concat);
        try (Cluster cluster = Cluster.start(NODES);
             AcknowledgedWrites writes = new AcknowledgedWrites(cluster, "/cluster/server");
             HostAgent agent = new HostAgent(AgentSettings.of(URI.create(cluster.endpoint()),
                     "arn:aws:iam::000000000000:user/web-1", hostRoot)
                     .withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1))).start()) {
            S3Client s3 = cluster.client(S3Client.builder().forcePathStyle(true));
            s3.createBucket(r -> r.bucket("bundles"));
            s3.putObject(r -> r.bucket("bundles").key("app.zip"), RequestBody.fromBytes(Zips.of(Map.of(
                    "appspec.yml", appspec, "index.html", "served by the survivors", "record.sh", script))));
            CodeDeployClient cd = cluster.client(CodeDeployClient.builder());
            PipelineFixtures.webOnPremises(cd);
            String id = cd.createDeployment(r -> r.applicationName("web").deploymentGroupName("prod").revision(v -> v
                    .revisionType(RevisionLocationType.S3).s3Location(l -> l.bucket("bundles").key("app.zip")
                            .bundleType(BundleType.ZIP)))).deploymentId();
            step(cluster, plan, "deployment created");
            Cluster.await("BeforeInstall ran", () -> {
                List<String> lines = lines(ran);
                var info = lines.isEmpty() ? cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo() : null;
                if (info != null && info.status() == DeploymentStatus.FAILED) { // no script will run: say why now
                    throw new AssertionError("deployment failed: " + info.errorInformation());
                }
                return lines;
            }, l -> l.contains("BeforeInstall " + id));
            step(cluster, plan, "BeforeInstall ran");
            Cluster.await("ApplicationStart ran", () -> lines(ran), l -> l.contains("ApplicationStart " + id));
            step(cluster, plan, "ApplicationStart ran");

            DeploymentStatus status = Cluster.await("deployment " + id + " ends",
                    () -> cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status(),
                    s -> s == DeploymentStatus.SUCCEEDED || s == DeploymentStatus.FAILED || s == DeploymentStatus.STOPPED);
            assertThat(status).isEqualTo(DeploymentStatus.SUCCEEDED);
            assertThat(lines(ran)).as("each lifecycle event's script ran once").containsExactly("BeforeInstall " + id,
                    "AfterInstall " + id, "ApplicationStart " + id, "ValidateService " + id);
            assertThat(hostRoot.resolve("srv/app/index.html")).content().isEqualTo("served by the survivors");
            writes.stopAndVerify();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPipelineWithAJobWorkerCompletesThroughTheSurvivors() throws Exception {
        List<String> steps = List.of("pipeline created", "job 1 polled", "job 1 acknowledged", "job 1 succeeded",
                "job 2 polled", "job 2 acknowledged", "job 2 succeeded");
        KillPlan plan = new KillPlan("pipeline", steps);
        try (Cluster cluster = Cluster.start(NODES);
             AcknowledgedWrites writes = new AcknowledgedWrites(cluster, "/cluster/pipeline")) {
            S3Client s3 = cluster.client(S3Client.builder().forcePathStyle(true));
            s3.createBucket(r -> r.bucket("sources"));
            s3.createBucket(r -> r.bucket("artifacts"));
            s3.putObject(r -> r.bucket("sources").key("app.zip"), RequestBody.fromBytes(Zips.of(Map.of("a", "b"))));
            CodePipelineClient cp = cluster.client(CodePipelineClient.builder());
            ActionTypeId type = PipelineFixtures.customBuildType(cp, "ClusterBuild");
            cp.createPipeline(r -> r.pipeline(PipelineFixtures.pipeline("relay",
                    PipelineFixtures.stage("Source", PipelineFixtures.s3Source("Fetch", "SourceOutput")),
                    PipelineFixtures.stage("Build", PipelineFixtures.customBuild("First", type),
                            PipelineFixtures.customBuild("Second", type).toBuilder().runOrder(2).build()))));
            String id = cp.listPipelineExecutions(r -> r.pipelineName("relay")).pipelineExecutionSummaries().getFirst()
                    .pipelineExecutionId(); // creating a pipeline starts it
            step(cluster, plan, "pipeline created");

            Map<String, Integer> handedOut = new TreeMap<>();
            for (int n = 1; n <= 2; n++) {
                Job job = Cluster.await("job " + n + " handed out", () -> {
                    List<Job> jobs = cp.pollForJobs(r -> r.actionTypeId(type).maxBatchSize(1)).jobs();
                    jobs.forEach(j -> handedOut.merge(j.id(), 1, Integer::sum));
                    if (jobs.isEmpty() && executionStatus(cp, id).equals("Failed")) { // no job will come: say why now
                        throw new AssertionError("execution failed: " + cp.getPipelineState(r -> r.name("relay")));
                    }
                    return jobs;
                }, jobs -> !jobs.isEmpty()).getFirst();
                assertThat(job.data().pipelineContext().pipelineExecutionId()).isEqualTo(id);
                step(cluster, plan, "job " + n + " polled");
                cp.acknowledgeJob(r -> r.jobId(job.id()).nonce(job.nonce()));
                step(cluster, plan, "job " + n + " acknowledged");
                cp.putJobSuccessResult(r -> r.jobId(job.id()));
                step(cluster, plan, "job " + n + " succeeded");
            }

            String status = Cluster.await("execution " + id + " ends", () -> executionStatus(cp, id),
                    s -> !s.equals("InProgress"));
            assertThat(status).isEqualTo("Succeeded");
            assertThat(cp.pollForJobs(r -> r.actionTypeId(type)).jobs()).as("no job handed out again").isEmpty();
            assertThat(handedOut).as("each job handed out once").hasSize(2).allSatisfy((k, n) -> assertThat(n).isOne());
            writes.stopAndVerify();
        }
    }

    private static String executionStatus(CodePipelineClient cp, String id) {
        return cp.getPipelineExecution(r -> r.pipelineName("relay").pipelineExecutionId(id)).pipelineExecution()
                .statusAsString();
    }

    /**
     * A CloudFormation Lambda hook that records each invocation (its token and number) and asks to
     * be called again once, two seconds later: the node running it holds the stack's work meanwhile.
     */
    static final String STACK_HOOK = """
            import os, urllib.request
            def handler(event, context):
                n = event["requestContext"]["invocation"]
                line = "invoked %s %s" % (event["clientRequestToken"], n)
                urllib.request.urlopen(urllib.request.Request(os.environ["RECORDER"], data=line.encode(), method="POST")).read()
                again = n < 2
                return {"hookStatus": "IN_PROGRESS" if again else "SUCCESS", "callbackDelaySeconds": 2,
                        "callbackContext": {"asked": True}, "clientRequestToken": event["clientRequestToken"],
                        "message": "checking" if again else "fine"}
            """;

    @Test
    void aStackWithALambdaHookCompletesThroughTheSurvivors() throws Exception {
        LambdaFixtures.requirePython();
        KillPlan plan = new KillPlan("stack", List.of("stack created", "hook invoked once", "hook invoked twice"));
        try (Cluster cluster = Cluster.start(NODES); RequestRecorder recorder = new RequestRecorder();
             AcknowledgedWrites writes = new AcknowledgedWrites(cluster, "/cluster/stack")) {
            LambdaClient lambda = cluster.client(LambdaClient.builder());
            lambda.createFunction(r -> r.functionName("check").runtime(Runtime.PYTHON3_12).handler("check.handler")
                    .role("arn:aws:iam::000000000000:role/lambda").timeout(60)
                    .environment(e -> e.variables(Map.of("RECORDER", recorder.url())))
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("check.py", STACK_HOOK))))));
            Cluster.await("check active", () -> lambda.getFunctionConfiguration(r -> r.functionName("check"))
                    .stateAsString(), "Active"::equals);
            CloudFormationClient cfn = cluster.client(CloudFormationClient.builder());
            LambdaFixtures.resourceHook(cfn, "Cluster::Hook::Check", "check");
            String stackId = cfn.createStack(r -> r.stackName("guarded").templateBody(
                    "{\"Resources\": {\"Data\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": \"guarded-data\"}}}}"))
                    .stackId();
            step(cluster, plan, "stack created");
            Cluster.await("hook invoked once", () -> !recorder.bodies().isEmpty(), done -> done);
            step(cluster, plan, "hook invoked once");
            Cluster.await("hook invoked twice", () -> recorder.bodies().stream().anyMatch(c -> c.endsWith(" 2")), done -> done);
            step(cluster, plan, "hook invoked twice");

            String status = Cluster.await("stack " + stackId + " ends", () -> cfn.describeStacks(r -> r.stackName(stackId))
                    .stacks().getFirst().stackStatusAsString(), s -> !s.endsWith("_IN_PROGRESS"));
            assertThat(status).as(recorder.bodies().toString()).isEqualTo("CREATE_COMPLETE");
            // a hook run cut by the kill starts again under a new token: no token's invocation runs twice
            assertThat(started(recorder, "invoked ")).as("each hook invocation ran once").allSatisfy((k, n) -> assertThat(n).isOne());
            assertThat(cfn.describeStackEvents(r -> r.stackName(stackId)).stackEvents().stream()
                    .filter(e -> "Data".equals(e.logicalResourceId()) && "CREATE_COMPLETE".equals(e.resourceStatusAsString())))
                    .hasSize(1);
            cluster.client(S3Client.builder().forcePathStyle(true)).headBucket(r -> r.bucket("guarded-data"));
            writes.stopAndVerify();
        }
    }
}
