package io.slipway.it;

import io.slipway.app.Slipway;
import io.slipway.app.SlipwayConfig;
import io.slipway.engine.clock.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codedeploy.model.BundleType;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.s3.S3Client;
import io.slipway.agent.AgentSettings;
import io.slipway.agent.HostAgent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In-flight work survives a restart, including a kill -9, and carries on with the same ids:
 * deployments (Lambda and Server), pipeline executions and stack operations.
 */
class DeploymentRestartIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^ ]+)");
    private static final Pattern EXECUTION = Pattern.compile("\"lifecycleEventHookExecutionId\":\"([^\"]+)\"");

    private static CodeDeployClient client(String endpoint) {
        return CodeDeployClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String createDeployment(String endpoint, CodeDeployClient cd, String hook) {
        LambdaFixtures.checkout(endpoint, "AKID");
        cd.createApplication(r -> r.applicationName("fn").computePlatform(ComputePlatform.LAMBDA));
        cd.createDeploymentGroup(r -> r.applicationName("fn").deploymentGroupName("live")
                .serviceRoleArn("arn:aws:iam::000000000000:role/cd")
                .deploymentConfigName("CodeDeployDefault.LambdaCanary10Percent5Minutes"));
        String spec = LambdaFixtures.appSpec(hook, null);
        return cd.createDeployment(r -> r.applicationName("fn").deploymentGroupName("live")
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(spec))))
                .deploymentId();
    }

    /** A Slipway in a process of its own, so that it can be killed with SIGKILL. */
    record Child(Process process, String endpoint) {
        static Child start(Path dataDir, String... options) throws IOException, InterruptedException {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.slipway.app.Main", "server", "--port", "0",
                    "--data-dir", dataDir.toString(), "--no-access-log"));
            command.addAll(java.util.List.of(options));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = out.readLine()) != null; ) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep draining its output
                    return new Child(p, m.group(1));
                }
            }
            throw new IllegalStateException("Slipway exited before listening: " + p.waitFor(5, TimeUnit.SECONDS));
        }
    }

    /** Waits for another process's work: bounded, polling, never a timing assertion. */
    static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** A hook that asks to be called again in two seconds, then passes: the stack waits on it when it is killed. */
    static final String SLOW_HOOK = """
            def handler(event, context):
                again = event["requestContext"]["invocation"] < 2
                return {"hookStatus": "IN_PROGRESS" if again else "SUCCESS", "callbackDelaySeconds": 2,
                        "callbackContext": {"asked": True}, "clientRequestToken": event["clientRequestToken"],
                        "message": "checking" if again else "fine"}
            """;

    @Test
    void aStackWaitingOnAHookSurvivesKill9AndCompletes(@TempDir Path dataDir, @TempDir Path codeDir) throws Exception {
        Child first = Child.start(dataDir);
        String stackId;
        try {
            java.nio.file.Files.write(codeDir.resolve("hook.zip"), Zips.of(Map.of("slow.py", SLOW_HOOK)));
            AwsCli.Result created = AwsCli.at(first.endpoint(), "lambda", "create-function", "--function-name", "slow",
                    "--runtime", "python3.12", "--handler", "slow.handler", "--role", "arn:aws:iam::000000000000:role/l",
                    "--zip-file", "fileb://" + codeDir.resolve("hook.zip"));
            assertThat(created.exitCode()).as(created.stderr()).isZero();
            var cfn = software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder()
                    .endpointOverride(URI.create(first.endpoint())).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
            LambdaFixtures.resourceHook(cfn, "Slow::Hook::Check", "slow");
            stackId = cfn.createStack(r -> r.stackName("patient").templateBody(
                    "{\"Resources\": {\"Data\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": \"patient-data\"}}}}"))
                    .stackId();
            eventually(() -> cfn.describeStackEvents(r -> r.stackName("patient")).stackEvents().stream()
                    .anyMatch(e -> "Data".equals(e.logicalResourceId())));
        } finally {
            first.process().destroyForcibly().waitFor(); // SIGKILL while the hook's callback delay runs
        }
        Child second = Child.start(dataDir);
        try {
            var cfn = software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder()
                    .endpointOverride(URI.create(second.endpoint())).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
            eventually(() -> cfn.describeStacks(r -> r.stackName(stackId)).stacks().getFirst().stackStatusAsString()
                    .equals("CREATE_COMPLETE"));
            S3Client s3 = S3Client.builder().endpointOverride(URI.create(second.endpoint())).region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
            s3.headBucket(r -> r.bucket("patient-data"));
            assertThat(cfn.describeStackEvents(r -> r.stackName("patient")).stackEvents().stream()
                    .filter(e -> "Data".equals(e.logicalResourceId()) && "CREATE_COMPLETE".equals(e.resourceStatusAsString())))
                    .hasSize(1);
        } finally {
            second.process().destroyForcibly().waitFor();
        }
    }

    /** A custom resource's function that reports its request to the test and never answers: the test answers for it. */
    private static final String SILENT_PROVIDER = """
            import json
            import urllib.request
            def handler(event, context):
                urllib.request.urlopen(urllib.request.Request(event['ResourceProperties']['Recorder'],
                                                              data=json.dumps(event).encode(), method='POST')).read()
            """;

    @Test
    void aCustomResourceWaitingForItsResponseSurvivesKill9WithTheSameRequest(@TempDir Path dataDir, @TempDir Path codeDir)
            throws Exception {
        java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer recorder = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        recorder.createContext("/", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        recorder.start();
        String template = """
                {"Resources": {"Slow": {"Type": "Custom::Slow", "Properties": {
                  "ServiceToken": "arn:aws:lambda:us-east-1:000000000000:function:silent",
                  "Recorder": "http://127.0.0.1:%d/"}}},
                 "Outputs": {"Answer": {"Value": {"Fn::GetAtt": ["Slow", "Answer"]}}}}
                """.formatted(recorder.getAddress().getPort());
        Child first = Child.start(dataDir);
        String stackId;
        try {
            java.nio.file.Files.write(codeDir.resolve("silent.zip"), Zips.of(Map.of("silent.py", SILENT_PROVIDER)));
            AwsCli.Result created = AwsCli.at(first.endpoint(), "lambda", "create-function", "--function-name", "silent",
                    "--runtime", "python3.12", "--handler", "silent.handler", "--role", "arn:aws:iam::000000000000:role/l",
                    "--zip-file", "fileb://" + codeDir.resolve("silent.zip"));
            assertThat(created.exitCode()).as(created.stderr()).isZero();
            stackId = cloudFormation(first.endpoint()).createStack(r -> r.stackName("waiting").templateBody(template)).stackId();
            eventually(() -> requests.size() == 1);
        } finally {
            first.process().destroyForcibly().waitFor(); // SIGKILL while the stack waits for the response
        }
        Child second = Child.start(dataDir);
        try {
            var cfn = cloudFormation(second.endpoint());
            Matcher url = Pattern.compile("\"ResponseURL\": \"([^\"]+)\"").matcher(requests.getFirst());
            Matcher requestId = Pattern.compile("\"RequestId\": \"([^\"]+)\"").matcher(requests.getFirst());
            assertThat(url.find() && requestId.find()).isTrue();
            // the response goes to the restarted Slipway: the URL's signature names no host
            String responseUrl = second.endpoint() + url.group(1).substring(url.group(1).indexOf("/_slipway/"));
            String body = """
                    {"Status": "SUCCESS", "PhysicalResourceId": "slow-1", "StackId": "%s", "RequestId": "%s",
                     "LogicalResourceId": "Slow", "Data": {"Answer": "42"}}""".formatted(stackId, requestId.group(1));
            var put = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(responseUrl))
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);
            eventually(() -> cfn.describeStacks(r -> r.stackName(stackId)).stacks().getFirst().stackStatusAsString()
                    .equals("CREATE_COMPLETE"));
            assertThat(cfn.describeStacks(r -> r.stackName(stackId)).stacks().getFirst().outputs().getFirst().outputValue())
                    .isEqualTo("42");
            assertThat(requests).hasSize(1); // the request was sent before the kill: never sent again
        } finally {
            second.process().destroyForcibly().waitFor();
            recorder.stop(0);
        }
    }

    private static software.amazon.awssdk.services.cloudformation.CloudFormationClient cloudFormation(String endpoint) {
        return software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder()
                .endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void aDeploymentWaitingOnAHookSurvivesKill9(@TempDir Path dataDir) throws Exception {
        Child first = Child.start(dataDir);
        String id;
        String execution;
        try {
            id = createDeployment(first.endpoint(), client(first.endpoint()), "answered-later");
            String[] found = new String[1];
            eventually(() -> {
                Matcher m = EXECUTION.matcher(RawHttp.get(first.endpoint() + "/_slipway/codedeploy/hook-executions").body());
                return m.find() && (found[0] = m.group(1)) != null;
            });
            execution = found[0];
        } finally {
            first.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        Child second = Child.start(dataDir);
        try {
            CodeDeployClient cd = client(second.endpoint());
            assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
            cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id).lifecycleEventHookExecutionId(execution)
                    .status(LifecycleEventStatus.SUCCEEDED));
            // the canary's first 10% moves at once; the rest waits five minutes of real time, so stop there
            eventually(() -> cd.getDeploymentTarget(r -> r.deploymentId(id).targetId("checkout")).deploymentTarget()
                    .lambdaTarget().lambdaFunctionInfo().targetVersionWeight() == 10.0);
        } finally {
            second.process().destroyForcibly().waitFor();
        }
    }

    /**
     * A node dies while it calls a hook's function: the function is not called again for that
     * execution id by the node that carries on; the hook waits for the function's report.
     */
    @Test
    void aHookFunctionBeingCalledWhenItsNodeDiesIsNotCalledAgain(@TempDir Path dataDir) throws Exception {
        java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer function = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        function.createContext("/", exchange -> calls.add(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8))); // records the call and never answers: the node dies meanwhile
        function.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        function.start();
        String target = "slow-hook=http://127.0.0.1:" + function.getAddress().getPort() + "/";
        try {
            Child first = Child.start(dataDir, "--function", target);
            String id;
            try {
                id = createDeployment(first.endpoint(), client(first.endpoint()), "slow-hook");
                eventually(() -> calls.size() == 1);
            } finally {
                first.process().destroyForcibly().waitFor(); // SIGKILL during the call
            }
            Child second = Child.start(dataDir, "--function", target);
            try {
                // the hook's work item runs again at once on the new process (the dead one's leases are freed);
                // a call made then would arrive within milliseconds
                Thread.sleep(3_000);
                assertThat(calls).as("called once for its execution id").hasSize(1);
                Matcher m = Pattern.compile("\"LifecycleEventHookExecutionId\":\"([^\"]+)\"").matcher(calls.getFirst());
                assertThat(m.find()).isTrue();
                CodeDeployClient cd = client(second.endpoint());
                cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id).lifecycleEventHookExecutionId(m.group(1))
                        .status(LifecycleEventStatus.SUCCEEDED));
                eventually(() -> cd.getDeploymentTarget(r -> r.deploymentId(id).targetId("checkout")).deploymentTarget()
                        .lambdaTarget().lambdaFunctionInfo().targetVersionWeight() == 10.0);
                assertThat(calls).hasSize(1);
            } finally {
                second.process().destroyForcibly().waitFor();
            }
        } finally {
            function.stop(0);
        }
    }

    @Test
    void aServerDeploymentWaitingForItsHostSurvivesKill9(@TempDir Path dataDir, @TempDir Path hostRoot) throws Exception {
        Child first = Child.start(dataDir);
        String id;
        try {
            S3Client s3 = S3Client.builder().endpointOverride(URI.create(first.endpoint())).region(Region.US_EAST_1)
                    .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                    .build();
            s3.createBucket(r -> r.bucket("bundles"));
            s3.putObject(r -> r.bucket("bundles").key("app.zip"), RequestBody.fromBytes(Zips.of(Map.of(
                    "appspec.yml", "version: 0.0\nos: linux\nfiles:\n  - source: index.html\n    destination: /srv/app\n",
                    "index.html", "restarted"))));
            CodeDeployClient cd = client(first.endpoint());
            PipelineFixtures.webOnPremises(cd);
            id = cd.createDeployment(r -> r.applicationName("web").deploymentGroupName("prod").revision(v -> v
                    .revisionType(RevisionLocationType.S3).s3Location(l -> l.bucket("bundles").key("app.zip")
                            .bundleType(BundleType.ZIP)))).deploymentId();
            eventually(() -> cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status() == DeploymentStatus.IN_PROGRESS);
        } finally {
            first.process().destroyForcibly().waitFor(); // SIGKILL, with the first command waiting for its host
        }
        Child second = Child.start(dataDir);
        try (HostAgent agent = new HostAgent(AgentSettings.of(URI.create(second.endpoint()),
                "arn:aws:iam::000000000000:user/web-1", hostRoot)).start()) {
            CodeDeployClient cd = client(second.endpoint());
            eventually(() -> cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status() == DeploymentStatus.SUCCEEDED);
            assertThat(hostRoot.resolve("srv/app/index.html")).content().isEqualTo("restarted");
        } finally {
            second.process().destroyForcibly().waitFor();
        }
    }

    @Test
    void aPipelineExecutionWaitingForItsJobWorkerSurvivesKill9AndFinishes(@TempDir Path dataDir) throws Exception {
        var build = software.amazon.awssdk.services.codepipeline.model.ActionTypeId.builder()
                .category(software.amazon.awssdk.services.codepipeline.model.ActionCategory.BUILD)
                .owner(software.amazon.awssdk.services.codepipeline.model.ActionOwner.CUSTOM).provider("Build").version("1").build();
        Child first = Child.start(dataDir);
        String id;
        try {
            S3Client s3 = S3Client.builder().endpointOverride(URI.create(first.endpoint())).region(Region.US_EAST_1)
                    .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"))).build();
            s3.createBucket(r -> r.bucket("sources"));
            s3.createBucket(r -> r.bucket("artifacts"));
            s3.putObject(r -> r.bucket("sources").key("app.zip"), RequestBody.fromBytes(Zips.of(Map.of("a", "b"))));
            var cp = pipelines(first.endpoint());
            cp.createCustomActionType(r -> r.category(build.category()).provider("Build").version("1")
                    .inputArtifactDetails(d -> d.minimumCount(1).maximumCount(1))
                    .outputArtifactDetails(d -> d.minimumCount(0).maximumCount(0)));
            cp.createPipeline(r -> r.pipeline(PipelineFixtures.pipeline("restart",
                    PipelineFixtures.stage("Source", PipelineFixtures.s3Source("Fetch", "SourceOutput")),
                    PipelineFixtures.stage("Build", software.amazon.awssdk.services.codepipeline.model.ActionDeclaration.builder()
                            .name("Build").actionTypeId(build).inputArtifacts(i -> i.name("SourceOutput")).build()))));
            id = cp.listPipelineExecutions(r -> r.pipelineName("restart")).pipelineExecutionSummaries().getFirst()
                    .pipelineExecutionId(); // creating a pipeline starts it
            eventually(() -> cp.getPipelineState(r -> r.name("restart")).stageStates().get(1).latestExecution() != null);
        } finally {
            first.process().destroyForcibly().waitFor(); // SIGKILL, with the build's job queued for a worker
        }
        Child second = Child.start(dataDir);
        try {
            var cp = pipelines(second.endpoint());
            var job = cp.pollForJobs(r -> r.actionTypeId(build)).jobs().getFirst();
            assertThat(job.data().pipelineContext().pipelineExecutionId()).isEqualTo(id);
            cp.acknowledgeJob(r -> r.jobId(job.id()).nonce(job.nonce()));
            cp.putJobSuccessResult(r -> r.jobId(job.id()));
            eventually(() -> cp.getPipelineExecution(r -> r.pipelineName("restart").pipelineExecutionId(id))
                    .pipelineExecution().status().toString().equals("Succeeded"));
        } finally {
            second.process().destroyForcibly().waitFor();
        }
    }

    private static software.amazon.awssdk.services.codepipeline.CodePipelineClient pipelines(String endpoint) {
        return software.amazon.awssdk.services.codepipeline.CodePipelineClient.builder().endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"))).build();
    }

    @Test
    void aCanaryIntervalThatStartedBeforeARestartEndsAfterIt(@TempDir Path dataDir) {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort().withDataDir(dataDir);
        String id;
        try (Slipway first = Slipway.start(config, clock)) {
            id = createDeployment(first.endpoint(), client(first.endpoint()), null);
            await(first);
            assertThat(weight(client(first.endpoint()), id)).isEqualTo(10.0);
        }
        clock.advance(Duration.ofMinutes(5));
        try (Slipway second = Slipway.start(config, clock)) {
            await(second);
            CodeDeployClient cd = client(second.endpoint());
            assertThat(weight(cd, id)).isEqualTo(100.0);
            assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        }
    }

    private static double weight(CodeDeployClient cd, String id) {
        return cd.getDeploymentTarget(r -> r.deploymentId(id).targetId("checkout")).deploymentTarget().lambdaTarget()
                .lambdaFunctionInfo().targetVersionWeight();
    }

    private static void await(Slipway slipway) {
        try {
            assertThat(slipway.awaitIdle(Duration.ofSeconds(30))).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
