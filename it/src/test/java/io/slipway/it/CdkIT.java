package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real CDK CLI (pinned in examples/cdk-app, installed by examples/install.sh) against Slipway,
 * with nothing set but {@code AWS_ENDPOINT_URL}, credentials and a region: {@code cdk bootstrap}
 * (its roles assumed through STS, its version read from SSM), {@code cdk deploy} of the example
 * app with its file assets, {@code cdk diff}, an update and {@code cdk destroy}.
 */
class CdkIT {
    private static final String ACCOUNT = "210987654321";
    private static final String REGION = "us-east-1";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    @TempDir
    static Path work;

    private final CloudFormationClient cfn = slipway.cloudFormation(ACCOUNT, REGION);
    private final LambdaClient lambda = slipway.lambda(ACCOUNT, REGION);

    @BeforeAll
    static void cdkIsInstalled() {
        CdkCli.requireCli();
    }

    @Test
    void bootstrapDeployDiffUpdateAndDestroyTheExampleApp() throws Exception {
        CdkCli.Run bootstrap = cdk(Map.of(), "bootstrap", "aws://" + ACCOUNT + "/" + REGION);
        assertThat(bootstrap.exitCode()).as(bootstrap.output()).isZero();
        assertThat(stack("CDKToolkit").stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(slipway.ssm(ACCOUNT).getParameter(r -> r.name("/cdk-bootstrap/hnb659fds/version")).parameter().value())
                .as("the bootstrap version the CLI checks").matches("\\d+");

        CdkCli.Run deploy = cdk(Map.of(), "deploy", "--require-approval", "never", "ShopStack");
        assertThat(deploy.exitCode()).as(deploy.output()).isZero();
        Stack shop = stack("ShopStack");
        assertThat(shop.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(outputs(shop)).containsEntry("SettingsEndpoint", "https://settings.example.com/releases/1");
        String alias = outputs(shop).get("CheckoutAlias");
        assertThat(alias).startsWith("arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:").endsWith(":live");
        assertThat(invoke(alias)).as("the function's code came from the file asset the CLI uploaded")
                .contains("\"release\":\"1\"");
        Map<String, StackResourceSummary> resources = resources("ShopStack");
        assertThat(resources.values()).extracting(StackResourceSummary::resourceStatusAsString).containsOnly("CREATE_COMPLETE");
        assertThat(resources.values()).extracting(StackResourceSummary::resourceType)
                .contains("AWS::Logs::LogGroup", "AWS::CodeDeploy::DeploymentGroup", "AWS::CloudFormation::CustomResource",
                        "AWS::CDK::Metadata");
        String application = resources.values().stream().filter(r -> r.resourceType().equals("AWS::CodeDeploy::Application"))
                .findFirst().orElseThrow().physicalResourceId();
        assertThat(slipway.codeDeploy(ACCOUNT, REGION).listDeploymentGroups(r -> r.applicationName(application)).deploymentGroups())
                .hasSize(1);

        CdkCli.Run noChange = cdk(Map.of(), "diff", "--fail", "ShopStack");
        assertThat(noChange.exitCode()).as(noChange.output()).isZero();
        CdkCli.Run diff = cdk(Map.of("RELEASE", "2"), "diff", "--fail", "ShopStack");
        assertThat(diff.exitCode()).as("cdk diff --fail exits 1 when there are differences: " + diff.output()).isEqualTo(1);
        assertThat(diff.output()).contains("Checkout").contains("Settings");

        CdkCli.Run update = cdk(Map.of("RELEASE", "2"), "deploy", "--require-approval", "never", "ShopStack");
        assertThat(update.exitCode()).as(update.output()).isZero();
        shop = stack("ShopStack");
        assertThat(shop.stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
        assertThat(outputs(shop)).containsEntry("SettingsEndpoint", "https://settings.example.com/releases/2");
        assertThat(invoke(outputs(shop).get("CheckoutAlias"))).contains("\"release\":\"2\"");
        // the alias moved through CodeDeploy (its CodeDeployLambdaAliasUpdate policy), once, successfully
        String group = resources("ShopStack").values().stream()
                .filter(r -> r.resourceType().equals("AWS::CodeDeploy::DeploymentGroup")).findFirst().orElseThrow()
                .physicalResourceId();
        var codeDeploy = slipway.codeDeploy(ACCOUNT, REGION);
        List<String> deployments = codeDeploy.listDeployments(r -> r.applicationName(application).deploymentGroupName(group))
                .deployments();
        assertThat(deployments).hasSize(1);
        assertThat(codeDeploy.getDeployment(r -> r.deploymentId(deployments.get(0))).deploymentInfo().statusAsString())
                .isEqualTo("Succeeded");

        String function = resources("ShopStack").values().stream()
                .filter(r -> r.resourceType().equals("AWS::Lambda::Function")).findFirst().orElseThrow().physicalResourceId();
        CdkCli.Run destroy = cdk(Map.of(), "destroy", "--force", "ShopStack");
        assertThat(destroy.exitCode()).as(destroy.output()).isZero();
        assertThatThrownBy(() -> stack("ShopStack")).isInstanceOf(CloudFormationException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName(function))).isInstanceOf(ResourceNotFoundException.class);
    }

    private Stack stack(String name) {
        return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    private Map<String, StackResourceSummary> resources(String stack) {
        return cfn.listStackResourcesPaginator(r -> r.stackName(stack)).stackResourceSummaries().stream()
                .collect(Collectors.toMap(StackResourceSummary::logicalResourceId, r -> r));
    }

    private String invoke(String function) {
        return lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String();
    }

    private CdkCli.Run cdk(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return new CdkCli(slipway.endpoint(), ACCOUNT, REGION, work, null).run(env, args);
    }
}
