package io.slipway.it.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Slipway node of a {@link Cluster}: {@code io.slipway.app.Main server} in a JVM of its own on
 * a fixed loopback port (so that a restarted node is where the proxy expects it), with a data
 * directory of its own, its output in a log file beside the proxy's. Its id is the one its work leases name.
 */
public record ClusterNode(String name, int port, Process process, String id, Path log) {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^ ]+)");
    private static final Pattern NODE_ID = Pattern.compile("\"node\":\\{\"id\":\"([^\"]+)\"");

    static ClusterNode start(String name, int port, List<String> options, Path dir) throws IOException, InterruptedException {
        // a data directory of its own, new at each start: nodes share nothing but the database, as on separate hosts
        Path data = Files.createTempDirectory(dir, name + "-data-");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.slipway.app.Main", "server", "--port",
                String.valueOf(port), "--data-dir", data.toString()));
        command.addAll(options);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Path log = dir.resolve(name + ".log");
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true);
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            out.println(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> { // keep its output, for a failure's post-mortem
                    in.lines().forEach(out::println);
                    out.close();
                });
                return new ClusterNode(name, port, p, id(m.group(1)), log);
            }
        }
        out.close();
        throw new IllegalStateException(name + " exited before listening (" + p.waitFor(5, TimeUnit.SECONDS)
                + "): see " + log);
    }

    private static String id(String endpoint) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String health = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/_slipway/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = NODE_ID.matcher(health);
            if (!m.find()) {
                throw new IllegalStateException("health names no node: " + health);
            }
            return m.group(1);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: Process.destroyForcibly on Linux. No shutdown hook runs, the node's row stays behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
