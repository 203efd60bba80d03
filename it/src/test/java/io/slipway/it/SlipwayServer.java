package io.slipway.it;

import io.slipway.app.Slipway;
import io.slipway.app.SlipwayConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

import io.slipway.engine.clock.RealClock;
import io.slipway.engine.clock.SlipwayClock;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * An in-process Slipway on a random port for one test class, with real AWS SDK clients pointed at
 * it. Register with {@code @RegisterExtension static SlipwayServer slipway = new SlipwayServer();}.
 */
public final class SlipwayServer implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<SlipwayConfig> configure;
    private final SlipwayClock clock;
    private Slipway slipway;

    public SlipwayServer() {
        this(c -> c);
    }

    public SlipwayServer(UnaryOperator<SlipwayConfig> configure) {
        this(configure, new RealClock());
    }

    /** A server whose engine runs on the given clock (a ManualClock lets a test move time). */
    public SlipwayServer(UnaryOperator<SlipwayConfig> configure, SlipwayClock clock) {
        this.configure = configure;
        this.clock = clock;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        slipway = Slipway.start(configure.apply(SlipwayConfig.ephemeralOnFreePort()), clock);
    }

    /** Waits until the engine has nothing due or running: the deterministic way to let a deployment move. */
    public void awaitIdle() {
        try {
            if (!slipway.awaitIdle(Duration.ofSeconds(30))) {
                throw new AssertionError("Slipway's engine did not become idle within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        slipway.close();
    }

    public String endpoint() {
        return slipway.endpoint();
    }

    public CodeDeployClient codeDeploy() {
        return codeDeploy("AKIDEXAMPLE", "us-east-1");
    }

    public CodeDeployClient codeDeploy(String accessKeyId, String region) {
        return CodeDeployClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public CodePipelineClient codePipeline() {
        return codePipeline("AKIDEXAMPLE", "us-east-1");
    }

    public CodePipelineClient codePipeline(String accessKeyId, String region) {
        return CodePipelineClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public LambdaClient lambda() {
        return LambdaClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public CloudFormationClient cloudFormation() {
        return cloudFormation("AKIDEXAMPLE", "us-east-1");
    }

    public CloudFormationClient cloudFormation(String accessKeyId, String region) {
        return CloudFormationClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** An S3 client as users build one: path-style addressing, the default HTTP client and checksums. */
    public S3Client s3() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(ApacheHttpClient.create()).build();
    }
}
