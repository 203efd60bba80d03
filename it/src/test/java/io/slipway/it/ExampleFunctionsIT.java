package io.slipway.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.ErrorCode;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples/ hooks as real Lambda functions: created with {@code aws lambda create-function},
 * run by Slipway's local runtime when a CodeDeploy deployment reaches their events, and deciding
 * the deployment's outcome through their own SDK calls back into Slipway.
 */
class ExampleFunctionsIT {
    private static final Path EXAMPLES = Path.of("..", "examples", "hooks").toAbsolutePath().normalize();
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final CodeDeployClient cd = slipway.codeDeploy();

    @BeforeAll
    static void createFunctionsWithTheCli(@TempDir Path dir) throws Exception {
        AwsCli.requireCli();
        boolean node = Files.isDirectory(EXAMPLES.resolve("node/node_modules/@aws-sdk/client-codedeploy"));
        boolean boto3 = new ProcessBuilder("python3", "-c", "import boto3").start().waitFor() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertThat(node && boto3).as("examples/install.sh installed the examples' SDKs").isTrue();
        }
        Assumptions.assumeTrue(node && boto3, "run examples/install.sh first");
        Path nodeZip = zip(EXAMPLES.resolve("node"), dir.resolve("node-hook.zip"));
        Path pythonZip = zip(EXAMPLES.resolve("python"), dir.resolve("python-hook.zip"));
        create("node-hook", "nodejs20.x", "index.handler", nodeZip);
        create("python-hook", "python3.12", "hook.handler", pythonZip);
        LambdaFixtures.checkout(slipway.endpoint(), "AKIDEXAMPLE");
        CodeDeployClient cd = slipway.codeDeploy();
        cd.createApplication(r -> r.applicationName("real-hooks").computePlatform(ComputePlatform.LAMBDA));
        for (String g : List.of("happy", "unhappy")) {
            cd.createDeploymentGroup(r -> r.applicationName("real-hooks").deploymentGroupName(g)
                    .serviceRoleArn("arn:aws:iam::000000000000:role/cd"));
        }
    }

    private static void create(String name, String runtime, String handler, Path zip) {
        AwsCli.Result r = AwsCli.run(Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"), "--endpoint-url", slipway.endpoint(),
                "lambda", "create-function", "--function-name", name, "--runtime", runtime, "--handler", handler,
                "--role", "arn:aws:iam::000000000000:role/lambda", "--timeout", "30", "--zip-file", "fileb://" + zip);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("\"FunctionArn\": \"arn:aws:lambda:us-east-1:000000000000:function:" + name + "\"");
    }

    /** A deployment package: every file of the example's folder, node_modules included. */
    private static Path zip(Path source, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                zip.putNextEntry(new ZipEntry(source.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return target;
    }

    private DeploymentInfo deploy(String group, String description) {
        String spec = LambdaFixtures.appSpec("node-hook", "python-hook");
        String id = cd.createDeployment(r -> r.applicationName("real-hooks").deploymentGroupName(group).description(description)
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(spec))))
                .deploymentId();
        slipway.awaitIdle();
        return cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
    }

    @Test
    void bothFunctionsReportSucceeded() {
        assertThat(deploy("happy", "a normal release").status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(slipway.lambda().getAlias(r -> r.functionName("checkout").name("live")).functionVersion()).isEqualTo("2");
    }

    @Test
    void theNodeFunctionFailsTheDeploymentWhenAskedTo() {
        DeploymentInfo d = deploy("unhappy", "please fail-hook this one");
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.errorInformation().code()).isEqualTo(ErrorCode.HOOK_EXECUTION_FAILURE);
        assertThat(d.errorInformation().message()).contains("node-hook");
    }
}
