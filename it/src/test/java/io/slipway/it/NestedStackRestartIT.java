package io.slipway.it;

import io.slipway.it.DeploymentRestartIT.Child;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.slipway.it.DeploymentRestartIT.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parent waiting for its nested stack survives kill -9: after the restart it finds the child it
 * started (no second child), the child finishes, and the parent completes with the child's outputs.
 */
class NestedStackRestartIT {

    private static CloudFormationClient cfn(String endpoint) {
        return CloudFormationClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void aParentWaitingOnItsChildSurvivesKill9(@TempDir Path dataDir, @TempDir Path codeDir) throws Exception {
        Child first = Child.start(dataDir);
        String parentId;
        try {
            Files.write(codeDir.resolve("hook.zip"), Zips.of(Map.of("slow.py", DeploymentRestartIT.SLOW_HOOK)));
            AwsCli.Result created = AwsCli.at(first.endpoint(), "lambda", "create-function", "--function-name", "slow",
                    "--runtime", "python3.12", "--handler", "slow.handler", "--role", "arn:aws:iam::000000000000:role/l",
                    "--zip-file", "fileb://" + codeDir.resolve("hook.zip"));
            assertThat(created.exitCode()).as(created.stderr()).isZero();
            S3Client s3 = S3Client.builder().endpointOverride(URI.create(first.endpoint())).region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
            s3.createBucket(r -> r.bucket("restart-templates"));
            s3.putObject(r -> r.bucket("restart-templates").key("child.yaml"), RequestBody.fromString("""
                    Resources:
                      Data:
                        Type: AWS::S3::Bucket
                        Properties: {BucketName: nested-restart-data}
                    Outputs:
                      Bucket: {Value: !Ref Data}
                    """));
            CloudFormationClient cfn = cfn(first.endpoint());
            LambdaFixtures.resourceHook(cfn, "Slow::Hook::Check", "slow");
            parentId = cfn.createStack(r -> r.stackName("waiting").templateBody("""
                    Resources:
                      Child:
                        Type: AWS::CloudFormation::Stack
                        Properties: {TemplateURL: https://restart-templates.s3.amazonaws.com/child.yaml}
                    Outputs:
                      Bucket: {Value: !GetAtt Child.Outputs.Bucket}
                    """)).stackId();
            // the child exists and its bucket waits on the slow hook when the process dies
            eventually(() -> children(cfn, parentId).stream().anyMatch(c -> cfn.describeStackEvents(r -> r.stackName(c.stackId()))
                    .stackEvents().stream().anyMatch(e -> "Data".equals(e.logicalResourceId()))));
        } finally {
            first.process().destroyForcibly().waitFor();
        }
        Child second = Child.start(dataDir);
        try {
            CloudFormationClient cfn = cfn(second.endpoint());
            eventually(() -> cfn.describeStacks(r -> r.stackName(parentId)).stacks().getFirst().stackStatusAsString()
                    .equals("CREATE_COMPLETE"));
            assertThat(cfn.describeStacks(r -> r.stackName(parentId)).stacks().getFirst().outputs().getFirst().outputValue())
                    .isEqualTo("nested-restart-data");
            List<StackSummary> children = children(cfn, parentId);
            assertThat(children).hasSize(1);
            assertThat(children.getFirst().stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        } finally {
            second.process().destroyForcibly().waitFor();
        }
    }

    private static List<StackSummary> children(CloudFormationClient cfn, String parentId) {
        return cfn.listStacks(r -> { }).stackSummaries().stream().filter(s -> parentId.equals(s.parentId())).toList();
    }
}
