package io.slipway.core.http;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slipway's HTTP/1.1 server: blocking sockets, one virtual thread per connection, no jars. It
 * serves an {@link HttpHandler} and answers what it cannot read itself, in the protocol the
 * request was meant for ({@link Refusals}), within the {@link HttpLimits} of time and size. Given
 * a TLS context, it serves HTTPS and plain HTTP on the same port ({@link TlsHandshakes}).
 */
public final class HttpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Null without TLS: then a connection goes straight to HTTP, as if TLS did not exist. */
    private final TlsHandshakes tls;
    private volatile boolean closing;

    private HttpServer(ServerSocket listener, HttpHandler handler, Refusals refusals, StreamingRequests streaming,
                       HttpLimits limits, Optional<SSLContext> tls) {
        this.listener = listener;
        this.tls = tls.map(context -> new TlsHandshakes(context, limits)).orElse(null);
        this.acceptor = Thread.ofVirtual().name("slipway-http-accept").unstarted(
                () -> accept(handler, refusals, streaming, limits));
    }

    /**
     * Binds host:port (port 0 picks a free one) and starts serving. Requests {@code streaming}
     * picks reach the handler with their body unread ({@link HttpRequest#bodyStream()}) and are
     * not held to the body limit; every other body is read whole first.
     */
    public static HttpServer start(String host, int port, HttpHandler handler, Refusals refusals,
                                   StreamingRequests streaming, HttpLimits limits) throws IOException {
        return start(host, port, handler, refusals, streaming, limits, Optional.empty());
    }

    /** As {@link #start(String, int, HttpHandler, Refusals, StreamingRequests, HttpLimits)}, serving HTTPS too with {@code tls}. */
    public static HttpServer start(String host, int port, HttpHandler handler, Refusals refusals,
                                   StreamingRequests streaming, HttpLimits limits, Optional<SSLContext> tls)
            throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1024);
        HttpServer server = new HttpServer(listener, handler, refusals, streaming, limits, tls);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept(HttpHandler handler, Refusals refusals, StreamingRequests streaming, HttpLimits limits) {
        while (!closing) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                continue; // a connection that failed while being accepted
            }
            open.add(socket);
            Thread.ofVirtual().start(() -> {
                try {
                    if (tls == null) {
                        new HttpConnection(socket, -1, handler, refusals, streaming, limits).run();
                    } else {
                        tls.open(socket).ifPresent(opened -> new HttpConnection(opened.socket(), opened.firstByte(),
                                handler, refusals, streaming, limits).run());
                    }
                } finally {
                    open.remove(socket);
                }
            });
        }
    }

    /** Stops accepting and closes every connection, idle or busy. */
    @Override
    public void close() {
        closing = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (tls != null) {
            tls.close();
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
