package io.slipway.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.slipway.core.pki.KeyAndCertificate;
import io.slipway.core.pki.SignedContent;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the server side of the CodeDeploy command service (and S3 GetObject) on a loopback port,
 * as AWS's protocol describes it: queued host commands, deployment specifications, acknowledgements
 * and the completions the agent reports. A test double of AWS's wire protocol, not of Slipway.
 */
public final class FakeCommandService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Signs specifications as the server does (PKCS7/JSON). */
    private static final KeyAndCertificate SIGNER = KeyAndCertificate.selfSigned("fake command service",
            List.of(), Duration.ofDays(1));
    /** How long an empty PollHostCommand waits, as the real service's long poll does (shortened). */
    private static final Duration LONG_POLL = Duration.ofMillis(100);

    /** One request as the service saw it. */
    public record Call(String method, String path, String target, Map<String, String> headers, JsonNode body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), "");
        }
    }

    /** A PutHostCommandComplete, with its diagnostics payload parsed. */
    public record Completion(String hostCommandIdentifier, String commandStatus, JsonNode diagnostics) {
        public int errorCode() {
            return diagnostics.path("error_code").asInt(-1);
        }

        public String message() {
            return diagnostics.path("message").asText();
        }

        public String log() {
            return diagnostics.path("log").asText();
        }

        public String scriptName() {
            return diagnostics.path("script_name").asText();
        }
    }

    private final HttpServer server;
    private final Map<String, BlockingQueue<ObjectNode>> commands = new ConcurrentHashMap<>();
    private final Map<String, String> specifications = new ConcurrentHashMap<>();
    private final Map<String, String> acknowledgements = new ConcurrentHashMap<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> noopAcknowledgements = new LinkedBlockingQueue<>();
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();

    private FakeCommandService(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeCommandService start() throws IOException {
        return new FakeCommandService(0);
    }

    /** On a given port, for an agent that was started before its service. */
    public static FakeCommandService start(int port) throws IOException {
        return new FakeCommandService(port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void enqueue(String hostIdentifier, String hostCommandIdentifier, String deploymentExecutionId, String commandName) {
        ObjectNode command = JSON.createObjectNode().put("HostCommandIdentifier", hostCommandIdentifier)
                .put("HostIdentifier", hostIdentifier).put("DeploymentExecutionId", deploymentExecutionId).put("CommandName", commandName);
        commands.computeIfAbsent(hostIdentifier, h -> new LinkedBlockingQueue<>()).add(command);
    }

    public void specification(String deploymentExecutionId, String payload) {
        specifications.put(deploymentExecutionId, payload);
    }

    /** What PutHostCommandAcknowledgement answers for a command (InProgress unless said). */
    public void acknowledgeAs(String hostCommandIdentifier, String status) {
        acknowledgements.put(hostCommandIdentifier, status);
    }

    public void putObject(String bucket, String key, byte[] content) {
        objects.put(bucket + "/" + key, content);
    }

    /** The next {@code count} requests fail with a ServerException (HTTP 500). */
    public void failNextRequests(int count) {
        failures.set(count);
    }

    /** The next completion reported, waiting up to 20 s for it. */
    public Completion nextCompletion() throws InterruptedException {
        Completion completion = completions.poll(20, TimeUnit.SECONDS);
        if (completion == null) {
            throw new AssertionError("No PutHostCommandComplete within 20 s");
        }
        return completion;
    }

    /** The IsCommandNoop of the next acknowledgement, waiting up to 20 s for it. */
    public boolean nextAcknowledgementNoop() throws InterruptedException {
        Boolean noop = noopAcknowledgements.poll(20, TimeUnit.SECONDS);
        if (noop == null) {
            throw new AssertionError("No PutHostCommandAcknowledgement within 20 s");
        }
        return noop;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String operation) {
        return calls().stream().filter(c -> c.target().endsWith("." + operation)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            String target = headers.getOrDefault("x-amz-target", "");
            JsonNode input = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            synchronized (this) {
                calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), target, headers, input));
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, 500, "application/x-amz-json-1.1", error("ServerException", "injected failure"));
                return;
            }
            if (exchange.getRequestMethod().equals("GET")) {
                getObject(exchange);
                return;
            }
            String operation = target.substring(target.indexOf('.') + 1);
            ObjectNode output = JSON.createObjectNode();
            switch (operation) {
                case "PollHostCommand" -> {
                    BlockingQueue<ObjectNode> queue = commands.computeIfAbsent(input.path("HostIdentifier").asText(), h -> new LinkedBlockingQueue<>());
                    ObjectNode command = queue.poll(LONG_POLL.toMillis(), TimeUnit.MILLISECONDS);
                    if (command != null) {
                        output.set("HostCommand", command);
                    }
                }
                case "GetDeploymentSpecification" -> {
                    String payload = specifications.get(input.path("DeploymentExecutionId").asText());
                    if (payload == null) {
                        send(exchange, 400, "application/x-amz-json-1.1", error("ClientException", "no such execution"));
                        return;
                    }
                    output.put("DeploymentSystem", "CodeDeploy");
                    output.putObject("DeploymentSpecification").putObject("GenericEnvelope").put("Format", "PKCS7/JSON")
                            .put("Payload", SignedContent.pem(SIGNER, payload.getBytes(StandardCharsets.UTF_8)));
                }
                case "PutHostCommandAcknowledgement" -> {
                    noopAcknowledgements.add(JSON.readTree(input.path("Diagnostics").path("Payload").asText()).path("IsCommandNoop").asBoolean());
                    output.put("CommandStatus", acknowledgements.getOrDefault(input.path("HostCommandIdentifier").asText(), "InProgress"));
                }
                case "PutHostCommandComplete" -> completions.add(new Completion(input.path("HostCommandIdentifier").asText(),
                        input.path("CommandStatus").asText(), JSON.readTree(input.path("Diagnostics").path("Payload").asText())));
                default -> {
                    send(exchange, 400, "application/x-amz-json-1.1", error("UnknownOperationException", operation));
                    return;
                }
            }
            send(exchange, 200, "application/x-amz-json-1.1", output.toString().getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void getObject(HttpExchange exchange) throws IOException {
        String path = URI.create(exchange.getRequestURI().getRawPath()).getPath().substring(1);
        byte[] object = objects.get(path);
        if (object == null) {
            send(exchange, 404, "application/xml", "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "application/octet-stream", object);
    }

    private static byte[] error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("message", message).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
