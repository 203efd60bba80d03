package io.slipway.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpInvocationTest {

    private static final InvocationEnvironment ENV = new InvocationEnvironment(
            "arn:aws:lambda:eu-west-1:111122223333:function:my-hook:live", "http://127.0.0.1:4566", "eu-west-1",
            "111122223333");

    private final FunctionInvoker invoker = new FunctionInvoker(Duration.ofMinutes(1), Duration.ofMillis(300));
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private HttpTarget route(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return new HttpTarget(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void thePayloadAndTheCallersNamespaceArriveAndA2xxSucceeds() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        HttpTarget target = route("/hook", exchange -> {
            seen.put("method", exchange.getRequestMethod());
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            for (String h : new String[] {"Content-Type", "X-Slipway-Endpoint", "X-Slipway-Region",
                    "X-Slipway-Account", "X-Slipway-Function"}) {
                seen.put(h, String.valueOf(exchange.getRequestHeaders().getFirst(h)));
            }
            respond(exchange, 202, "{\"ok\":true}");
        });

        InvocationResult result = invoker.invoke(target, "{\"DeploymentId\":\"d-ABC\",\"note\":\"é\"}", ENV);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.detail()).startsWith("HTTP/1.1 202").contains("{\"ok\":true}");
        assertThat(result.took()).isPositive();
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of(
                "method", "POST",
                "body", "{\"DeploymentId\":\"d-ABC\",\"note\":\"é\"}",
                "Content-Type", "application/json",
                "X-Slipway-Endpoint", "http://127.0.0.1:4566",
                "X-Slipway-Region", "eu-west-1",
                "X-Slipway-Account", "111122223333",
                "X-Slipway-Function", "my-hook"));
    }

    @Test
    void aServerErrorIsAFailedResultWithTheBody() throws Exception {
        HttpTarget target = route("/hook", exchange -> respond(exchange, 500, "validation failed: 3 of 5 checks"));

        InvocationResult result = invoker.invoke(target, "{}", ENV);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.detail()).startsWith("HTTP/1.1 500").contains("validation failed: 3 of 5 checks");
    }

    @Test
    void aRedirectIsAnAnswerNotFollowed() throws Exception {
        AtomicInteger followed = new AtomicInteger();
        route("/elsewhere", exchange -> {
            followed.incrementAndGet();
            respond(exchange, 200, "");
        });
        HttpTarget target = route("/hook", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            respond(exchange, 307, "");
        });

        InvocationResult result = invoker.invoke(target, "{}", ENV);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.detail()).isEqualTo("HTTP/1.1 307");
        assertThat(followed).hasValue(0);
    }

    @Test
    void aRefusedConnectionIsAFailedResult() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpTarget target = new HttpTarget(URI.create("http://127.0.0.1:" + closedPort + "/hook"));

        InvocationResult result = invoker.invoke(target, "{}", ENV);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.detail()).startsWith("POST " + target.url() + " failed: connection refused");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpTarget target = route("/hook", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "too late");
        });
        try {
            InvocationResult result = invoker.invoke(target, "{}", ENV);

            assertThat(result.succeeded()).isFalse();
            assertThat(result.detail()).startsWith("POST " + target.url() + " failed: timed out");
        } finally {
            release.countDown();
        }
    }
}
