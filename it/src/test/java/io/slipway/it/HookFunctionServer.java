package io.slipway.it;

import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hook functions as an HTTP target on loopback, the way a Lambda hook behaves: it receives
 * {@code {"DeploymentId", "LifecycleEventHookExecutionId"}} and reports back through the real SDK
 * with PutLifecycleEventHookExecutionStatus (before it answers, so that the engine's idle state
 * includes the report). Each function's answer is set per name: Succeeded, Failed, or none.
 */
public final class HookFunctionServer implements AutoCloseable {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");
    private final HttpServer server;
    private final Map<String, LifecycleEventStatus> answers = new ConcurrentHashMap<>();
    final List<String> received = new CopyOnWriteArrayList<>();

    public HookFunctionServer(Supplier<CodeDeployClient> client) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(name + " " + body);
            LifecycleEventStatus answer = answers.get(name);
            if (answer != null) {
                client.get().putLifecycleEventHookExecutionStatus(r -> r.deploymentId(field(body, "DeploymentId"))
                        .lifecycleEventHookExecutionId(field(body, "LifecycleEventHookExecutionId")).status(answer));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** What the function named {@code name} reports; none means it never reports. */
    public void answer(String name, LifecycleEventStatus status) {
        answers.put(name, status);
    }

    /** The {@code --function} entry that sends {@code name} here. */
    public String target(String name) {
        return name + "=http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** The LifecycleEventHookExecutionId function {@code name} was last called with for deployment {@code deploymentId}. */
    public Optional<String> executionId(String name, String deploymentId) {
        String executionId = null;
        for (String call : received) {
            if (call.startsWith(name + " ") && deploymentId.equals(field(call, "DeploymentId"))) {
                executionId = field(call, "LifecycleEventHookExecutionId");
            }
        }
        return Optional.ofNullable(executionId);
    }

    private static String field(String body, String name) {
        Matcher m = FIELD.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
