package io.slipway.it;

import io.slipway.engine.clock.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary config under CodeDeployLambdaAliasUpdate: the stack's update stays in progress while
 * ten percent of the traffic is on the new version, on Slipway's clock, and completes after the
 * canary's interval when the rest has moved, as the deployment ends.
 */
class AliasCanaryStacksIT {
    static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    static final HookFunctionServer hooks = new HookFunctionServer(() -> AliasCanaryStacksIT.slipway.codeDeploy());
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withFunctions(List.of(hooks.target("pre-ok"),
            hooks.target("post-ok"))), clock);

    private final CloudFormationClient cfn = slipway.cloudFormation();
    private final CodeDeployClient cd = slipway.codeDeploy();
    private final LambdaClient lambda = slipway.lambda();

    @BeforeAll
    static void answers() {
        hooks.answer("pre-ok", LifecycleEventStatus.SUCCEEDED);
        hooks.answer("post-ok", LifecycleEventStatus.SUCCEEDED);
    }

    @AfterAll
    static void stopHooks() {
        hooks.close();
    }

    private String status() {
        slipway.awaitIdle();
        return cfn.describeStacks(r -> r.stackName("canary")).stacks().getFirst().stackStatusAsString();
    }

    @Test
    void theUpdateWaitsWhileTheCanaryCarriesTenPercent() {
        String canary = AliasDeploymentStacksIT.template("canary", "One", "pre-ok", "post-ok")
                .replace("CodeDeployDefault.LambdaAllAtOnce", "CodeDeployDefault.LambdaCanary10Percent5Minutes");
        cfn.createStack(r -> r.stackName("canary").templateBody(canary));
        assertThat(status()).isEqualTo("CREATE_COMPLETE");
        cfn.updateStack(r -> r.stackName("canary").templateBody(canary.replace("One", "Two")));

        assertThat(status()).isEqualTo("UPDATE_IN_PROGRESS");
        var alias = lambda.getAlias(r -> r.functionName("canary").name("live"));
        assertThat(alias.functionVersion()).isEqualTo("1");
        assertThat(alias.routingConfig().additionalVersionWeights()).containsExactly(Map.entry("2", 0.1));
        clock.advance(Duration.ofMinutes(4));
        assertThat(status()).isEqualTo("UPDATE_IN_PROGRESS");

        // the deployment's end wakes the stack: it completes without waiting for its next look
        clock.advance(Duration.ofMinutes(1));
        assertThat(status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(lambda.getAlias(r -> r.functionName("canary").name("live")).functionVersion()).isEqualTo("2");
        String app = cfn.describeStackResource(r -> r.stackName("canary").logicalResourceId("App"))
                .stackResourceDetail().physicalResourceId();
        String group = cfn.describeStackResource(r -> r.stackName("canary").logicalResourceId("Group"))
                .stackResourceDetail().physicalResourceId();
        List<String> ids = cd.listDeployments(r -> r.applicationName(app).deploymentGroupName(group)).deployments();
        assertThat(ids).hasSize(1);
        assertThat(cd.getDeployment(r -> r.deploymentId(ids.getFirst())).deploymentInfo().status())
                .isEqualTo(DeploymentStatus.SUCCEEDED);
    }
}
