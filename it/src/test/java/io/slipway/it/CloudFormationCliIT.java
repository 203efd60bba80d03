package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS CLI's {@code aws cloudformation package} (local code uploaded to Slipway's S3, the template
 * rewritten) and {@code aws cloudformation deploy} (a change set created, waited for and executed;
 * parameter overrides, capabilities, a second deploy with nothing to change).
 */
class CloudFormationCliIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CloudFormationClient cfn = slipway.cloudFormation();

    static final String TEMPLATE = """
            Parameters:
              Greeting:
                Type: String
                Default: hello
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
              Function:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: nodejs20.x
                  Handler: index.handler
                  Role: !GetAtt Role.Arn
                  Code: ./src
                  Environment:
                    Variables:
                      GREETING: !Ref Greeting
              Nested:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: ./child.yaml
                  Parameters:
                    Greeting: !Ref Greeting
              Included:
                Fn::Transform:
                  Name: AWS::Include
                  Parameters:
                    Location: ./handle.yaml
            Outputs:
              FunctionName:
                Value: !Ref Function
              FromChild:
                Value: !GetAtt Nested.Outputs.Said
            """;
    static final String CHILD = """
            Parameters:
              Greeting: {Type: String}
            Resources:
              Handle: {Type: AWS::CloudFormation::WaitConditionHandle}
            Outputs:
              Said: {Value: !Sub "${Greeting}, world"}
            """;

    @BeforeAll
    static void cli() {
        AwsCli.requireCli();
        slipway.s3().createBucket(r -> r.bucket("cli-artifacts"));
    }

    private static AwsCli.Result aws(String... args) {
        AwsCli.Result r = AwsCli.run(env(), args);
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        return r;
    }

    @Test
    void packageUploadsLocalCodeAndDeployRunsChangeSets(@TempDir Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/index.js"), "exports.handler = async () => process.env.GREETING;\n");
        Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        Files.writeString(dir.resolve("child.yaml"), CHILD);
        Files.writeString(dir.resolve("handle.yaml"), "Type: AWS::CloudFormation::WaitConditionHandle\n");
        Path packaged = dir.resolve("packaged.yaml");
        aws("cloudformation", "package", "--template-file", dir.resolve("template.yaml").toString(),
                "--s3-bucket", "cli-artifacts", "--s3-prefix", "app", "--output-template-file", packaged.toString());
        String rewritten = Files.readString(packaged);
        assertThat(rewritten).contains("S3Bucket: cli-artifacts").contains("S3Key: app/")
                .contains("TemplateURL: " + slipway.endpoint() + "/cli-artifacts/app/").contains("Location: s3://cli-artifacts/app/");
        assertThat(slipway.s3().listObjectsV2(r -> r.bucket("cli-artifacts").prefix("app/")).contents()).hasSize(3);

        String first = aws("cloudformation", "deploy", "--template-file", packaged.toString(), "--stack-name", "cli-app",
                "--parameter-overrides", "Greeting=bonjour", "--capabilities", "CAPABILITY_IAM").stdout();
        assertThat(first).contains("Successfully created/updated stack - cli-app");
        Stack stack = cfn.describeStacks(r -> r.stackName("cli-app")).stacks().getFirst();
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        String function = outputs(stack).get("FunctionName");
        GetFunctionResponse created = slipway.lambda().getFunction(r -> r.functionName(function));
        assertThat(created.configuration().environment().variables()).containsEntry("GREETING", "bonjour");
        assertThat(outputs(stack)).containsEntry("FromChild", "bonjour, world");
        assertThat(cfn.listStackResources(r -> r.stackName("cli-app")).stackResourceSummaries())
                .anySatisfy(x -> assertThat(x.logicalResourceId()).isEqualTo("Included"));

        // the same template and parameters again: an empty change set, which the flag makes a success
        nextSecond();
        AwsCli.Result again = aws("cloudformation", "deploy", "--template-file", packaged.toString(), "--stack-name",
                "cli-app", "--parameter-overrides", "Greeting=bonjour", "--capabilities", "CAPABILITY_IAM",
                "--no-fail-on-empty-changeset");
        assertThat(again.stdout() + again.stderr()).contains("No changes to deploy");
        nextSecond();
        AwsCli.Result empty = AwsCli.run(env(), "cloudformation", "deploy", "--template-file",
                packaged.toString(), "--stack-name", "cli-app", "--parameter-overrides", "Greeting=bonjour",
                "--capabilities", "CAPABILITY_IAM");
        assertThat(empty.exitCode()).isNotZero();
        assertThat(empty.stderr()).contains("No changes to deploy");

        // a new parameter value: an update through a change set
        nextSecond();
        aws("cloudformation", "deploy", "--template-file", packaged.toString(), "--stack-name", "cli-app",
                "--parameter-overrides", "Greeting=hola", "--capabilities", "CAPABILITY_IAM");
        Stack updated = cfn.describeStacks(r -> r.stackName("cli-app")).stacks().getFirst();
        assertThat(updated.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(slipway.lambda().getFunction(r -> r.functionName(function)).configuration().environment().variables())
                .containsEntry("GREETING", "hola");
        assertThat(outputs(updated)).containsEntry("FromChild", "hola, world");

        // without the capability the change set is refused, as AWS refuses it
        AwsCli.Result refused = AwsCli.run(env(), "cloudformation", "deploy", "--template-file",
                packaged.toString(), "--stack-name", "cli-other");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("InsufficientCapabilities").contains("CAPABILITY_IAM");

        aws("cloudformation", "delete-stack", "--stack-name", "cli-app");
        assertThat(Eventually.await(() -> cfn.describeStacks(r -> r.stackName(stack.stackId())).stacks().getFirst(),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS")).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
    }

    /** Every client the CLI makes (CloudFormation, and S3 for package and deploy) goes to Slipway. */
    private static Map<String, String> env() {
        return Map.of("AWS_ENDPOINT_URL", slipway.endpoint());
    }

    private static Map<String, String> outputs(Stack stack) {
        return stack.outputs().stream().collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue()));
    }

    /**
     * Waits for the clock's next second: the CLI names its change sets
     * {@code awscli-cloudformation-package-deploy-<epoch second>}, and the failed empty one stays,
     * so two deploys of one stack within a second collide (on AWS too; Slipway is fast enough to hit it).
     */
    static void nextSecond() throws InterruptedException {
        long second = System.currentTimeMillis() / 1000;
        while (System.currentTimeMillis() / 1000 == second) {
            Thread.sleep(20);
        }
    }
}
