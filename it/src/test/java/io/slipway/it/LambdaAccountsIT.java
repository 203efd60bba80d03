package io.slipway.it;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.ErrorCode;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionExecution;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.util.List;
import java.util.Map;

import static io.slipway.it.PipelineFixtures.aws;
import static io.slipway.it.PipelineFixtures.pipeline;
import static io.slipway.it.PipelineFixtures.s3Source;
import static io.slipway.it.PipelineFixtures.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A function is its account's alone: naming another account's function by a full or partial ARN is
 * AccessDeniedException (403) for every Lambda operation, whether or not the function exists, and
 * for every service that calls a function on a caller's behalf (CodeDeploy hooks, CodePipeline
 * invoke actions, CloudFormation Lambda hooks and resources). A region other than the caller's is
 * Lambda's ResourceNotFoundException.
 */
class LambdaAccountsIT {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    static final String ARN = "arn:aws:lambda:us-east-1:" + OWNER + ":function:walled";
    /** A hook target of each run's own: the class runs again in verification mode, after this run's is stopped. */
    static HookFunctionServer hooks;
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> {
        hooks = new HookFunctionServer(() -> LambdaAccountsIT.slipway.codeDeploy(OTHER, "us-east-1"));
        return c.withFunctions(List.of("arn:aws:lambda:us-east-1:" + OWNER + ":function:approver"
                + hooks.target("approver").substring("approver".length())));
    });
    private static LambdaClient owner;
    private static LambdaClient other;

    @BeforeAll
    static void functions() {
        slipway.createRoles(OWNER, "lambda", "hooks");
        slipway.createRoles(OTHER, "lambda", "cd", "hooks");
        hooks.answer("approver", LifecycleEventStatus.SUCCEEDED);
        owner = slipway.lambda(OWNER, "us-east-1");
        other = slipway.lambda(OTHER, "us-east-1");
        byte[] zip = Zips.of(Map.of("bootstrap", "#!/bin/sh\nexit 3\n"));
        for (String account : List.of(OWNER, OTHER)) {
            // the other account has a function of the same name: a foreign ARN must not land on it either
            slipway.lambda(account, "us-east-1").createFunction(r -> r.functionName("walled").runtime(Runtime.PROVIDED_AL2023)
                    .handler("h").description("as created").role("arn:aws:iam::" + account + ":role/lambda")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        }
        slipway.awaitIdle();
        owner.publishVersion(r -> r.functionName("walled"));
        owner.createAlias(r -> r.functionName("walled").name("live").functionVersion("1"));
    }

    @AfterAll
    static void stopHooks() {
        hooks.close();
    }

    private static void denied(String action, String resource, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).as(action + " " + resource).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + OTHER + ":root is not "
                    + "authorized to perform: lambda:" + action + " on resource: " + resource + " because no "
                    + "resource-based policy allows the lambda:" + action + " action");
        });
    }

    @Test
    void everyOperationOnAnotherAccountsFunctionByArnIsAccessDenied() {
        String partial = OWNER + ":function:walled";
        denied("GetFunction", ARN, () -> other.getFunction(r -> r.functionName(ARN)));
        denied("GetFunction", ARN, () -> other.getFunction(r -> r.functionName(partial)));
        denied("GetFunction", ARN + ":1", () -> other.getFunction(r -> r.functionName(ARN + ":1")));
        denied("GetFunctionConfiguration", ARN, () -> other.getFunctionConfiguration(r -> r.functionName(ARN)));
        denied("GetFunctionConfiguration", ARN + ":live", () -> other.getFunctionConfiguration(r -> r.functionName(partial + ":live")));
        denied("InvokeFunction", ARN, () -> other.invoke(r -> r.functionName(ARN)));
        denied("InvokeFunction", ARN + ":1", () -> other.invoke(r -> r.functionName(ARN + ":1")));
        denied("InvokeFunction", ARN + ":live", () -> other.invoke(r -> r.functionName(ARN + ":live")));
        denied("InvokeFunction", ARN, () -> other.invoke(r -> r.functionName(partial).invocationType("Event")));
        denied("UpdateFunctionCode", ARN, () -> other.updateFunctionCode(r -> r.functionName(ARN)
                .zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("bootstrap", "changed"))))));
        denied("UpdateFunctionConfiguration", ARN, () -> other.updateFunctionConfiguration(r -> r.functionName(ARN)
                .description("changed")));
        denied("PublishVersion", ARN, () -> other.publishVersion(r -> r.functionName(ARN)));
        denied("ListVersionsByFunction", ARN, () -> other.listVersionsByFunction(r -> r.functionName(ARN)));
        denied("CreateAlias", ARN, () -> other.createAlias(r -> r.functionName(ARN).name("mine").functionVersion("1")));
        denied("GetAlias", ARN, () -> other.getAlias(r -> r.functionName(ARN).name("live")));
        denied("UpdateAlias", ARN, () -> other.updateAlias(r -> r.functionName(ARN).name("live").functionVersion("$LATEST")));
        denied("ListAliases", ARN, () -> other.listAliases(r -> r.functionName(partial)));
        denied("DeleteAlias", ARN, () -> other.deleteAlias(r -> r.functionName(ARN).name("live")));
        denied("DeleteFunction", ARN + ":1", () -> other.deleteFunction(r -> r.functionName(ARN + ":1")));
        denied("DeleteFunction", ARN, () -> other.deleteFunction(r -> r.functionName(ARN)));
        denied("CreateFunction", ARN, () -> other.createFunction(r -> r.functionName(ARN).runtime(Runtime.PROVIDED_AL2023)
                .handler("h").role("arn:aws:iam::" + OTHER + ":role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("bootstrap", "x")))))));
        String missing = "arn:aws:lambda:us-east-1:" + OWNER + ":function:nothing-here";
        denied("GetFunction", missing, () -> other.getFunction(r -> r.functionName(missing)));

        // nothing changed on either side
        FunctionConfiguration owners = owner.getFunction(r -> r.functionName(ARN)).configuration();
        assertThat(owners.description()).isEqualTo("as created");
        assertThat(owner.listVersionsByFunction(r -> r.functionName("walled")).versions()).hasSize(2);
        assertThat(owner.getAlias(r -> r.functionName("walled").name("live")).functionVersion()).isEqualTo("1");
        FunctionConfiguration others = other.getFunction(r -> r.functionName("walled")).configuration();
        assertThat(others.description()).isEqualTo("as created");
        assertThat(others.codeSha256()).isEqualTo(owners.codeSha256());
        assertThat(other.listVersionsByFunction(r -> r.functionName("walled")).versions()).hasSize(1);
        assertThat(other.listAliases(r -> r.functionName("walled")).aliases()).isEmpty();
    }

    @Test
    void aRegionOtherThanTheCallersIsNotFound() {
        String elsewhere = "arn:aws:lambda:eu-west-1:" + OWNER + ":function:walled";
        for (LambdaClient client : List.of(owner, other)) {
            assertThatThrownBy(() -> client.getFunction(r -> r.functionName(elsewhere)))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Functions from 'eu-west-1' are not reachable in this region ('us-east-1')"));
        }
        assertThat(owner.getFunctionConfiguration(r -> r.functionName(ARN)).functionArn()).isEqualTo(ARN);
    }

    @Test
    void aCodeDeployHookCannotCallAnotherAccountsFunction() {
        LambdaFixtures.checkout(slipway.endpoint(), OTHER);
        CodeDeployClient cd = slipway.codeDeploy(OTHER, "us-east-1");
        cd.createApplication(r -> r.applicationName("fn-app").computePlatform(ComputePlatform.LAMBDA));
        cd.createDeploymentGroup(r -> r.applicationName("fn-app").deploymentGroupName("g")
                .serviceRoleArn("arn:aws:iam::" + OTHER + ":role/cd").deploymentConfigName("CodeDeployDefault.LambdaAllAtOnce"));
        String foreign = "arn:aws:lambda:us-east-1:" + OWNER + ":function:approver";
        String id = cd.createDeployment(r -> r.applicationName("fn-app").deploymentGroupName("g").revision(v -> v
                .revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(
                        LambdaFixtures.appSpec(foreign, null))))).deploymentId();
        slipway.awaitIdle();
        DeploymentInfo d = cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.errorInformation().code()).isEqualTo(ErrorCode.HOOK_EXECUTION_FAILURE);
        assertThat(d.errorInformation().message()).contains("AccessDeniedException")
                .contains("lambda:InvokeFunction on resource: " + foreign);
        assertThat(hooks.received).as("the function was never called").isEmpty();

        // the function a deployment shifts is the deployment's account's: another account's ARN names none
        String shifted = cd.createDeployment(r -> r.applicationName("fn-app").deploymentGroupName("g").revision(v -> v
                .revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(
                        LambdaFixtures.appSpec(null, null).replace("\"checkout\"", "\"" + ARN + "\"")
                                .replace("TargetVersion: \"2\"", "TargetVersion: \"1\""))))).deploymentId();
        slipway.awaitIdle();
        DeploymentInfo other = cd.getDeployment(r -> r.deploymentId(shifted)).deploymentInfo();
        assertThat(other.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(other.errorInformation().code()).isEqualTo(ErrorCode.INVALID_LAMBDA_FUNCTION);
        assertThat(owner.getAlias(r -> r.functionName("walled").name("live")).routingConfig()).isNull();
    }

    @Test
    void aPipelineCannotInvokeAnotherAccountsFunction() {
        slipway.s3(OTHER).createBucket(r -> r.bucket("sources"));
        slipway.s3(OTHER).createBucket(r -> r.bucket("artifacts"));
        slipway.s3(OTHER).putObject(r -> r.bucket("sources").key("app.zip"), RequestBody.fromBytes(Zips.of(Map.of("a", "b"))));
        CodePipelineClient cp = slipway.codePipeline(OTHER, "us-east-1");
        ActionDeclaration invoke = ActionDeclaration.builder().name("Invoke").actionTypeId(aws(ActionCategory.INVOKE, "Lambda"))
                .configuration(Map.of("FunctionName", ARN)).build();
        cp.createPipeline(r -> r.pipeline(pipeline("invoker", stage("Source", s3Source("Fetch", "SourceOutput")),
                stage("Invoke", invoke))));
        slipway.awaitIdle();
        ActionExecution run = cp.getPipelineState(r -> r.name("invoker")).stageStates().get(1).actionStates().getFirst()
                .latestExecution();
        assertThat(run.status()).isEqualTo(ActionExecutionStatus.FAILED);
        assertThat(run.errorDetails().message()).contains("could not be invoked: AccessDeniedException")
                .contains("lambda:InvokeFunction on resource: " + ARN);
    }

    @Test
    void cloudFormationCannotUseAnotherAccountsFunction() {
        CloudFormationClient cfn = slipway.cloudFormation(OTHER, "us-east-1");
        cfn.createStack(r -> r.stackName("versions").templateBody("""
                Resources:
                  Version:
                    Type: AWS::Lambda::Version
                    Properties:
                      FunctionName: %s
                """.formatted(ARN)));
        cfn.createStack(r -> r.stackName("hook").templateBody("""
                Resources:
                  Hook:
                    Type: AWS::CloudFormation::LambdaHook
                    Properties:
                      Alias: Other::Foreign::Hook
                      LambdaFunction: %s
                      ExecutionRole: arn:aws:iam::%s:role/hooks
                      FailureMode: FAIL
                      HookStatus: ENABLED
                      TargetOperations: [RESOURCE]
                      TargetFilters:
                        Actions: [CREATE]
                """.formatted(ARN, OTHER)));
        slipway.awaitIdle();
        cfn.createStack(r -> r.stackName("guarded").templateBody("""
                Resources:
                  Data:
                    Type: AWS::S3::Bucket
                """));
        slipway.awaitIdle();

        assertThat(reasons(cfn, "versions")).anyMatch(reason -> reason.contains("is not authorized to perform: "
                + "lambda:PublishVersion on resource: " + ARN));
        assertThat(reasons(cfn, "guarded")).anyMatch(reason -> reason.contains("AccessDeniedException")
                && reason.contains("lambda:InvokeFunction on resource: " + ARN));
        assertThat(owner.listVersionsByFunction(r -> r.functionName("walled")).versions()).hasSize(2);
    }

    private static List<String> reasons(CloudFormationClient cfn, String stack) {
        List<String> out = new java.util.ArrayList<>();
        for (StackEvent e : cfn.describeStackEvents(r -> r.stackName(stack)).stackEvents()) {
            if (e.resourceStatusReason() != null) {
                out.add(e.resourceStatusReason());
            }
            if (e.hookStatusReason() != null) {
                out.add(e.hookStatusReason());
            }
        }
        return out;
    }
}
