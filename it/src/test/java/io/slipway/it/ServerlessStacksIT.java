package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SAM templates (Transform AWS::Serverless-2016-10-31) through the AWS CLI's {@code deploy} and
 * {@code package} and the SDK: the transform's resources are created under SAM's logical ids, the
 * processed template shows them, a code change publishes a new version that CodeDeploy shifts the
 * alias to, and templates SAM refuses or capabilities missing are refused as on AWS.
 */
class ServerlessStacksIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CloudFormationClient cfn = slipway.cloudFormation();
    private final CodeDeployClient cd = slipway.codeDeploy();
    private final LambdaClient lambda = slipway.lambda();

    /** A function published to alias live and deployed all at once; {@code code} is what it answers. */
    static String template(String name, String code) {
        return """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Runtime: nodejs20.x
                    Timeout: 5
                Resources:
                  Greeter:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: %s
                      Handler: index.handler
                      InlineCode: "exports.handler = async () => '%s';"
                      AutoPublishAlias: live
                      DeploymentPreference:
                        Type: AllAtOnce
                Outputs:
                  Alias:
                    Value: !Ref Greeter.Alias
                  Version:
                    Value: !Ref Greeter.Version
                """.formatted(name, code);
    }

    @BeforeAll
    static void cli() {
        AwsCli.requireCli();
        slipway.s3().createBucket(r -> r.bucket("sam-artifacts"));
    }

    @Test
    void deployCreatesSamsResourcesAndACodeChangeShiftsTheAliasThroughCodeDeploy(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, template("sam-greeter", "one"));
        deploy(file, "sam-app");
        Stack created = stack("sam-app");
        assertThat(created.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        List<String> ids = resourceIds("sam-app");
        assertThat(ids).contains("Greeter", "GreeterRole", "GreeterAliaslive", "ServerlessDeploymentApplication",
                "CodeDeployServiceRole", "GreeterDeploymentGroup");
        String firstVersion = ids.stream().filter(id -> id.matches("GreeterVersion[0-9a-f]{10}")).findFirst().orElseThrow();
        assertThat(outputs(created).get("Alias")).endsWith(":function:sam-greeter:live");
        assertThat(outputs(created).get("Version")).endsWith(":function:sam-greeter:1");
        assertThat(invokeLive("sam-greeter")).isEqualTo("\"one\"");

        String processed = cfn.getTemplate(r -> r.stackName("sam-app").templateStage(TemplateStage.PROCESSED)).templateBody();
        assertThat(processed).contains("\"" + firstVersion + "\"", "\"CodeDeployLambdaAliasUpdate\"",
                "CodeDeployDefault.Lambda${ConfigName}", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "\"lambda:createdBy\"").doesNotContain("AWS::Serverless::Function").doesNotContain("Globals");
        assertThat(cfn.getTemplate(r -> r.stackName("sam-app").templateStage(TemplateStage.ORIGINAL)).templateBody())
                .contains("AWS::Serverless::Function");

        String[] group = group("sam-app");
        assertThat(cd.listDeployments(r -> r.applicationName(group[0]).deploymentGroupName(group[1])).deployments())
                .as("creating the alias does not deploy").isEmpty();

        CloudFormationCliIT.nextSecond();
        Files.writeString(file, template("sam-greeter", "two"));
        deploy(file, "sam-app");
        assertThat(stack("sam-app").stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        List<String> after = resourceIds("sam-app");
        assertThat(after).as("a resource the update removed is no longer the stack's, retained or not")
                .doesNotContain(firstVersion).anyMatch(id -> id.matches("GreeterVersion[0-9a-f]{10}"));
        assertThat(cfn.describeStackEvents(r -> r.stackName("sam-app")).stackEvents())
                .as("the old version is retained, as SAM's DeletionPolicy asks")
                .anyMatch(e -> e.logicalResourceId().equals(firstVersion) && e.resourceStatusAsString().equals("DELETE_SKIPPED"));
        List<String> deployments = cd.listDeployments(r -> r.applicationName(group[0]).deploymentGroupName(group[1]))
                .deployments();
        assertThat(deployments).hasSize(1);
        assertThat(cd.getDeployment(r -> r.deploymentId(deployments.getFirst())).deploymentInfo().status())
                .isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(lambda.getAlias(r -> r.functionName("sam-greeter").name("live")).functionVersion()).isEqualTo("2");
        assertThat(invokeLive("sam-greeter")).isEqualTo("\"two\"");
        assertThat(lambda.listVersionsByFunction(r -> r.functionName("sam-greeter")).versions())
                .as("the old version is retained").extracting(v -> v.version()).contains("1", "2");
    }

    @Test
    void packageUploadsALocalCodeUriAndThePackagedTemplateDeploys(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/index.js"), "exports.handler = async () => 'packaged';\n");
        Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Packaged:
                    Type: AWS::Serverless::Function
                    Properties:
                      FunctionName: sam-packaged
                      Runtime: nodejs20.x
                      Handler: index.handler
                      CodeUri: ./src
                      AutoPublishAlias: live
                """);
        Path packaged = dir.resolve("packaged.yaml");
        aws("cloudformation", "package", "--template-file", dir.resolve("template.yaml").toString(),
                "--s3-bucket", "sam-artifacts", "--s3-prefix", "sam", "--output-template-file", packaged.toString());
        assertThat(Files.readString(packaged)).contains("CodeUri: s3://sam-artifacts/sam/");
        deploy(packaged, "sam-packaged");
        assertThat(stack("sam-packaged").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(invokeLive("sam-packaged")).isEqualTo("\"packaged\"");
    }

    @Test
    void createStackNeedsAutoExpandAndIamForTheRolesSamGenerates() {
        String body = template("sam-capabilities", "one");
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("sam-caps").templateBody(body)
                .capabilities(Capability.CAPABILITY_IAM)))
                .isInstanceOfSatisfying(InsufficientCapabilitiesException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo("Requires capabilities : [CAPABILITY_AUTO_EXPAND]"));
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("sam-caps").templateBody(body)
                .capabilities(Capability.CAPABILITY_AUTO_EXPAND)))
                .isInstanceOfSatisfying(InsufficientCapabilitiesException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).contains("CAPABILITY_IAM"));
        var summary = cfn.getTemplateSummary(r -> r.templateBody(body));
        assertThat(summary.declaredTransforms()).containsExactly("AWS::Serverless-2016-10-31");
        assertThat(summary.capabilities()).contains(Capability.CAPABILITY_AUTO_EXPAND, Capability.CAPABILITY_IAM);
    }

    @Test
    void aMalformedSamResourceIsAValidationErrorWithSamsMessage() {
        String body = """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Broken:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: nodejs20.x
                      Handler: index.handler
                """;
        String message = "Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification "
                + "document. Number of errors found: 1. Resource with id [Broken] is invalid. "
                + "Only one of 'InlineCode' or 'CodeUri' can be set.";
        assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("sam-broken").templateBody(body)
                .capabilities(Capability.CAPABILITY_AUTO_EXPAND, Capability.CAPABILITY_IAM)))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
        AwsCli.Result cli = AwsCli.run(env(), "cloudformation", "create-stack", "--stack-name", "sam-broken",
                "--template-body", body, "--capabilities", "CAPABILITY_AUTO_EXPAND", "CAPABILITY_IAM");
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.stderr()).contains("ValidationError").contains("Resource with id [Broken] is invalid.");
    }

    private String invokeLive(String function) {
        return lambda.invoke(r -> r.functionName(function).qualifier("live").payload(SdkBytes.fromUtf8String("{}")))
                .payload().asUtf8String();
    }

    private static void deploy(Path template, String stack) {
        String out = aws("cloudformation", "deploy", "--template-file", template.toString(), "--stack-name", stack,
                "--capabilities", "CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND").stdout();
        assertThat(out).contains("Successfully created/updated stack - " + stack);
    }

    private static AwsCli.Result aws(String... args) {
        AwsCli.Result r = AwsCli.run(env(), args);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return r;
    }

    private static Map<String, String> env() {
        return Map.of("AWS_ENDPOINT_URL", slipway.endpoint());
    }

    private Stack stack(String name) {
        return cfn.describeStacks(r -> r.stackName(name)).stacks().getFirst();
    }

    /** The stack's resources as ListStackResources lists them. */
    private List<String> resourceIds(String stack) {
        return cfn.listStackResources(r -> r.stackName(stack)).stackResourceSummaries().stream()
                .map(s -> s.logicalResourceId()).toList();
    }

    /** The CodeDeploy application and deployment group the stack made. */
    private String[] group(String stack) {
        return new String[] {physicalId(stack, "ServerlessDeploymentApplication"), physicalId(stack, "GreeterDeploymentGroup")};
    }

    private String physicalId(String stack, String logicalId) {
        return cfn.describeStackResource(r -> r.stackName(stack).logicalResourceId(logicalId)).stackResourceDetail()
                .physicalResourceId();
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
    }
}
