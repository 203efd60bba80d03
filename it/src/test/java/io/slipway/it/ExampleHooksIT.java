package io.slipway.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.ErrorCode;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples/ hook functions, run as local commands with their real SDKs (JavaScript v3 and
 * boto3), calling back into Slipway through AWS_ENDPOINT_URL. scripts/test installs what they need.
 */
class ExampleHooksIT {
    private static final Path EXAMPLES = Path.of("..", "examples", "hooks").toAbsolutePath().normalize();
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withFunctions(List.of(
            "node-hook=command:node " + EXAMPLES.resolve("node/run.mjs"),
            "python-hook=command:python3 " + EXAMPLES.resolve("python/hook.py"))));
    private final CodeDeployClient cd = slipway.codeDeploy("123456789012", "us-east-1");

    @BeforeAll
    static void examplesAreInstalled() throws Exception {
        boolean node = Files.isDirectory(EXAMPLES.resolve("node/node_modules/@aws-sdk/client-codedeploy"));
        boolean boto3 = new ProcessBuilder("python3", "-c", "import boto3").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(node).as("examples/install.sh installed the Node.js example's SDK").isTrue();
            assertThat(boto3).as("python3 can import boto3").isTrue();
        }
        Assumptions.assumeTrue(node && boto3, "run examples/install.sh first");
        CodeDeployClient cd = slipway.codeDeploy("123456789012", "us-east-1");
        LambdaFixtures.checkout(slipway.endpoint(), "123456789012");
        cd.createApplication(r -> r.applicationName("examples").computePlatform(ComputePlatform.LAMBDA));
        for (String g : List.of("happy", "unhappy")) {
            cd.createDeploymentGroup(r -> r.applicationName("examples").deploymentGroupName(g)
                    .serviceRoleArn("arn:aws:iam::123456789012:role/cd"));
        }
    }

    private DeploymentInfo deploy(String group, String description) {
        String spec = LambdaFixtures.appSpec("node-hook", "python-hook");
        String id = cd.createDeployment(r -> r.applicationName("examples").deploymentGroupName(group).description(description)
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(spec))))
                .deploymentId();
        slipway.awaitIdle();
        return cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
    }

    @Test
    void bothExamplesReportSucceeded() {
        DeploymentInfo d = deploy("happy", "a normal release");
        assertThat(d.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void theNodeExampleFailsTheDeploymentWhenAskedTo() {
        DeploymentInfo d = deploy("unhappy", "please fail-hook this one");
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.errorInformation().code()).isEqualTo(ErrorCode.HOOK_EXECUTION_FAILURE);
        assertThat(d.errorInformation().message()).contains("BeforeAllowTraffic").contains("node-hook");
    }
}
