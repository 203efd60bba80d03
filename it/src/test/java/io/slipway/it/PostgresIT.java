package io.slipway.it;

import io.slipway.app.Slipway;
import io.slipway.app.SlipwayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationAlreadyExistsException;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two Slipway nodes sharing one PostgreSQL store, as a team would run them: what one writes the
 * other reads. Each run uses a schema of its own. Without PostgreSQL this skips, except under CI=true.
 */
class PostgresIT {
    private static PostgresSchema schema;

    @BeforeAll
    static void schema() {
        schema = PostgresSchema.create();
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.drop();
        }
    }

    private static CodeDeployClient client(Slipway node) {
        return CodeDeployClient.builder().endpointOverride(URI.create(node.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void twoNodesShareOneStore() {
        SlipwayConfig config = schema.config();
        try (Slipway a = Slipway.start(config); Slipway b = Slipway.start(config)) {
            String id = client(a).createApplication(r -> r.applicationName("shared")).applicationId();
            assertThat(client(b).getApplication(r -> r.applicationName("shared")).application().applicationId()).isEqualTo(id);
            assertThatThrownBy(() -> client(b).createApplication(r -> r.applicationName("shared")))
                    .isInstanceOf(ApplicationAlreadyExistsException.class);
            client(b).createDeploymentGroup(r -> r.applicationName("shared").deploymentGroupName("g")
                    .serviceRoleArn("arn:aws:iam::000000000000:role/cd"));
            assertThat(client(a).listDeploymentGroups(r -> r.applicationName("shared")).deploymentGroups()).containsExactly("g");
        }
    }
}
