package io.slipway.it.console;

import io.slipway.agent.AgentSettings;
import io.slipway.agent.HostAgent;
import io.slipway.app.SlipwayConfig;
import io.slipway.it.Eventually;
import io.slipway.it.HookFunctionServer;
import io.slipway.it.LambdaFixtures;
import io.slipway.it.PipelineFixtures;
import io.slipway.it.SlipwayServer;
import io.slipway.it.Zips;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.BundleType;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.slipway.it.PipelineFixtures.approval;
import static io.slipway.it.PipelineFixtures.pipeline;
import static io.slipway.it.PipelineFixtures.s3Source;
import static io.slipway.it.PipelineFixtures.stage;

/**
 * The states the console shows a person, each set up through the AWS SDK against a
 * {@link SlipwayServer} in the default account (000000000000, us-east-1): a Lambda deployment
 * waiting on its hook, a pipeline waiting for an approval, a stack a hook rejected, and a server
 * deployment whose script failed. Each scenario runs once per server (its names are fixed, so that
 * screenshots read like a real account). Register the hook function before the server starts:
 * <pre>
 * static final ConsoleScenarios scenarios = new ConsoleScenarios();
 * &#64;RegisterExtension
 * static final SlipwayServer slipway = new SlipwayServer(scenarios::configure);
 * </pre>
 * and close the scenarios after the server's tests (they own the hook function and host agents).
 */
public final class ConsoleScenarios implements AutoCloseable {
    /** The hook function that is called and never reports, served on loopback by {@link HookFunctionServer}. */
    static final String SILENT_HOOK = "checkout-smoke-test";
    private static final String CODEDEPLOY_ROLE = "arn:aws:iam::000000000000:role/cd";
    private static final Path BUCKET_HOOK = Path.of("..", "examples", "cloudformation-hooks", "bucket_versioning.py")
            .toAbsolutePath().normalize();

    private final HookFunctionServer hooks = new HookFunctionServer(() -> {
        throw new IllegalStateException(SILENT_HOOK + " never reports");
    });
    private final List<HostAgent> agents = new ArrayList<>();

    /** A Lambda deployment waiting on its BeforeAllowTraffic hook, whose function was called with this execution id. */
    public record WaitingHook(String applicationName, String deploymentGroupName, String deploymentId,
                              String lifecycleEventName, String functionName, String hookExecutionId) {
    }

    /** A pipeline execution waiting at a Manual approval. */
    public record PendingApproval(String pipelineName, String pipelineExecutionId, String stageName, String actionName) {
    }

    /**
     * A stack whose creation a FAIL-mode Lambda hook stopped: {@code hookReason} is what the hook
     * said about resource {@code logicalResourceId}, {@code stackStatus} where the stack ended.
     */
    public record RejectedStack(String stackName, String stackStatus, String logicalResourceId, String hookTypeName,
                                String hookReason) {
    }

    /** A server deployment whose {@code lifecycleEventName} script printed {@code printedLine}, then failed. */
    public record FailedServerDeployment(String applicationName, String deploymentGroupName, String deploymentId,
                                         String instanceId, String lifecycleEventName, String printedLine) {
    }

    /** {@code config} with the scenarios' hook function added to its {@code --function} entries. */
    public SlipwayConfig configure(SlipwayConfig config) {
        return config.withFunctions(Stream.concat(config.functions().stream(), Stream.of(hooks.target(SILENT_HOOK))).toList());
    }

    /**
     * Function {@code checkout} (alias live on version 1) being shifted to version 2 by application
     * {@code checkout-service}: the deployment is InProgress at BeforeAllowTraffic, whose hook
     * function was called and has not reported, so a PutLifecycleEventHookExecutionStatus is due.
     */
    public WaitingHook waitingLambdaHook(SlipwayServer slipway) {
        LambdaFixtures.checkout(slipway.endpoint(), "AKIDEXAMPLE");
        CodeDeployClient cd = slipway.codeDeploy();
        cd.createApplication(r -> r.applicationName("checkout-service").computePlatform(ComputePlatform.LAMBDA));
        cd.createDeploymentGroup(r -> r.applicationName("checkout-service").deploymentGroupName("live")
                .serviceRoleArn(CODEDEPLOY_ROLE).deploymentConfigName("CodeDeployDefault.LambdaAllAtOnce"));
        String id = cd.createDeployment(r -> r.applicationName("checkout-service").deploymentGroupName("live")
                .description("checkout 2: smoke test before traffic").revision(v -> v
                        .revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                        .appSpecContent(a -> a.content(LambdaFixtures.appSpec(SILENT_HOOK, null))))).deploymentId();
        slipway.awaitIdle();
        String execution = Eventually.await(() -> hooks.executionId(SILENT_HOOK, id), Optional::isPresent).orElseThrow();
        return new WaitingHook("checkout-service", "live", id, "BeforeAllowTraffic", SILENT_HOOK, execution);
    }

    /** Pipeline {@code release}: its source fetched from S3, its first execution waiting at stage Approve, action ShipIt. */
    public PendingApproval pendingApproval(SlipwayServer slipway) {
        S3Client s3 = slipway.s3();
        s3.createBucket(r -> r.bucket("sources"));
        s3.createBucket(r -> r.bucket("artifacts"));
        s3.putObject(r -> r.bucket("sources").key("app.zip"), RequestBody.fromBytes(Zips.of(Map.of(
                "appspec.yml", "version: 0.0\nos: linux\n", "index.html", "<h1>release</h1>"))));
        CodePipelineClient cp = slipway.codePipeline();
        cp.createPipeline(r -> r.pipeline(pipeline("release", stage("Source", s3Source("Fetch", "SourceOutput")),
                stage("Approve", approval("ShipIt")))));
        slipway.awaitIdle();
        String execution = cp.listPipelineExecutions(r -> r.pipelineName("release")).pipelineExecutionSummaries()
                .getFirst().pipelineExecutionId();
        return new PendingApproval("release", execution, "Approve", "ShipIt");
    }

    /**
     * Stack {@code bucket-guard} activates the example Lambda hook (bucket_versioning.py, run by
     * Slipway's Lambda with python3) in FAIL mode for S3 buckets; stack {@code unversioned-data}
     * then asks for a bucket without versioning, the hook rejects it, and the stack rolls back.
     * Needs python3 (skips without it, fails under CI=true).
     */
    public RejectedStack stackRejectedByHook(SlipwayServer slipway) throws Exception {
        LambdaFixtures.requirePython();
        byte[] code = Zips.of(Map.of("bucket_versioning.py", Files.readString(BUCKET_HOOK)));
        slipway.lambda().createFunction(r -> r.functionName("bucket-versioning").runtime(Runtime.PYTHON3_12)
                .handler("bucket_versioning.handler").timeout(30).role("arn:aws:iam::000000000000:role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
        CloudFormationClient cfn = slipway.cloudFormation();
        cfn.createStack(r -> r.stackName("bucket-guard").templateBody("""
                Resources:
                  Hook:
                    Type: AWS::CloudFormation::LambdaHook
                    Properties:
                      Alias: Slipway::Buckets::Versioned
                      LambdaFunction: arn:aws:lambda:us-east-1:000000000000:function:bucket-versioning
                      ExecutionRole: arn:aws:iam::000000000000:role/hooks
                      FailureMode: FAIL
                      HookStatus: ENABLED
                      TargetOperations: [RESOURCE]
                      TargetFilters:
                        Actions: [CREATE, UPDATE]
                """));
        settled(cfn, "bucket-guard");
        cfn.createStack(r -> r.stackName("unversioned-data").templateBody("""
                Resources:
                  Data:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: unversioned-data
                """));
        Stack stack = settled(cfn, "unversioned-data");
        return new RejectedStack("unversioned-data", stack.stackStatusAsString(), "Data", "Slipway::Buckets::Versioned",
                "Bucket Data must have VersioningConfiguration.Status Enabled");
    }

    private static Stack settled(CloudFormationClient cfn, String name) {
        return Eventually.await(() -> cfn.describeStacks(r -> r.stackName(name)).stacks().getFirst(),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
    }

    /**
     * Application {@code shop}, group {@code web}: on-premises instance {@code web-1}, whose host
     * agent (what {@code slipway agent} runs) works in {@code hostRoot}, installs the revision and
     * runs its ValidateService script, which prints a few lines and exits 3, so the deployment fails
     * with the script's log tail in the event's diagnostics.
     */
    public FailedServerDeployment failedServerDeployment(SlipwayServer slipway, Path hostRoot) {
        PipelineFixtures.shopOnPremises(slipway);
        String printed = "GET http://localhost:8080/health -> 503 Service Unavailable";
        S3Client s3 = slipway.s3();
        s3.createBucket(r -> r.bucket("bundles"));
        s3.putObject(r -> r.bucket("bundles").key("shop-2.zip"), RequestBody.fromBytes(Zips.of(Map.of(
                "appspec.yml", """
                        version: 0.0
                        os: linux
                        files:
                          - source: index.html
                            destination: /srv/shop
                        hooks:
                          ValidateService:
                            - location: scripts/health.sh
                              timeout: 60
                        """,
                "index.html", "<h1>shop 2</h1>",
                "scripts/health.sh", "#!/bin/sh\necho 'checking shop 2 on port 8080'\necho '" + printed + "'\n"
                        + "echo 'shop 2 is not healthy' >&2\nexit 3\n"))));
        HostAgent agent = new HostAgent(AgentSettings.of(URI.create(slipway.endpoint()), "web-1", hostRoot)
                .withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1))).start();
        agents.add(agent);
        CodeDeployClient cd = slipway.codeDeploy();
        String id = cd.createDeployment(r -> r.applicationName("shop").deploymentGroupName("web")
                .description("shop 2").revision(v -> v.revisionType(RevisionLocationType.S3)
                        .s3Location(l -> l.bucket("bundles").key("shop-2.zip").bundleType(BundleType.ZIP)))).deploymentId();
        Eventually.await(() -> cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status(),
                s -> s == DeploymentStatus.FAILED || s == DeploymentStatus.SUCCEEDED || s == DeploymentStatus.STOPPED);
        return new FailedServerDeployment("shop", "web", id, "web-1", "ValidateService", printed);
    }

    /** Stops the host agents and the hook function. */
    @Override
    public void close() {
        agents.forEach(HostAgent::close);
        hooks.close();
    }
}
