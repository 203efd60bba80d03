package io.slipway.it.cluster;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HAProxy (Debian's package) spreading requests round robin over Slipway nodes, run from the very
 * configuration the README gives a team ({@code docs/team/haproxy.cfg}): only its bind address and
 * its server lines are replaced by loopback ports of the test's own. Without haproxy the test is
 * skipped, except under CI=true, where that fails (scripts/services.sh installs it).
 */
final class HaProxy implements AutoCloseable {
    static final Path TEMPLATE = Path.of("..", "docs", "team", "haproxy.cfg").toAbsolutePath().normalize();

    private final Process process;
    private final int port;

    private HaProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static void require() {
        boolean found;
        try {
            found = new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            found = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if ("true".equals(System.getenv("CI"))) {
            assertThat(found).as("haproxy is installed (scripts/services.sh ensure_haproxy)").isTrue();
        }
        Assumptions.assumeTrue(found, "haproxy is not installed");
    }

    /** The team configuration with this proxy's port and one server line per node port. */
    static String config(String template, int port, List<Integer> nodePorts) {
        String servers = nodePorts.stream().map(p -> "    server node" + (nodePorts.indexOf(p) + 1) + " 127.0.0.1:" + p)
                .collect(Collectors.joining("\n"));
        String withoutServers = template.lines().filter(l -> !l.trim().startsWith("server "))
                .collect(Collectors.joining("\n"));
        assertThat(withoutServers).as("the template binds 127.0.0.1:4599").contains("bind 127.0.0.1:4599");
        return withoutServers.replace("bind 127.0.0.1:4599", "bind 127.0.0.1:" + port) + "\n" + servers + "\n";
    }

    static HaProxy start(int port, List<Integer> nodePorts, Path dir) throws IOException {
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, config(Files.readString(TEMPLATE), port, nodePorts));
        // -db: stay in the foreground, so that the test owns the process and its end
        Process p = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        HaProxy proxy = new HaProxy(p, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!proxy.accepting()) {
            assertThat(p.isAlive()).as("haproxy runs: see " + dir.resolve("haproxy.log")).isTrue();
            assertThat(System.nanoTime()).as("haproxy listens within 30 s").isLessThan(deadline);
            Cluster.pause(Duration.ofMillis(20));
        }
        return proxy;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
