package io.slipway.it.cluster;

import io.slipway.it.PostgresSchema;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slipway as a team runs it, on one machine: a fresh PostgreSQL schema, N nodes in JVMs of their own
 * sharing it, and HAProxy in front of them ({@link HaProxy}). Clients talk to the proxy only, so
 * which node serves a request is the proxy's choice, as in production. A node can be killed with
 * SIGKILL and restarted; {@link #holders()} tells which nodes hold leases on work right now.
 * Everything listens on loopback; logs go to {@code target/cluster/<schema>/}.
 */
public final class Cluster implements AutoCloseable {
    /** Generous: a killed node's work moves after the node timeout (3 s) plus a heartbeat, on a busy machine. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    private final PostgresSchema schema;
    private final Path dir;
    private final List<String> options;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private final HaProxy proxy;

    private Cluster(PostgresSchema schema, Path dir, List<String> options, List<ClusterNode> started, HaProxy proxy) {
        this.schema = schema;
        this.dir = dir;
        this.options = options;
        this.nodes.addAll(started);
        this.proxy = proxy;
    }

    /** {@code size} nodes with the given extra server options (e.g. {@code --function NAME=TARGET}) behind a proxy. */
    public static Cluster start(int size, String... extraOptions) throws IOException, InterruptedException {
        HaProxy.require();
        PostgresSchema schema = PostgresSchema.create();
        Path dir = Path.of("target", "cluster", schema.name()).toAbsolutePath();
        Files.createDirectories(dir);
        int proxyPort = HaProxy.freePort();
        // a node silent for 3 s loses its work (not 9): the suite waits less for each takeover; functions,
        // callbacks and presigned links name the proxy, as a team's nodes name their load balancer
        List<String> options = new ArrayList<>(List.of("--database-url", schema.url(), "--database-user", schema.user(),
                "--no-access-log", "--node-timeout", "3", "--endpoint-url", "http://127.0.0.1:" + proxyPort));
        if (schema.password() != null) {
            options.addAll(List.of("--database-password", schema.password()));
        }
        options.addAll(List.of(extraOptions));
        List<ClusterNode> started = new ArrayList<>();
        try {
            for (int i = 1; i <= size; i++) { // one at a time: the first migrates the schema
                started.add(ClusterNode.start("node" + i, HaProxy.freePort(), options, dir));
            }
            HaProxy proxy = HaProxy.start(proxyPort, started.stream().map(ClusterNode::port).toList(), dir);
            System.out.println("cluster of " + size + " in schema " + schema.name() + ", logs in " + dir + ": "
                    + started.stream().map(n -> n.name() + "=" + n.id()).toList());
            return new Cluster(schema, dir, options, started, proxy);
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (ClusterNode n : started) {
                n.kill();
            }
            schema.drop();
            throw e;
        }
    }

    /** The proxy's URL: the one endpoint clients, agents and functions are given. */
    public String endpoint() {
        return proxy.endpoint();
    }

    public List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    public List<ClusterNode> live() {
        return nodes.stream().filter(ClusterNode::alive).toList();
    }

    public void kill(ClusterNode node) throws InterruptedException {
        System.out.println("SIGKILL " + node.name() + " (" + node.id() + ")");
        node.kill();
    }

    /** Starts a killed node again on its port, where the proxy finds it; it joins with a new id. */
    public ClusterNode restart(ClusterNode node) throws IOException, InterruptedException {
        assertThat(node.alive()).as(node.name() + " was stopped first").isFalse();
        ClusterNode again = ClusterNode.start(node.name(), node.port(), options, dir);
        nodes.set(nodes.indexOf(node), again);
        return again;
    }

    /** The live nodes that hold a lease on a work item now (work_item.lease_owner is a node's id). */
    public Set<ClusterNode> holders() {
        Set<String> owners = new LinkedHashSet<>();
        try (Connection c = schema.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT DISTINCT lease_owner FROM work_item WHERE lease_owner IS NOT NULL ORDER BY lease_owner")) {
            while (rs.next()) {
                owners.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        Set<ClusterNode> held = new LinkedHashSet<>();
        for (ClusterNode n : live()) {
            if (owners.contains(n.id())) {
                held.add(n);
            }
        }
        return held;
    }

    /**
     * The node holding work right now: the first that holds a lease within {@code within}; when the
     * work waits unleased (for a hook's report, a timer, a worker's poll), any live node, chosen by
     * {@code random}: whichever node it is, the survivors must carry on.
     */
    public ClusterNode holderOrAny(Duration within, Random random) {
        long deadline = System.nanoTime() + within.toNanos();
        do {
            Set<ClusterNode> held = holders();
            if (!held.isEmpty()) {
                ClusterNode holder = held.iterator().next();
                System.out.println(holder.name() + " holds a lease");
                return holder;
            }
            pause(Duration.ofMillis(10));
        } while (System.nanoTime() < deadline);
        List<ClusterNode> live = live();
        ClusterNode any = live.get(random.nextInt(live.size()));
        System.out.println("no lease held: " + any.name() + " chosen");
        return any;
    }

    /** Builds an SDK client for the proxy, with the patience a failover needs: ten attempts for a refused or cut request. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(10).build()))
                .build();
    }

    /**
     * Reads until the value is done, for at most {@link #PATIENCE}. A read that fails (a request cut
     * by a kill that outlasted the SDK's retries) counts as not done yet; the last failure is reported.
     */
    public static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T value = null;
        RuntimeException failure = null;
        while (System.nanoTime() < deadline) {
            try {
                value = read.get();
                failure = null;
                if (done.test(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            pause(Duration.ofMillis(50));
        }
        throw new AssertionError(what + " not reached within " + PATIENCE + "; last seen " + value, failure);
    }

    static void pause(Duration d) {
        LockSupport.parkNanos(d.toNanos());
    }

    public Optional<ClusterNode> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    @Override
    public void close() throws InterruptedException {
        proxy.close();
        for (ClusterNode n : nodes) {
            n.kill();
        }
        schema.drop();
    }
}
