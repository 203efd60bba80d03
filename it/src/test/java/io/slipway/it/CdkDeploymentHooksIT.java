package io.slipway.it;

import io.slipway.engine.clock.ScaledClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentCreator;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.LambdaTarget;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CDK's {@code LambdaDeploymentGroup} with a pre- and a post-traffic hook (examples/cdk-app's
 * hooks-app.js), deployed and updated with the real CDK CLI: CloudFormation's
 * CodeDeployLambdaAliasUpdate runs one CodeDeploy deployment per update, whose Node.js hook imports
 * the runtime's AWS SDK for JavaScript v3 and whose Python hook uses the runtime's boto3, each
 * calling PutLifecycleEventHookExecutionStatus with the execution role the CDK gave it. A post-traffic
 * hook that reports Failed fails {@code cdk deploy} and rolls the stack and the alias back. The group
 * shifts by CodeDeploy's 10 % canary, its 5 minutes shortened by a time scale.
 */
class CdkDeploymentHooksIT {
    private static final String ACCOUNT = "210987654321";
    private static final String REGION = "us-east-1";
    private static final String STACK = "OrdersStack";
    /** Slipway time runs this much faster, as under {@code --time-scale}: the canary's 5 minutes pass in 3 s. */
    private static final double TIME_SCALE = 100;
    /** The canary's config, so that each update shifts 10 % first and the rest 5 (Slipway) minutes later. */
    private static final String CANARY = "CANARY_10PERCENT_5MINUTES";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c, new ScaledClock(TIME_SCALE));
    @TempDir
    static Path work;

    private final CloudFormationClient cfn = slipway.cloudFormation(ACCOUNT, REGION);
    private final CodeDeployClient codeDeploy = slipway.codeDeploy(ACCOUNT, REGION);
    private final LambdaClient lambda = slipway.lambda(ACCOUNT, REGION);

    @BeforeAll
    static void cdkIsInstalled() {
        CdkCli.requireCli();
    }

    @Test
    void updatesShiftTheAliasThroughCodeDeployWithBothHooksAndAFailedPostHookRollsBack() throws Exception {
        CdkCli cdk = new CdkCli(slipway.endpoint(), ACCOUNT, REGION, work, "node hooks-app.js");
        CdkCli.Run bootstrap = cdk.run(Map.of(), "bootstrap", "aws://" + ACCOUNT + "/" + REGION);
        assertThat(bootstrap.exitCode()).as(bootstrap.output()).isZero();

        CdkCli.Run deploy = cdk.run(Map.of("DEPLOYMENT_CONFIG", CANARY), "deploy", "--require-approval", "never", STACK);
        assertThat(deploy.exitCode()).as(deploy.output()).isZero();
        Map<String, String> outputs = outputs(stack());
        String alias = outputs.get("OrdersAlias");
        String function = alias.substring(alias.indexOf(":function:") + 10, alias.lastIndexOf(':'));
        String[] group = group();
        assertThat(deployments(group)).as("creating the alias does not deploy").isEmpty();
        assertThat(aliasVersion(function)).isEqualTo("1");

        // update 1: new code configuration, so a new version: one deployment, both hooks succeed
        CdkCli.Run update = cdk.run(Map.of("DEPLOYMENT_CONFIG", CANARY, "RELEASE", "2"), "deploy", "--require-approval", "never", STACK);
        assertThat(update.exitCode()).as(update.output()).isZero();
        assertThat(stack().stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
        List<String> deployments = deployments(group);
        assertThat(deployments).hasSize(1);
        String first = deployments.getFirst();
        DeploymentInfo shifted = codeDeploy.getDeployment(r -> r.deploymentId(first)).deploymentInfo();
        assertThat(shifted.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(shifted.revision().appSpecContent().content())
                .contains("{\"BeforeAllowTraffic\":\"" + outputs.get("PreTrafficHook") + "\"}")
                .contains("{\"AfterAllowTraffic\":\"" + outputs.get("PostTrafficHook") + "\"}");
        // a hook event Succeeded only when the invoked hook reported it with its execution id
        assertThat(lifecycleEvents(first, function)).containsExactly("BeforeAllowTraffic:Succeeded", "AllowTraffic:Succeeded",
                "AfterAllowTraffic:Succeeded");
        assertThat(shifted.deploymentConfigName()).isEqualTo("CodeDeployDefault.LambdaCanary10Percent5Minutes");
        LifecycleEvent allowTraffic = target(first, function).lifecycleEvents().stream()
                .filter(e -> e.lifecycleEventName().equals("AllowTraffic")).findFirst().orElseThrow();
        assertThat(Duration.between(allowTraffic.startTime(), allowTraffic.endTime()))
                .as("the canary's interval passed (in Slipway time) between its two shifts").isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(aliasVersion(function)).isEqualTo("2");
        assertThat(invoke(alias)).contains("\"release\":\"2\"");
        assertThat(events()).anyMatch(e -> e.resourceType().equals("AWS::Lambda::Alias")
                && e.resourceStatusAsString().equals("UPDATE_IN_PROGRESS") && e.resourceStatusReason() != null
                && e.resourceStatusReason().contains(first));

        // update 2: a new version again, but the post-traffic hook now reports Failed
        CdkCli.Run refused = cdk.run(Map.of("DEPLOYMENT_CONFIG", CANARY, "RELEASE", "3", "HOOK_VERDICT", "Failed"),
                "deploy", "--require-approval", "never", STACK);
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(stack().stackStatusAsString()).isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        // CloudFormation's deployment failed; the group's auto-rollback (the CDK enables it on
        // DEPLOYMENT_FAILURE) redeployed version 2 as CodeDeploy's own new deployment
        List<DeploymentInfo> later = deployments(group).stream().filter(d -> !d.equals(first))
                .map(d -> codeDeploy.getDeployment(r -> r.deploymentId(d)).deploymentInfo()).toList();
        assertThat(later).hasSize(2).extracting(DeploymentInfo::creator).containsOnlyOnce(DeploymentCreator.CODE_DEPLOY_ROLLBACK);
        DeploymentInfo failed = later.stream().filter(d -> d.creator() != DeploymentCreator.CODE_DEPLOY_ROLLBACK).findFirst()
                .orElseThrow();
        DeploymentInfo rollback = later.stream().filter(d -> d.creator() == DeploymentCreator.CODE_DEPLOY_ROLLBACK).findFirst()
                .orElseThrow();
        String second = failed.deploymentId();
        assertThat(failed.status()).isIn(DeploymentStatus.FAILED, DeploymentStatus.STOPPED);
        assertThat(failed.revision().appSpecContent().content()).contains("\"CurrentVersion\":\"2\"")
                .contains("\"TargetVersion\":\"3\"");
        assertThat(failed.rollbackInfo().rollbackDeploymentId()).isEqualTo(rollback.deploymentId());
        assertThat(rollback.rollbackInfo().rollbackTriggeringDeploymentId()).isEqualTo(second);
        assertThat(rollback.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(lifecycleEvents(second, function)).startsWith("BeforeAllowTraffic:Succeeded")
                .contains("AfterAllowTraffic:Failed");
        assertThat(aliasVersion(function)).isEqualTo("2");
        var routing = lambda.getAlias(r -> r.functionName(function).name("live")).routingConfig();
        assertThat(routing == null ? Map.of() : routing.additionalVersionWeights()).as("no traffic left on 3").isEmpty();
        assertThat(invoke(alias)).contains("\"release\":\"2\"");
        assertThat(events()).anyMatch(e -> e.resourceType().equals("AWS::Lambda::Alias")
                && e.resourceStatusAsString().equals("UPDATE_FAILED") && e.resourceStatusReason().contains(second));
        assertThat(refused.output()).as("the CLI shows the failed resource's reason").contains(second);
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName(outputs.get("PostTrafficHook")))
                .environment().variables()).as("the hook's configuration rolled back too").containsEntry("HOOK_VERDICT", "Succeeded");
    }

    private Stack stack() {
        return cfn.describeStacks(r -> r.stackName(STACK)).stacks().getFirst();
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    /** The CodeDeploy application and deployment group the CDK generated. */
    private String[] group() {
        var resources = cfn.listStackResourcesPaginator(r -> r.stackName(STACK)).stackResourceSummaries();
        String app = resources.stream().filter(r -> r.resourceType().equals("AWS::CodeDeploy::Application")).findFirst()
                .orElseThrow().physicalResourceId();
        String group = resources.stream().filter(r -> r.resourceType().equals("AWS::CodeDeploy::DeploymentGroup")).findFirst()
                .orElseThrow().physicalResourceId();
        return new String[]{app, group};
    }

    private List<String> deployments(String[] group) {
        return codeDeploy.listDeployments(r -> r.applicationName(group[0]).deploymentGroupName(group[1])).deployments();
    }

    private LambdaTarget target(String deployment, String function) {
        return codeDeploy.getDeploymentTarget(r -> r.deploymentId(deployment).targetId(function)).deploymentTarget().lambdaTarget();
    }

    private List<String> lifecycleEvents(String deployment, String function) {
        return target(deployment, function).lifecycleEvents().stream()
                .map(e -> e.lifecycleEventName() + ":" + e.statusAsString()).toList();
    }

    private String aliasVersion(String function) {
        return lambda.getAlias(r -> r.functionName(function).name("live")).functionVersion();
    }

    private String invoke(String function) {
        return lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String();
    }

    private List<StackEvent> events() {
        return cfn.describeStackEvents(r -> r.stackName(STACK)).stackEvents();
    }
}
