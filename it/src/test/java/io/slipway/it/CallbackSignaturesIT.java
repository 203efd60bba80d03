package io.slipway.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.AWSSessionCredentials;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.Job;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What calls back into Slipway in verification mode: hook functions that report with the
 * execution-role session credentials Slipway put in their environment, and the pages Slipway
 * presigns (a function's Code.Location, a custom resource's ResponseURL), whose signature is the
 * only credential they need. A role Lambda could not assume is refused at CreateFunction, as on AWS.
 * Command functions sign with the account's operator key; a custom action's job worker reaches the
 * artifact store with the session credentials its job carries.
 */
class CallbackSignaturesIT {
    private static final String ACCOUNT = "000000000000";
    private static final String TOKEN = "operator-token";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String HOOK_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/hooks";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_KEY = "AKIAOTHERACCOUNT0001";
    private static final String OTHER_ACCOUNT = "999988887777";
    private static final Path EXAMPLES = Path.of("..", "examples", "hooks").toAbsolutePath().normalize();
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withVerifySignatures(true)
            .withAccountKey("AKIDEXAMPLE", "secret", ACCOUNT).withAccountKey(OTHER_KEY, "secret", OTHER_ACCOUNT)
            .withAdminToken(TOKEN)
            .withFunctions(List.of("node-hook=command:node " + EXAMPLES.resolve("node/run.mjs"),
                    "python-hook=command:python3 " + EXAMPLES.resolve("python/hook.py"))));
    private static RequestRecorder recorder;

    static final String NODE_HOOK = """
            import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
            export const handler = async (event) => {
              await new CodeDeployClient({}).send(new PutLifecycleEventHookExecutionStatusCommand({
                deploymentId: event.DeploymentId,
                lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
                status: 'Succeeded',
              }));
              return 'Succeeded';
            };
            """;
    static final String PYTHON_HOOK = """
            import boto3
            def handler(event, context):
                boto3.client('codedeploy').put_lifecycle_event_hook_execution_status(
                    deploymentId=event['DeploymentId'],
                    lifecycleEventHookExecutionId=event['LifecycleEventHookExecutionId'],
                    status='Succeeded')
                return 'Succeeded'
            """;

    @BeforeAll
    static void roles() {
        slipway.iam("AKIDEXAMPLE").createRole(r -> r.roleName("hooks").assumeRolePolicyDocument(TRUST));
        slipway.iam("AKIDEXAMPLE").createRole(r -> r.roleName("lambda").assumeRolePolicyDocument(TRUST));
        slipway.s3().createBucket(r -> r.bucket("artifacts")); // the pipelines' artifact store
        recorder = new RequestRecorder();
    }

    @AfterAll
    static void stopRecorder() {
        recorder.close();
    }

    /** What the runtimes ship, as the operator's token reads it from health (unauthenticated callers learn less). */
    private static String libraries(String family) throws Exception {
        for (int tries = 0; tries < 400; tries++) {
            String status = JSON.readTree(RawHttp.get(slipway.endpoint() + "/_slipway/health", "Authorization",
                    "Bearer " + TOKEN).body()).path("lambdaRuntimeLibraries").path(family).asText();
            if (!status.startsWith("checking:")) {
                return status;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("health kept checking the " + family + " libraries");
    }

    private static void requireLibraries() throws Exception {
        LambdaFixtures.requireNode();
        LambdaFixtures.requirePython();
        String node = libraries("nodejs");
        String python = libraries("python");
        boolean ready = node.startsWith("AWS SDK for JavaScript v3 from ") && python.startsWith("boto3 ");
        if ("true".equals(System.getenv("CI"))) {
            assertThat(ready).as(node + "; " + python).isTrue();
        }
        Assumptions.assumeTrue(ready, node + "; " + python);
    }

    /** The function Lambda deployments shift, made once for the tests that deploy it. */
    private static synchronized void checkout() {
        if (slipway.lambda().listFunctions().functions().stream().noneMatch(f -> f.functionName().equals("checkout"))) {
            LambdaFixtures.checkout(slipway.endpoint(), "AKIDEXAMPLE");
        }
    }

    private static void function(String name, Runtime runtime, String file, String source) {
        slipway.lambda().createFunction(r -> r.functionName(name).runtime(runtime).handler("index.handler").timeout(30)
                .role(HOOK_ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of(file, source))))));
    }

    @Test
    void hookFunctionsReportWithTheirExecutionRolesCredentialsAndTheDeploymentSucceeds() throws Exception {
        requireLibraries();
        checkout();
        function("CodeDeployHook_nodeBefore", Runtime.NODEJS20_X, "index.mjs", NODE_HOOK);
        function("CodeDeployHook_pythonAfter", Runtime.PYTHON3_12, "index.py", PYTHON_HOOK);
        slipway.awaitIdle();

        DeploymentInfo d = deployWithHooks("hooked", "CodeDeployHook_nodeBefore", "CodeDeployHook_pythonAfter");
        assertThat(d.status()).as(String.valueOf(d.errorInformation())).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    /** Deploys checkout's version 2 (from 1) with these hooks, and answers the deployment once the engine is idle. */
    private static DeploymentInfo deployWithHooks(String application, String before, String after) {
        slipway.lambda().updateAlias(r -> r.functionName("checkout").name("live").functionVersion("1"));
        CodeDeployClient cd = slipway.codeDeploy();
        cd.createApplication(r -> r.applicationName(application).computePlatform(ComputePlatform.LAMBDA));
        cd.createDeploymentGroup(r -> r.applicationName(application).deploymentGroupName("live")
                .serviceRoleArn("arn:aws:iam::" + ACCOUNT + ":role/cd"));
        String spec = LambdaFixtures.appSpec(before, after);
        String id = cd.createDeployment(r -> r.applicationName(application).deploymentGroupName("live")
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(spec))))
                .deploymentId();
        slipway.awaitIdle();
        return cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
    }

    @Test
    void commandHooksReportWithTheAccountsOperatorKey() throws Exception {
        boolean node = Files.isDirectory(EXAMPLES.resolve("node/node_modules/@aws-sdk/client-codedeploy"));
        boolean boto3 = new ProcessBuilder("python3", "-c", "import boto3").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(node && boto3).as("examples/install.sh installed the examples' SDKs").isTrue();
        }
        Assumptions.assumeTrue(node && boto3, "run examples/install.sh first");
        checkout();
        DeploymentInfo d = deployWithHooks("commanded", "node-hook", "python-hook");
        assertThat(d.status()).as(String.valueOf(d.errorInformation())).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aRoleLambdaCannotAssumeIsRefusedAsAwsRefusesIt() {
        LambdaClient lambda = slipway.lambda();
        String zip = "#!/bin/sh\nexit 0\n";
        for (String role : List.of("arn:aws:iam::" + ACCOUNT + ":role/not-created", "arn:aws:iam::123456789012:role/hooks")) {
            assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("orphan").runtime(Runtime.PROVIDED_AL2023)
                    .handler("h").role(role).code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("bootstrap", zip)))))))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("The role defined for the function cannot be assumed by Lambda.");
        }
        lambda.createFunction(r -> r.functionName("adopted").runtime(Runtime.PROVIDED_AL2023).handler("h").role(HOOK_ROLE)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("bootstrap", zip))))));
        slipway.awaitIdle();
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("adopted")
                .role("arn:aws:iam::" + ACCOUNT + ":role/not-created")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("cannot be assumed by Lambda");
        assertThat(lambda.getFunction(r -> r.functionName("adopted")).configuration().role()).isEqualTo(HOOK_ROLE);
    }

    @Test
    void aCodeLocationIsFetchedUnsignedAndATamperedOneIsRefused() throws Exception {
        byte[] zip = Zips.of(Map.of("bootstrap", "#!/bin/sh\nexit 0\n"));
        slipway.lambda().createFunction(r -> r.functionName("located").runtime(Runtime.PROVIDED_AL2023).handler("h")
                .role(HOOK_ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        GetFunctionResponse fn = slipway.lambda().getFunction(r -> r.functionName("located"));
        String location = fn.code().location();

        HttpResponse<byte[]> fetched = RawHttp.bytes(location);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(fetched.body())))
                .isEqualTo(fn.configuration().codeSha256());

        assertThat(RawHttp.bytes(tampered(location)).statusCode()).isEqualTo(403);
    }

    @Test
    void aCustomResourceAnswersThroughItsResponseUrlAndATamperedOneIsRefused() throws Exception {
        LambdaFixtures.requireNode();
        // its function's role is arn:aws:iam::000000000000:role/lambda, made above
        String template = CustomResourcesIT.template("nodejs20.x", CustomResourcesIT.NODE, "signed", "no");
        CloudFormationClient cfn = slipway.cloudFormation();
        cfn.createStack(r -> r.stackName("responder").templateBody(template).parameters(Parameter.builder()
                .parameterKey("Recorder").parameterValue(recorder.url()).build()));
        Stack stack = Eventually.await(() -> cfn.describeStacks(r -> r.stackName("responder")).stacks().getFirst(),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
        assertThat(stack.stackStatus()).as(stack.stackStatusReason()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(stack.outputs()).anySatisfy(o -> assertThat(o.outputValue()).isEqualTo("hello signed"));

        Matcher m = Pattern.compile("\"ResponseURL\":\"([^\"]+)\"").matcher(String.join("\n", recorder.bodies()));
        assertThat(m.find()).isTrue();
        HttpResponse<String> refused = RawHttp.put(tampered(m.group(1)), "{\"Status\":\"FAILED\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(cfn.describeStacks(r -> r.stackName("responder")).stacks().getFirst().stackStatus())
                .isEqualTo(StackStatus.CREATE_COMPLETE);
    }

    @Test
    void aJobWorkerReadsItsInputArtifactWithTheJobsCredentials() {
        slipway.iam("AKIDEXAMPLE").createRole(r -> r.roleName("codepipeline").assumeRolePolicyDocument(
                TRUST.replace("lambda.amazonaws.com", "codepipeline.amazonaws.com")));
        S3Client operator = slipway.s3();
        operator.createBucket(r -> r.bucket("sources"));
        operator.putObject(r -> r.bucket("sources").key("app.zip"), RequestBody.fromString("the source"));
        CodePipelineClient cp = slipway.codePipeline();
        ActionTypeId build = PipelineFixtures.customBuildType(cp, "SignedBuild");
        cp.createPipeline(r -> r.pipeline(PipelineFixtures.pipeline("built",
                PipelineFixtures.stage("Source", PipelineFixtures.s3Source("Fetch", "SourceOutput")),
                PipelineFixtures.stage("Build", PipelineFixtures.customBuild("Build", build)))));
        slipway.awaitIdle();

        Job job = cp.pollForJobs(r -> r.actionTypeId(build)).jobs().getFirst();
        for (AWSSessionCredentials credentials : List.of(job.data().artifactCredentials(),
                cp.getJobDetails(r -> r.jobId(job.id())).jobDetails().data().artifactCredentials())) {
            assertThat(credentials.accessKeyId()).as("a session of the pipeline's role").startsWith("ASIA");
            S3Client worker = S3Client.builder().endpointOverride(URI.create(slipway.endpoint())).region(Region.US_EAST_1)
                    .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()))).build();
            var input = job.data().inputArtifacts().getFirst().location().s3Location();
            assertThat(worker.getObjectAsBytes(r -> r.bucket(input.bucketName()).key(input.objectKey())).asUtf8String())
                    .isEqualTo("the source");
        }
    }

    @Test
    void aPipelineNamingAnotherAccountsRoleHandsItsWorkersNoSessionOfIt() {
        slipway.iam(OTHER_KEY).createRole(r -> r.roleName("codepipeline").assumeRolePolicyDocument(
                TRUST.replace("lambda.amazonaws.com", "codepipeline.amazonaws.com")));
        slipway.s3().createBucket(r -> r.bucket("foreign-role-sources"));
        slipway.s3().putObject(r -> r.bucket("foreign-role-sources").key("app.zip"), RequestBody.fromString("src"));
        CodePipelineClient cp = slipway.codePipeline();
        ActionTypeId build = PipelineFixtures.customBuildType(cp, "ForeignRoleBuild");
        cp.createPipeline(r -> r.pipeline(PipelineFixtures.pipeline("foreign-role",
                PipelineFixtures.stage("Source", ActionDeclaration.builder().name("Fetch").actionTypeId(a -> a
                        .category(ActionCategory.SOURCE).owner(ActionOwner.AWS).provider("S3").version("1"))
                        .configuration(Map.of("S3Bucket", "foreign-role-sources", "S3ObjectKey", "app.zip"))
                        .outputArtifacts(o -> o.name("SourceOutput")).build()),
                PipelineFixtures.stage("Build", PipelineFixtures.customBuild("Build", build)))
                .toBuilder().roleArn("arn:aws:iam::" + OTHER_ACCOUNT + ":role/codepipeline").build()));
        slipway.awaitIdle();

        Job job = cp.pollForJobs(r -> r.actionTypeId(build)).jobs().getFirst();
        assertThat(job.data().artifactCredentials().accessKeyId()).as("no session of another account's role")
                .doesNotStartWith("ASIA");
    }

    /** The URL with the last hex digit of its signature changed. */
    private static String tampered(String url) {
        Matcher m = Pattern.compile("([?&]signature=[0-9a-f]*)([0-9a-f])").matcher(url);
        assertThat(m.find()).as(url).isTrue();
        return url.substring(0, m.start(2)) + (m.group(2).equals("0") ? "1" : "0") + url.substring(m.end(2));
    }
}
