package io.slipway.it;

import io.slipway.engine.clock.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SAM function with AutoPublishAlias, a Canary10Percent5Minutes DeploymentPreference and two hook
 * functions written as on AWS: the PreTraffic hook in Node.js with the runtime's
 * {@code @aws-sdk/client-codedeploy}, the PostTraffic hook in Python with boto3, each reporting its
 * lifecycle event through PutLifecycleEventHookExecutionStatus. A code update shifts ten percent,
 * then the rest after five minutes of Slipway's clock; a PostTraffic hook that reports Failed rolls
 * the stack back with the alias on the previous version.
 */
class ServerlessHooksIT {
    static final ManualClock clock = new ManualClock(Instant.parse("2026-04-01T10:00:00Z"));
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c, clock);

    private final CloudFormationClient cfn = slipway.cloudFormation();
    private final CodeDeployClient cd = slipway.codeDeploy();
    private final LambdaClient lambda = slipway.lambda();

    static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Answer: {Type: String}
              PostStatus: {Type: String}
            Resources:
              Shop:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: sam-shop
                  Runtime: nodejs20.x
                  Handler: index.handler
                  InlineCode: !Sub "exports.handler = async () => '${Answer}';"
                  AutoPublishAlias: live
                  DeploymentPreference:
                    Type: Canary10Percent5Minutes
                    Hooks:
                      PreTraffic: !Ref PreTrafficHook
                      PostTraffic: !Ref PostTrafficHook
              PreTrafficHook:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: CodeDeployHook_sam-shop-pre
                  Runtime: nodejs20.x
                  Handler: index.handler
                  Timeout: 30
                  InlineCode: |
                    const { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } = require('@aws-sdk/client-codedeploy');
                    exports.handler = async (event) => {
                      await new CodeDeployClient({}).send(new PutLifecycleEventHookExecutionStatusCommand({
                        deploymentId: event.DeploymentId,
                        lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
                        status: 'Succeeded',
                      }));
                    };
              PostTrafficHook:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: CodeDeployHook_sam-shop-post
                  Runtime: python3.12
                  Handler: index.handler
                  Timeout: 30
                  Environment:
                    Variables:
                      STATUS: !Ref PostStatus
                  InlineCode: |
                    import os
                    import boto3
                    def handler(event, context):
                        boto3.client('codedeploy').put_lifecycle_event_hook_execution_status(
                            deploymentId=event['DeploymentId'],
                            lifecycleEventHookExecutionId=event['LifecycleEventHookExecutionId'],
                            status=os.environ['STATUS'])
            """;

    @Test
    void anUpdateShiftsTrafficThroughBothHooksAndAFailedPostTrafficHookRollsItBack() throws Exception {
        RuntimeLibrariesIT.requireNodeSdk(slipway);
        RuntimeLibrariesIT.requireBoto3(slipway);
        cfn.createStack(r -> r.stackName("sam-hooks").templateBody(TEMPLATE).parameters(parameters("one", "Succeeded"))
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND));
        assertThat(status()).isEqualTo("CREATE_COMPLETE");
        assertThat(alias()).isEqualTo("1");

        cfn.updateStack(r -> r.stackName("sam-hooks").templateBody(TEMPLATE).parameters(parameters("two", "Succeeded"))
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND));
        assertThat(status()).isEqualTo("UPDATE_IN_PROGRESS");
        assertThat(lambda.getAlias(r -> r.functionName("sam-shop").name("live")).routingConfig().additionalVersionWeights())
                .as("the PreTraffic hook reported Succeeded and the canary carries ten percent")
                .containsExactly(Map.entry("2", 0.1));
        clock.advance(Duration.ofMinutes(5));
        status();
        clock.advance(Duration.ofSeconds(1));
        assertThat(status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(alias()).isEqualTo("2");
        assertThat(deployments()).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCEEDED));

        cfn.updateStack(r -> r.stackName("sam-hooks").templateBody(TEMPLATE).parameters(parameters("three", "Failed"))
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND));
        status();
        clock.advance(Duration.ofMinutes(5));
        status();
        clock.advance(Duration.ofSeconds(1));
        assertThat(status()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(alias()).isEqualTo("2");
        List<DeploymentInfo> after = deployments();
        assertThat(after.get(1).status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(after.subList(2, after.size())).as("the group's auto-rollback redeploys the last good version")
                .allSatisfy(d -> assertThat(d.creatorAsString()).isEqualTo("codeDeployRollback"));
    }

    private static List<Parameter> parameters(String answer, String postStatus) {
        return List.of(Parameter.builder().parameterKey("Answer").parameterValue(answer).build(),
                Parameter.builder().parameterKey("PostStatus").parameterValue(postStatus).build());
    }

    /** The stack's status once Slipway has nothing more to do at the clock's time. */
    private String status() {
        slipway.awaitIdle();
        return cfn.describeStacks(r -> r.stackName("sam-hooks")).stacks().getFirst().stackStatusAsString();
    }

    private String alias() {
        return lambda.getAlias(r -> r.functionName("sam-shop").name("live")).functionVersion();
    }

    /** The group's deployments, oldest first. */
    private List<DeploymentInfo> deployments() {
        String app = physicalId("ServerlessDeploymentApplication");
        String group = physicalId("ShopDeploymentGroup");
        List<String> ids = cd.listDeployments(r -> r.applicationName(app).deploymentGroupName(group)).deployments();
        return cd.batchGetDeployments(r -> r.deploymentIds(ids)).deploymentsInfo().stream()
                .sorted(java.util.Comparator.comparing(DeploymentInfo::createTime)).toList();
    }

    private String physicalId(String logicalId) {
        return cfn.describeStackResource(r -> r.stackName("sam-hooks").logicalResourceId(logicalId))
                .stackResourceDetail().physicalResourceId();
    }
}
