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

    @Test
    void eachNodeShowsItsIdAndItsPeersInHealth() {
        SlipwayConfig config = schema.config();
        try (Slipway a = Slipway.start(config)) {
            String aId;
            try (Slipway b = Slipway.start(config)) {
                String health = RawHttp.get(a.endpoint() + "/_slipway/health").body();
                aId = nodeId(health);
                String bId = nodeId(RawHttp.get(b.endpoint() + "/_slipway/health").body());
                assertThat(aId).isNotEqualTo(bId);
                assertThat(health).contains("{\"id\":\"" + aId + "\",", "{\"id\":\"" + bId + "\",", "\"alive\":true")
                        .doesNotContain("\"alive\":false");
            }
            // a node that stops leaves: its peers no longer list it
            String health = RawHttp.get(a.endpoint() + "/_slipway/health").body();
            assertThat(health.split("\\{\"id\":")).hasSize(3); // the node, and itself as its only peer
            assertThat(health).contains("\"peers\":[{\"id\":\"" + aId + "\",");
        }
    }

    /**
     * A rolling upgrade: once a newer Slipway has migrated the store, an older node still answers
     * requests but takes no work, and its health says why with a 503 (so a load balancer drains it);
     * an older node started then does the same; the work waits for a node that knows the schema.
     */
    @Test
    void aNodeOlderThanTheSchemaServesButTakesNoWorkAndSaysWhy() throws Exception {
        PostgresSchema own = PostgresSchema.create();
        SlipwayConfig config = own.config().withNodeTimeout(java.time.Duration.ofSeconds(1)); // a heartbeat every 1/3 s
        try {
            try (Slipway a = Slipway.start(config)) {
                assertThat(RawHttp.get(a.endpoint() + "/_slipway/health").statusCode()).isEqualTo(200);
                own.sql("INSERT INTO slipway_schema_history (version, name, checksum, applied_at)"
                        + " VALUES (999, 'V999__from_a_newer_slipway.sql', 'x', 0)");
                java.net.http.HttpResponse<String> health = Eventually.await(() -> RawHttp.get(a.endpoint() + "/_slipway/health"),
                        r -> r.statusCode() == 503);
                assertThat(health.body()).contains("\"status\":\"not-taking-work\"", "V999__from_a_newer_slipway.sql",
                        "takes no work");

                var lambda = LambdaFixtures.client(a.endpoint(), "AKID");
                lambda.createFunction(r -> r.functionName("waiting").runtime("provided.al2023").handler("h")
                        .role("arn:aws:iam::000000000000:role/lambda").code(c -> c.zipFile(
                                software.amazon.awssdk.core.SdkBytes.fromByteArray(Zips.of(java.util.Map.of("bootstrap", "exit 0\n"))))));
                try (Slipway b = Slipway.start(config)) {
                    java.net.http.HttpResponse<String> older = RawHttp.get(b.endpoint() + "/_slipway/health");
                    assertThat(older.statusCode()).as("an older node starting on a newer schema").isEqualTo(503);
                    assertThat(older.body()).contains("V999__from_a_newer_slipway.sql");
                    Thread.sleep(2_000); // a while in which an up-to-date node would have activated it many times over
                    assertThat(own.count("SELECT COUNT(*) FROM work_item WHERE attempts > 0")).as("nobody took the work").isZero();
                    assertThat(lambda.getFunction(r -> r.functionName("waiting")).configuration().stateAsString())
                            .isEqualTo("Pending");
                }
            }
            own.sql("DELETE FROM slipway_schema_history WHERE version = 999"); // as if the newer Slipway were this one
            try (Slipway upToDate = Slipway.start(config)) {
                var lambda = LambdaFixtures.client(upToDate.endpoint(), "AKID");
                Eventually.await(() -> lambda.getFunction(r -> r.functionName("waiting")).configuration().stateAsString(),
                        "Active"::equals);
            }
        } finally {
            own.drop();
        }
    }

    private static String nodeId(String health) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"node\":\\{\"id\":\"([^\"]+)\"").matcher(health);
        assertThat(m.find()).as(health).isTrue();
        return m.group(1);
    }

    @Test
    void textPostgresCannotHoldIsRefusedAsBadInputOnEveryStore() {
        try (Slipway node = Slipway.start(schema.config())) {
            // U+0000: PostgreSQL refuses it in text, so Slipway refuses it in input, whatever the store
            assertThatThrownBy(() -> client(node).createApplication(r -> r.applicationName("a\u0000b")))
                    .isInstanceOfSatisfying(software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(400));
            var s3 = RawHttp.send("GET", node.endpoint() + "/bucket/a%00b", "", "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0");
            assertThat(s3.statusCode()).isEqualTo(400);
            assertThat(s3.body()).contains("<Code>InvalidURI</Code>");
        }
    }
}
