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

import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * An in-process Slipway on a random port for one test class, with real AWS SDK clients pointed at
 * it. Register with {@code @RegisterExtension static SlipwayServer slipway = new SlipwayServer();}.
 */
public final class SlipwayServer implements BeforeAllCallback, AfterAllCallback {
    private final UnaryOperator<SlipwayConfig> configure;
    private Slipway slipway;

    public SlipwayServer() {
        this(c -> c);
    }

    public SlipwayServer(UnaryOperator<SlipwayConfig> configure) {
        this.configure = configure;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        slipway = Slipway.start(configure.apply(SlipwayConfig.ephemeralOnFreePort()));
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

    public CloudFormationClient cloudFormation() {
        return CloudFormationClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
