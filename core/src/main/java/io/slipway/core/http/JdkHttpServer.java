package io.slipway.core.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves an {@link HttpHandler} with the JDK's built-in HTTP server on virtual threads: no jars,
 * a fast start, and enough throughput for a local control plane (see ARCHITECTURE.md).
 */
public final class JdkHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private JdkHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds host:port (port 0 picks a free one) and starts serving; every body is read whole. */
    public static JdkHttpServer start(String host, int port, HttpHandler handler, BodyLimit limit)
            throws IOException {
        return start(host, port, handler, limit, StreamingRequests.NEVER);
    }

    /**
     * Binds host:port (port 0 picks a free one) and starts serving. Requests {@code streaming}
     * picks reach the handler with their body unread ({@link HttpRequest#bodyStream()}) and are not
     * held to {@code limit}.
     */
    public static JdkHttpServer start(String host, int port, HttpHandler handler, BodyLimit limit,
                                      StreamingRequests streaming) throws IOException {
        // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs hold small responses back for
        // up to 40 ms on keep-alive connections.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, handler, limit, streaming));
        server.start();
        return new JdkHttpServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /*
     * Expect: 100-continue needs nothing here: the JDK server sends the interim 100 itself, before
     * any handler runs, so a client waiting for it starts sending before anyone reads the body.
     * (The price: an over-limit body cannot be refused before it is sent.)
     */
    private static void serve(HttpExchange exchange, HttpHandler handler, BodyLimit limit,
                              StreamingRequests streaming) throws IOException {
        // The exchange is closed only after a complete answer. On any failure it stays open and the
        // exception reaches the JDK server, which then drops the connection: closing would end a
        // chunked body with its last-chunk marker and make a truncated body look complete.
        Map<String, String> headers = new HashMap<>(16);
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().getFirst());
        }
        String method = exchange.getRequestMethod();
        URIParts uri = URIParts.of(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
        HttpResponse response;
        if (streaming.streams(method, uri.path(), uri.query(), headers)) {
            response = handler.handle(HttpRequest.streamed(method, uri.path(), uri.query(), headers,
                    exchange.getRequestBody()));
        } else {
            byte[] body = readBody(exchange.getRequestBody(), headers.get("content-length"), limit.maxBytes());
            HttpRequest request = new HttpRequest(method, uri.path(), uri.query(), headers,
                    body == null ? new byte[0] : body);
            response = body == null ? limit.tooLarge().handle(request) : handler.handle(request);
        }
        ResponseWriting.send(exchange, "HEAD".equals(method), response);
        exchange.close();
    }

    /** The whole body, or null when it is larger than the limit. */
    private static byte[] readBody(InputStream in, String contentLength, long max) throws IOException {
        if (contentLength != null) {
            try {
                long length = Long.parseLong(contentLength.trim());
                if (length > max) {
                    in.transferTo(OutputStream.nullOutputStream());
                    return null;
                }
                // the common case: one array of the announced size, no growing buffers
                byte[] body = new byte[(int) length];
                int read = in.readNBytes(body, 0, body.length);
                return read == body.length ? body : java.util.Arrays.copyOf(body, read);
            } catch (NumberFormatException e) {
                // the JDK server rejects malformed lengths before we get here; read what arrives
            }
        }
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (body.length > max) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return body;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private record URIParts(String path, String query) {
        static URIParts of(String path, String query) {
            return new URIParts(path == null || path.isEmpty() ? "/" : path, query);
        }
    }

    /** The largest body accepted, and who answers a larger one (the answer depends on the protocol). */
    public record BodyLimit(long maxBytes, HttpHandler tooLarge) {
    }
}
