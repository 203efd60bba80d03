package io.slipway.it;

import io.slipway.app.Slipway;
import io.slipway.app.SlipwayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationAlreadyExistsException;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two Slipway nodes sharing one PostgreSQL store, as a team would run them: what one writes the
 * other reads. Each run uses a schema of its own. Without PostgreSQL this skips, except under CI=true.
 */
class PostgresIT {
    private static final String URL = System.getenv().getOrDefault("SLIPWAY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("SLIPWAY_TEST_PG_USER", "postgres");
    private static final String SCHEMA = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void schema() {
        try (Connection c = DriverManager.getConnection(URL, USER, System.getenv("SLIPWAY_TEST_PG_PASSWORD"))) {
            c.createStatement().execute("create schema " + SCHEMA);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is required under CI=true: " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL is not reachable: " + e.getMessage());
        }
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, System.getenv("SLIPWAY_TEST_PG_PASSWORD"))) {
            c.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    private static CodeDeployClient client(Slipway node) {
        return CodeDeployClient.builder().endpointOverride(URI.create(node.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void twoNodesShareOneStore() {
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort()
                .withDatabase(URL + "?currentSchema=" + SCHEMA, USER, System.getenv("SLIPWAY_TEST_PG_PASSWORD"));
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
