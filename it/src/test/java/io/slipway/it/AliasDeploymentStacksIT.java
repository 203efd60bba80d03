package io.slipway.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudFormation's UpdatePolicy CodeDeployLambdaAliasUpdate: a stack update that moves an alias
 * to a new version runs a CodeDeploy deployment with the hooks the policy names, and the stack's
 * update waits for it; a failed deployment rolls the stack, and the alias, back.
 */
class AliasDeploymentStacksIT {
    static final HookFunctionServer hooks = new HookFunctionServer(() -> AliasDeploymentStacksIT.slipway.codeDeploy());
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withFunctions(List.of(hooks.target("pre-ok"),
            hooks.target("post-ok"), hooks.target("post-fail"), hooks.target("pre-mute"))));
    private static final Pattern EXECUTION = Pattern.compile("\"LifecycleEventHookExecutionId\":\"([^\"]+)\"");

    private final CloudFormationClient cfn = slipway.cloudFormation();
    private final CodeDeployClient cd = slipway.codeDeploy();
    private final LambdaClient lambda = slipway.lambda();

    @BeforeAll
    static void answers() {
        hooks.answer("pre-ok", LifecycleEventStatus.SUCCEEDED);
        hooks.answer("post-ok", LifecycleEventStatus.SUCCEEDED);
        hooks.answer("post-fail", LifecycleEventStatus.FAILED);
    }

    @AfterAll
    static void stopHooks() {
        hooks.close();
    }

    /** A function, one version (its logical id and the code change together), an alias under the policy, and the group. */
    static String template(String name, String code, String before, String after) {
        return withPolicy(name, code, """
                        ApplicationName: !Ref App
                        DeploymentGroupName: !Ref Group
                        BeforeAllowTrafficHook: %s
                        AfterAllowTrafficHook: %s
                """.formatted(before, after));
    }

    /** The same stack with the CodeDeployLambdaAliasUpdate members written out ({@code policy}, indented 8). */
    static String withPolicy(String name, String code, String policy) {
        return """
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      FunctionName: %1$s
                      Runtime: nodejs20.x
                      Handler: index.handler
                      Role: arn:aws:iam::000000000000:role/lambda
                      Code:
                        ZipFile: "exports.handler = async () => '%2$s';"
                  Version%2$s:
                    Type: AWS::Lambda::Version
                    Properties:
                      FunctionName: !Ref Fn
                  Live:
                    Type: AWS::Lambda::Alias
                    Properties:
                      FunctionName: !Ref Fn
                      FunctionVersion: !GetAtt Version%2$s.Version
                      Name: live
                    UpdatePolicy:
                      CodeDeployLambdaAliasUpdate:
                %3$s
                  App:
                    Type: AWS::CodeDeploy::Application
                    Properties:
                      ComputePlatform: Lambda
                  Group:
                    Type: AWS::CodeDeploy::DeploymentGroup
                    Properties:
                      ApplicationName: !Ref App
                      ServiceRoleArn: arn:aws:iam::000000000000:role/codedeploy
                      DeploymentConfigName: CodeDeployDefault.LambdaAllAtOnce
                      DeploymentStyle:
                        DeploymentType: BLUE_GREEN
                        DeploymentOption: WITH_TRAFFIC_CONTROL
                """.formatted(name, code, policy);
    }

    @Test
    void anUpdateThatMovesTheVersionDeploysThroughCodeDeployWithItsHooks() {
        cfn.createStack(r -> r.stackName("shifted").templateBody(template("shifted", "One", "pre-ok", "post-ok")));
        awaitStatus("shifted", StackStatus.CREATE_COMPLETE);
        String[] group = groupOf("shifted");
        assertThat(cd.listDeployments(r -> r.applicationName(group[0]).deploymentGroupName(group[1])).deployments())
                .as("creating the alias does not deploy").isEmpty();
        assertThat(alias("shifted")).isEqualTo("1");

        cfn.updateStack(r -> r.stackName("shifted").templateBody(template("shifted", "Two", "pre-ok", "post-ok")));
        awaitStatus("shifted", StackStatus.UPDATE_COMPLETE);

        List<String> deployments = cd.listDeployments(r -> r.applicationName(group[0]).deploymentGroupName(group[1]))
                .deployments();
        assertThat(deployments).hasSize(1);
        String id = deployments.getFirst();
        DeploymentInfo d = cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(d.revision().appSpecContent().content()).contains("\"Live\"").contains("\"Name\":\"shifted\"")
                .contains("\"Alias\":\"live\"").contains("\"CurrentVersion\":\"1\"").contains("\"TargetVersion\":\"2\"")
                .contains("{\"BeforeAllowTraffic\":\"pre-ok\"}").contains("{\"AfterAllowTraffic\":\"post-ok\"}");
        assertThat(hooks.received).filteredOn(b -> b.contains(id)).extracting(b -> b.substring(0, b.indexOf(' ')))
                .containsExactly("pre-ok", "post-ok");
        assertThat(alias("shifted")).isEqualTo("2");
        assertThat(events("shifted")).anyMatch(e -> e.logicalResourceId().equals("Live")
                && e.resourceStatusAsString().equals("UPDATE_IN_PROGRESS") && e.resourceStatusReason() != null
                && e.resourceStatusReason().contains(id));
    }

    @Test
    void aHookThatReportsFailedRollsTheStackAndTheAliasBack() {
        cfn.createStack(r -> r.stackName("refused").templateBody(template("refused", "One", "pre-ok", "post-fail")));
        awaitStatus("refused", StackStatus.CREATE_COMPLETE);
        cfn.updateStack(r -> r.stackName("refused").templateBody(template("refused", "Two", "pre-ok", "post-fail")));
        awaitStatus("refused", StackStatus.UPDATE_ROLLBACK_COMPLETE);

        String[] group = groupOf("refused");
        List<String> deployments = cd.listDeployments(r -> r.applicationName(group[0]).deploymentGroupName(group[1]))
                .deployments();
        assertThat(deployments).as("the rollback puts the alias back without a second deployment").hasSize(1);
        String id = deployments.getFirst();
        assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(alias("refused")).isEqualTo("1");
        var routing = lambda.getAlias(r -> r.functionName("refused").name("live")).routingConfig();
        assertThat(routing == null ? java.util.Map.of() : routing.additionalVersionWeights()).as("no traffic left on 2").isEmpty();
        assertThat(events("refused")).anyMatch(e -> e.logicalResourceId().equals("Live")
                && e.resourceStatusAsString().equals("UPDATE_FAILED")
                && e.resourceStatusReason().startsWith("CodeDeploy deployment " + id + " failed"));
    }

    @Test
    void theStackUpdateWaitsForTheDeploymentWhileAHookIsUnanswered() {
        cfn.createStack(r -> r.stackName("waiting").templateBody(template("waiting", "One", "pre-mute", "post-ok")));
        awaitStatus("waiting", StackStatus.CREATE_COMPLETE);
        cfn.updateStack(r -> r.stackName("waiting").templateBody(template("waiting", "Two", "pre-mute", "post-ok")));
        String[] group = groupOf("waiting");
        List<String> deployments = Eventually.await(() -> cd.listDeployments(r -> r.applicationName(group[0])
                .deploymentGroupName(group[1])).deployments(), l -> !l.isEmpty());
        String id = deployments.getFirst();
        String body = Eventually.await(() -> hooks.received.stream().filter(b -> b.startsWith("pre-mute ") && b.contains(id))
                .findFirst().orElse(null), b -> b != null);
        slipway.awaitIdle();
        assertThat(cfn.describeStacks(r -> r.stackName("waiting")).stacks().getFirst().stackStatus())
                .isEqualTo(StackStatus.UPDATE_IN_PROGRESS);
        assertThat(cfn.describeStackResource(r -> r.stackName("waiting").logicalResourceId("Live"))
                .stackResourceDetail().resourceStatusAsString()).isEqualTo("UPDATE_IN_PROGRESS");
        assertThat(alias("waiting")).isEqualTo("1");

        Matcher m = EXECUTION.matcher(body);
        assertThat(m.find()).isTrue();
        cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(id).lifecycleEventHookExecutionId(m.group(1))
                .status(LifecycleEventStatus.SUCCEEDED));
        awaitStatus("waiting", StackStatus.UPDATE_COMPLETE);
        assertThat(alias("waiting")).isEqualTo("2");
        assertThat(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void aBadPolicyAMissingGroupAndAnotherAccountsHookFailTheUpdateAndRollItBack() {
        cfn.createStack(r -> r.stackName("unsure").templateBody(template("unsure", "One", "pre-ok", "post-ok")));
        awaitStatus("unsure", StackStatus.CREATE_COMPLETE);

        cfn.updateStack(r -> r.stackName("unsure").templateBody(withPolicy("unsure", "Two", """
                        ApplicationName: !Ref App
                """)));
        awaitStatus("unsure", StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(failure("unsure")).isEqualTo("Properties validation failed for resource Live with message: "
                + "#/UpdatePolicy/CodeDeployLambdaAliasUpdate: required key [DeploymentGroupName] not found");

        cfn.updateStack(r -> r.stackName("unsure").templateBody(withPolicy("unsure", "Three", """
                        ApplicationName: !Ref App
                        DeploymentGroupName: nowhere
                """)));
        awaitStatus("unsure", StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(failure("unsure")).startsWith("Resource handler returned message: \"").contains("nowhere")
                .contains("(Service: CodeDeploy, Status Code: 400)").doesNotContain("Exception:").doesNotContain("java.");

        // a hook named by another account's ARN: CodeDeploy refuses to call it, the deployment fails
        cfn.updateStack(r -> r.stackName("unsure").templateBody(template("unsure", "Four",
                "arn:aws:lambda:us-east-1:111122223333:function:pre-ok", "post-ok")));
        awaitStatus("unsure", StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(failure("unsure")).matches("CodeDeploy deployment d-[A-Z0-9]{9} failed: .+");
        assertThat(hooks.received).noneMatch(b -> b.startsWith("pre-ok ") && b.contains(failure("unsure").split(" ")[2]));
        assertThat(alias("unsure")).isEqualTo("1");
    }

    /** The alias's latest UPDATE_FAILED reason. */
    private String failure(String stack) {
        return events(stack).stream().filter(e -> e.logicalResourceId().equals("Live")
                && e.resourceStatusAsString().equals("UPDATE_FAILED")).findFirst().orElseThrow().resourceStatusReason();
    }

    private String alias(String function) {
        return lambda.getAlias(r -> r.functionName(function).name("live")).functionVersion();
    }

    /** The application and group names the stack generated. */
    private String[] groupOf(String stack) {
        String app = cfn.describeStackResource(r -> r.stackName(stack).logicalResourceId("App"))
                .stackResourceDetail().physicalResourceId();
        String group = cfn.describeStackResource(r -> r.stackName(stack).logicalResourceId("Group"))
                .stackResourceDetail().physicalResourceId();
        return new String[]{app, group};
    }

    private List<StackEvent> events(String stack) {
        return cfn.describeStackEvents(r -> r.stackName(stack)).stackEvents();
    }

    private Stack awaitStatus(String stack, StackStatus status) {
        Stack s = Eventually.await(() -> cfn.describeStacks(r -> r.stackName(stack)).stacks().getFirst(),
                x -> !x.stackStatusAsString().endsWith("_IN_PROGRESS"));
        assertThat(s.stackStatus()).as(s.stackStatusReason() + " " + events(stack).stream()
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + " " + e.resourceStatusReason()).toList())
                .isEqualTo(status);
        return s;
    }
}
