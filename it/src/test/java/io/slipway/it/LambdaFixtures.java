package io.slipway.it;

import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;


import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda set-up shared by the integration tests. {@link #checkout} is the function CodeDeploy
 * Lambda deployments shift: versions 1 and 2 and alias {@code live} on version 1. It is a
 * provided.al2023 function so that creating it needs no language runtime on the machine; the
 * deployments never invoke it.
 */
public final class LambdaFixtures {
    private LambdaFixtures() {
    }

    static LambdaClient client(String endpoint, String accessKeyId) {
        return LambdaClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Function {@code checkout} with versions 1 and 2 and alias live, its role the {@code lambda} role of the caller's account. */
    public static void checkout(String endpoint, String accessKeyId) {
        LambdaClient lambda = client(endpoint, accessKeyId);
        String account = accessKeyId.matches("\\d{12}") ? accessKeyId : "000000000000"; // as Slipway maps keys
        lambda.createFunction(r -> r.functionName("checkout").runtime(Runtime.PROVIDED_AL2023).handler("checkout")
                .role("arn:aws:iam::" + account + ":role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("bootstrap", "#!/bin/sh\nexit 0\n"))))));
        lambda.publishVersion(r -> r.functionName("checkout"));
        lambda.updateFunctionConfiguration(r -> r.functionName("checkout").environment(e -> e.variables(Map.of("RELEASE", "2"))));
        lambda.publishVersion(r -> r.functionName("checkout"));
        lambda.createAlias(r -> r.functionName("checkout").name("live").functionVersion("1"));
    }

    /**
     * A Lambda appspec shifting {@link #checkout}'s alias live from version 1 to 2, with the given
     * BeforeAllowTraffic and AfterAllowTraffic hook functions (null: none).
     */
    public static String appSpec(String before, String after) {
        return "version: 0.0\nResources:\n  - myFunction:\n      Type: AWS::Lambda::Function\n      Properties:\n"
                + "        Name: \"checkout\"\n        Alias: \"live\"\n        CurrentVersion: \"1\"\n        TargetVersion: \"2\"\n"
                + "Hooks:\n" + (before == null ? "" : "  - BeforeAllowTraffic: \"" + before + "\"\n")
                + (after == null ? "" : "  - AfterAllowTraffic: \"" + after + "\"\n");
    }

    /**
     * Activates {@code AWS::Hooks::LambdaHook} as {@code alias} and configures it to check every
     * resource with {@code function} (a function of account 000000000000), failing the operation
     * when the hook fails.
     */
    public static void resourceHook(software.amazon.awssdk.services.cloudformation.CloudFormationClient cfn, String alias,
                                    String function) {
        cfn.activateType(r -> r.type("HOOK").typeName("AWS::Hooks::LambdaHook").typeNameAlias(alias)
                .executionRoleArn("arn:aws:iam::000000000000:role/h"));
        cfn.setTypeConfiguration(r -> r.type("HOOK").typeName(alias).configuration("""
                {"CloudFormationConfiguration": {"HookConfiguration": {"HookInvocationStatus": "ENABLED",
                 "TargetOperations": ["RESOURCE"], "FailureMode": "FAIL",
                 "Properties": {"LambdaFunction": "arn:aws:lambda:us-east-1:000000000000:function:%s"}}}}"""
                .formatted(function)));
    }

    /** Node.js runs the functions these tests create: under CI=true its absence fails, elsewhere it skips. */
    static void requireNode() throws Exception {
        require("node");
    }

    /** As {@link #requireNode} for python3. */
    public static void requirePython() throws Exception {
        require("python3");
    }

    private static void require(String interpreter) throws Exception {
        boolean found;
        try {
            found = new ProcessBuilder(interpreter, "--version").start().waitFor() == 0;
        } catch (java.io.IOException e) {
            found = false;
        }
        if ("true".equals(System.getenv("CI"))) {
            assertThat(found).as(interpreter + " is installed").isTrue();
        }
        Assumptions.assumeTrue(found, interpreter + " is not installed");
    }
}
