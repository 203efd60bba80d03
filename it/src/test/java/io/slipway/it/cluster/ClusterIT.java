package io.slipway.it.cluster;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link Cluster} fixture itself: the team configuration's proxy spreads requests over every
 * node, a node killed with SIGKILL is skipped (clients see no failure), and a restarted node joins
 * again under a new id, where its peers see it.
 */
class ClusterIT {
    private static final Pattern SERVED_BY = Pattern.compile("\"node\":\\{\"id\":\"([^\"]+)\"");

    @Test
    void theProxySpreadsRequestsSkipsAKilledNodeAndFindsItRestarted() throws Exception {
        try (Cluster cluster = Cluster.start(3); HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertThat(Files.readString(HaProxy.TEMPLATE)).contains("balance roundrobin");
            assertThat(servedBy(http, cluster, 6)).as("round robin reaches every node")
                    .isEqualTo(ids(cluster.nodes()));

            CodeDeployClient cd = cluster.client(CodeDeployClient.builder());
            ClusterNode killed = cluster.nodes().get(1);
            cluster.kill(killed);
            for (int i = 0; i < 12; i++) { // a dead node's turns go to the others
                String name = "app-" + i;
                cd.createApplication(r -> r.applicationName(name));
                assertThat(cd.getApplication(r -> r.applicationName(name)).application().applicationName()).isEqualTo(name);
            }
            Cluster.await("the proxy skips " + killed.name(), () -> servedBy(http, cluster, 6),
                    ids -> ids.equals(ids(cluster.live())));

            ClusterNode again = cluster.restart(killed);
            assertThat(again.id()).isNotEqualTo(killed.id());
            Cluster.await("the proxy sends to the restarted node again", () -> servedBy(http, cluster, 9),
                    ids -> ids.equals(ids(cluster.nodes())));
            assertThat(cd.listApplications().applications()).hasSize(12);
        }
    }

    private static Set<String> ids(List<ClusterNode> nodes) {
        Set<String> ids = new HashSet<>();
        nodes.forEach(n -> ids.add(n.id()));
        return ids;
    }

    /** The ids of the nodes that answered {@code requests} health checks sent through the proxy. */
    private static Set<String> servedBy(HttpClient http, Cluster cluster, int requests) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(cluster.endpoint() + "/_slipway/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = SERVED_BY.matcher(body);
                assertThat(m.find()).as(body).isTrue();
                ids.add(m.group(1));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return ids;
    }
}
