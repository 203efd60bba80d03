package io.slipway.it;

import io.slipway.engine.clock.ScaledClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SAM template as the SAM docs teach safe Lambda deployments: a function with
 * {@code AutoPublishAlias: live} and a {@code Canary10Percent5Minutes} DeploymentPreference whose
 * PreTraffic hook is Node.js importing the runtime's AWS SDK and whose PostTraffic hook is Python with
 * boto3. Deployed with the AWS CLI, updated through change sets: one update shifts the alias through
 * CodeDeploy with both hooks reporting Succeeded; one whose PostTraffic hook reports Failed rolls the
 * stack back with the alias on the previous version. Slipway runs on a clock 300 times faster than
 * real time (what {@code --time-scale 300} gives), so the canary's five minutes last a second.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamDeploymentHooksIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c, new ScaledClock(300));
    private static final String STACK = "sam-shop";

    static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Release: {Type: String, Default: "1"}
              PostTrafficVerdict: {Type: String, Default: Succeeded}
            Globals:
              Function:
                Timeout: 30
            Resources:
              Checkout:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: nodejs22.x
                  Handler: index.handler
                  InlineCode: !Sub "exports.handler = async () => ({ release: '${Release}' });"
                  AutoPublishAlias: live
                  DeploymentPreference:
                    Type: Canary10Percent5Minutes
                    Hooks:
                      PreTraffic: !Ref PreTrafficHook
                      PostTraffic: !Ref PostTrafficHook
              PreTrafficHook:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: CodeDeployHook_samShopPreTraffic
                  Runtime: nodejs22.x
                  Handler: index.handler
                  Policies:
                    - Version: "2012-10-17"
                      Statement:
                        - {Effect: Allow, Action: codedeploy:PutLifecycleEventHookExecutionStatus, Resource: "*"}
                  InlineCode: |
                    const { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } = require('@aws-sdk/client-codedeploy');
                    const codedeploy = new CodeDeployClient({});
                    exports.handler = async (event) => {
                      await codedeploy.send(new PutLifecycleEventHookExecutionStatusCommand({
                        deploymentId: event.DeploymentId,
                        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
                        status: 'Succeeded',
                      }));
                      return 'Succeeded';
                    };
              PostTrafficHook:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: CodeDeployHook_samShopPostTraffic
                  Runtime: python3.12
                  Handler: index.handler
                  Environment:
                    Variables:
                      VERDICT: !Ref PostTrafficVerdict
                  Policies:
                    - Version: "2012-10-17"
                      Statement:
                        - {Effect: Allow, Action: codedeploy:PutLifecycleEventHookExecutionStatus, Resource: "*"}
                  InlineCode: |
                    import os
                    import boto3

                    codedeploy = boto3.client('codedeploy')

                    def handler(event, context):
                        verdict = os.environ['VERDICT']
                        codedeploy.put_lifecycle_event_hook_execution_status(
                            deploymentId=event['DeploymentId'],
                            lifecycleEventHookExecutionId=event['LifecycleEventHookExecutionId'],
                            status=verdict)
                        return verdict
            Outputs:
              LiveAlias:
                Value: !Ref CheckoutAliaslive
            """;

    private final CloudFormationClient cfn = slipway.cloudFormation();
    private final CodeDeployClient codeDeploy = slipway.codeDeploy();
    private final LambdaClient lambda = slipway.lambda();

    @BeforeAll
    static void cli() {
        AwsCli.requireCli();
    }

    @Test
    @Order(1)
    void theCliDeploysTheTemplateWithoutADeployment(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        AwsCli.Result deployed = AwsCli.run(Map.of("AWS_ENDPOINT_URL", slipway.endpoint()), "cloudformation", "deploy",
                "--template-file", dir.resolve("template.yaml").toString(), "--stack-name", STACK,
                "--capabilities", "CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND");
        assertThat(deployed.exitCode()).as(deployed.stdout() + deployed.stderr()).isZero();

        assertThat(stack().stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(aliasVersion()).isEqualTo("1");
        assertThat(codeDeploy.listDeployments(r -> r.applicationName(application())
                .deploymentGroupName(group())).deployments()).isEmpty(); // creating the alias does not deploy
        assertThat(codeDeploy.getDeploymentGroup(r -> r.applicationName(application()).deploymentGroupName(group()))
                .deploymentGroupInfo().deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaCanary10Percent5Minutes");
    }

    @Test
    @Order(2)
    void anUpdateShiftsTheAliasThroughTheCanaryWithBothHooksCalled() {
        assertThat(update("2", "Succeeded").stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");

        assertThat(aliasVersion()).isEqualTo("2");
        assertThat(lambda.invoke(r -> r.functionName(function() + ":live")).payload().asUtf8String())
                .isEqualTo("{\"release\":\"2\"}");
        DeploymentInfo deployment = onlyDeployment(DeploymentStatus.SUCCEEDED);
        assertThat(deployment.deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaCanary10Percent5Minutes");
        // the canary's interval passed on Slipway's clock between the start and the end
        assertThat(Duration.between(deployment.createTime(), deployment.completeTime())).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(lifecycle(deployment.deploymentId())).containsExactly(
                "BeforeAllowTraffic:Succeeded", "AllowTraffic:Succeeded", "AfterAllowTraffic:Succeeded");
        assertThat(aliasEvents()).anySatisfy(e -> assertThat(e.resourceStatusReason())
                .contains("CodeDeploy deployment " + deployment.deploymentId()));
    }

    @Test
    @Order(3)
    void aPostTrafficHookThatReportsFailedRollsTheStackBackWithTheAliasOnThePreviousVersion() {
        assertThat(update("3", "Failed").stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");

        assertThat(aliasVersion()).isEqualTo("2");
        assertThat(lambda.getAlias(r -> r.functionName(function()).name("live")).routingConfig() == null
                || lambda.getAlias(r -> r.functionName(function()).name("live")).routingConfig()
                .additionalVersionWeights().isEmpty()).isTrue();
        DeploymentInfo failed = codeDeploy.batchGetDeployments(r -> r.deploymentIds(codeDeploy.listDeployments(l -> l
                        .applicationName(application()).deploymentGroupName(group())
                        .includeOnlyStatusesWithStrings("Failed")).deployments())).deploymentsInfo().getFirst();
        assertThat(lifecycle(failed.deploymentId())).contains("BeforeAllowTraffic:Succeeded", "AfterAllowTraffic:Failed");
        assertThat(aliasEvents()).anySatisfy(e -> assertThat(e.resourceStatusAsString()).isEqualTo("UPDATE_FAILED"))
                .anySatisfy(e -> assertThat(e.resourceStatusReason()).contains(failed.deploymentId()));
        assertThat(lambda.invoke(r -> r.functionName(function() + ":live")).payload().asUtf8String())
                .isEqualTo("{\"release\":\"2\"}");
    }

    /** An update through a change set (as `aws cloudformation deploy` makes one), waited for to its end. */
    private Stack update(String release, String verdict) {
        String changeSet = "release-" + release;
        cfn.createChangeSet(r -> r.stackName(STACK).changeSetName(changeSet).changeSetType(ChangeSetType.UPDATE)
                .templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND)
                .parameters(Parameter.builder().parameterKey("Release").parameterValue(release).build(),
                        Parameter.builder().parameterKey("PostTrafficVerdict").parameterValue(verdict).build()));
        Eventually.await(() -> cfn.describeChangeSet(r -> r.stackName(STACK).changeSetName(changeSet)),
                c -> !c.statusAsString().endsWith("_IN_PROGRESS") && !c.statusAsString().equals("CREATE_PENDING"));
        cfn.executeChangeSet(r -> r.stackName(STACK).changeSetName(changeSet));
        return Eventually.await(this::stack, s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"));
    }

    private Stack stack() {
        return cfn.describeStacks(r -> r.stackName(STACK)).stacks().getFirst();
    }

    private String physical(String logicalId) {
        return cfn.describeStackResource(r -> r.stackName(STACK).logicalResourceId(logicalId))
                .stackResourceDetail().physicalResourceId();
    }

    private String application() {
        return physical("ServerlessDeploymentApplication");
    }

    private String group() {
        return physical("CheckoutDeploymentGroup");
    }

    private String function() {
        return physical("Checkout");
    }

    private String aliasVersion() {
        return lambda.getAlias(r -> r.functionName(function()).name("live")).functionVersion();
    }

    private DeploymentInfo onlyDeployment(DeploymentStatus status) {
        List<String> ids = codeDeploy.listDeployments(r -> r.applicationName(application()).deploymentGroupName(group()))
                .deployments();
        assertThat(ids).hasSize(1);
        DeploymentInfo info = codeDeploy.getDeployment(r -> r.deploymentId(ids.getFirst())).deploymentInfo();
        assertThat(info.status()).isEqualTo(status);
        return info;
    }

    /** The Lambda target's lifecycle events as "name:status", in order. */
    private List<String> lifecycle(String deploymentId) {
        String target = codeDeploy.listDeploymentTargets(r -> r.deploymentId(deploymentId)).targetIds().getFirst();
        List<LifecycleEvent> events = codeDeploy.getDeploymentTarget(r -> r.deploymentId(deploymentId).targetId(target))
                .deploymentTarget().lambdaTarget().lifecycleEvents();
        return events.stream().map(e -> e.lifecycleEventName() + ":" + e.statusAsString()).toList();
    }

    private List<StackEvent> aliasEvents() {
        return cfn.describeStackEvents(r -> r.stackName(STACK)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("CheckoutAliaslive") && e.resourceStatusReason() != null)
                .toList();
    }
}
