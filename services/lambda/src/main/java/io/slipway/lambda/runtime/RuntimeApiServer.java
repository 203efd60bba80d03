package io.slipway.lambda.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Lambda Runtime API of one execution environment, on a loopback port of its own: the runtime
 * process long-polls {@code /next} for its event and posts the answer back. One invocation at a time.
 * Futures are completed before the runtime gets its HTTP answer, so a runtime that posts and then
 * exits is always seen to have posted first.
 */
final class RuntimeApiServer implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime";
    private static final String INVOCATION = BASE + "/invocation/";
    /** Lambda's limit for a synchronous response. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CompletableFuture<RuntimeReply> init = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition dispatched = lock.newCondition();
    private PendingInvocation queued;  // handed to us, not yet taken by /next
    private PendingInvocation current; // taken by /next, not yet answered
    private String exitStatus;         // set once the process is gone

    private RuntimeApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static RuntimeApiServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        RuntimeApiServer api = new RuntimeApiServer(server, executor);
        server.setExecutor(executor);
        server.createContext(BASE + "/", api::handle);
        server.start();
        return api;
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes with {@link RuntimeReply.Ready}, the init error, or the process's exit. */
    CompletableFuture<RuntimeReply> initialized() {
        return init;
    }

    /** Hands an event to the runtime's next (or pending) {@code /next} call. */
    void dispatch(PendingInvocation invocation) {
        lock.lock();
        try {
            if (exitStatus != null) {
                invocation.reply().complete(new RuntimeReply.Exited(exitStatus));
                return;
            }
            if (queued != null || current != null) {
                throw new IllegalStateException("environment is busy with another invocation");
            }
            queued = invocation;
            dispatched.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The process ended: whatever waited on it learns so now. */
    void processExited(String status) {
        lock.lock();
        try {
            if (exitStatus != null) {
                return;
            }
            exitStatus = status;
            RuntimeReply exited = new RuntimeReply.Exited(status);
            init.complete(exited);
            for (PendingInvocation p : new PendingInvocation[]{queued, current}) {
                if (p != null) {
                    p.reply().complete(exited);
                }
            }
            queued = null;
            current = null;
            dispatched.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        processExited("closed");
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals(INVOCATION + "next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals(BASE + "/init/error")) {
                initError(exchange);
            } else if (method.equals("POST") && path.startsWith(INVOCATION) && path.endsWith("/response")) {
                answer(exchange, path.substring(INVOCATION.length(), path.length() - "/response".length()), false);
            } else if (method.equals("POST") && path.startsWith(INVOCATION) && path.endsWith("/error")) {
                answer(exchange, path.substring(INVOCATION.length(), path.length() - "/error".length()), true);
            } else {
                send(exchange, 404, Json.error("NotFound", "no such Runtime API resource: " + method + " " + path));
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        init.complete(new RuntimeReply.Ready());
        PendingInvocation invocation;
        lock.lock();
        try {
            while (queued == null && exitStatus == null) {
                dispatched.await();
            }
            invocation = queued;
            queued = null;
            current = invocation;
        } catch (InterruptedException e) {
            return; // closing
        } finally {
            lock.unlock();
        }
        if (invocation == null) {
            send(exchange, 500, Json.error("Runtime.Closed", "the execution environment is shutting down"));
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn());
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        send(exchange, 200, invocation.event());
    }

    private void answer(HttpExchange exchange, String requestId, boolean error) throws IOException {
        byte[] body = readBounded(exchange.getRequestBody());
        PendingInvocation invocation;
        lock.lock();
        try {
            invocation = current;
            if (invocation == null || !invocation.requestId().equals(requestId)) {
                invocation = null;
            } else {
                current = null;
            }
        } finally {
            lock.unlock();
        }
        if (invocation == null) {
            send(exchange, 400, Json.error("InvalidRequestID", "no invocation " + requestId + " is waiting for an answer"));
            return;
        }
        if (body.length > MAX_RESPONSE_BYTES) {
            invocation.reply().complete(new RuntimeReply.Error(Json.error("Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).")));
            send(exchange, 413, Json.error("RequestEntityTooLarge", "response over " + MAX_RESPONSE_BYTES + " bytes"));
            return;
        }
        if (error) {
            invocation.reply().complete(new RuntimeReply.Error(errorDocument(exchange, body)));
        } else {
            invocation.reply().complete(new RuntimeReply.Response(body));
        }
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    private void initError(HttpExchange exchange) throws IOException {
        byte[] body = errorDocument(exchange, readBounded(exchange.getRequestBody()));
        if (!init.complete(new RuntimeReply.Error(body))) {
            send(exchange, 403, Json.error("InvalidStateTransition", "init is already over"));
            return;
        }
        send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** The runtime's document, or one made from its error-type header when it sent no body. */
    private static byte[] errorDocument(HttpExchange exchange, byte[] body) {
        if (body.length > 0 && body.length <= MAX_RESPONSE_BYTES) {
            return body;
        }
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return Json.error(type == null || type.isBlank() ? "Runtime.Unknown" : type, "Unknown application error occurred");
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes(MAX_RESPONSE_BYTES + 1);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
