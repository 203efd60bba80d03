package io.slipway.app;

import io.slipway.core.admin.AdminEndpoint;
import io.slipway.engine.cluster.Nodes;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code GET /_slipway/health}: version, enabled services (by their AWS service ids), store,
 * uptime, the libraries Lambda's runtimes offer functions (or why they are missing), and whether
 * functions run sandboxed ({@code lambdaSandbox}: {@code bubblewrap <path>} or {@code off: <why>}), and
 * whether signatures are verified, whether the port serves HTTPS too ({@code tls}), and this node's id with every node sharing the store (their last
 * heartbeats, alive or not). Nothing in it belongs to an account; in verification mode a
 * caller who is not authenticated learns only that Slipway is up and verifies signatures.
 * A node that takes no work (a newer Slipway migrated the store) answers 503 with
 * {@code "status":"not-taking-work"} and the reason, so that load balancers checking it send
 * requests to the nodes that are up to date.
 */
record Health(List<String> services, String store, long startedNanos,
              Supplier<Map<String, String>> runtimeLibraries, Supplier<String> lambdaSandbox, boolean verifySignatures,
              boolean tls, Nodes nodes)
        implements AdminEndpoint {
    static final String PATH = "/_slipway/health";

    @Override
    public Optional<HttpResponse> anonymous() {
        Optional<String> notTakingWork = nodes.notTakingWork(); // read once: status code and body must agree
        return Optional.of(HttpResponse.of(statusCode(notTakingWork), "application/json",
                ("{" + status(notTakingWork) + ",\"signatureVerification\":true}").getBytes(StandardCharsets.UTF_8)));
    }

    private static int statusCode(Optional<String> notTakingWork) {
        return notTakingWork.isPresent() ? 503 : 200;
    }

    private static String status(Optional<String> notTakingWork) {
        return notTakingWork.map(why -> "\"status\":\"not-taking-work\",\"reason\":" + quote(why))
                .orElse("\"status\":\"ok\"");
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestContext context) {
        String names = services.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        Optional<String> notTakingWork = nodes.notTakingWork();
        String body = "{" + status(notTakingWork) + ",\"version\":\"" + Version.get() + "\",\"services\":[" + names
                + "],\"store\":\"" + store + "\",\"uptimeSeconds\":"
                + Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds()
                + ",\"lambdaRuntimeLibraries\":{" + new TreeMap<>(runtimeLibraries.get()).entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue())).collect(Collectors.joining(",")) + "},"
                + "\"lambdaSandbox\":" + quote(lambdaSandbox.get()) + ",\"signatureVerification\":" + verifySignatures
                + ",\"tls\":" + tls + ",\"node\":" + node() + "}";
        return HttpResponse.of(statusCode(notTakingWork), "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** This node's id and every node sharing the store, with its last heartbeat and whether it is alive. */
    private String node() {
        return "{\"id\":" + quote(nodes.id()) + ",\"timeoutSeconds\":" + nodes.timeout().toMillis() / 1000.0 + ",\"peers\":[" + nodes.all().stream().map(n -> "{\"id\":" + quote(n.id())
                + ",\"host\":" + quote(n.host()) + ",\"version\":" + quote(n.version()) + ",\"startedAt\":\""
                + n.startedAt() + "\",\"lastHeartbeat\":\"" + n.heartbeatAt() + "\",\"alive\":" + nodes.alive(n) + "}")
                .collect(Collectors.joining(",")) + "]}";
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
