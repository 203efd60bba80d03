package io.slipway.it;

import io.slipway.app.Slipway;
import io.slipway.app.SlipwayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.MinimumHealthyHostsType;
import software.amazon.awssdk.services.codedeploy.model.Tag;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every acknowledged write survives a restart of a server on the embedded file store. This failed
 * (the store reopened empty) while H2 ran with RETENTION_TIME=0; see engine/README.md.
 */
class RestartIT {

    private static CodeDeployClient client(Slipway slipway) {
        return CodeDeployClient.builder().endpointOverride(URI.create(slipway.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void resourcesSurviveARestart(@TempDir Path dataDir) {
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort().withDataDir(dataDir);
        String appId;
        try (Slipway first = Slipway.start(config)) {
            CodeDeployClient cd = client(first);
            appId = cd.createApplication(r -> r.applicationName("durable")
                    .tags(Tag.builder().key("k").value("v").build())).applicationId();
            cd.createDeploymentConfig(r -> r.deploymentConfigName("durable-config")
                    .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(1)));
            cd.createDeploymentGroup(r -> r.applicationName("durable").deploymentGroupName("dg")
                    .deploymentConfigName("durable-config").serviceRoleArn("arn:aws:iam::000000000000:role/cd"));
        }
        try (Slipway second = Slipway.start(config)) {
            CodeDeployClient cd = client(second);
            assertThat(cd.getApplication(r -> r.applicationName("durable")).application().applicationId()).isEqualTo(appId);
            assertThat(cd.getDeploymentGroup(r -> r.applicationName("durable").deploymentGroupName("dg"))
                    .deploymentGroupInfo().deploymentConfigName()).isEqualTo("durable-config");
            assertThat(cd.listTagsForResource(r -> r.resourceArn(
                    "arn:aws:codedeploy:us-east-1:000000000000:application:durable")).tags())
                    .containsExactly(Tag.builder().key("k").value("v").build());
        }
    }
}
