package io.slipway.core.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * HTTPS beside plain HTTP on one port. A connection's first byte tells them apart: TLS opens with a
 * handshake record (content type 22), which no HTTP request line starts with. A TLS connection is
 * wrapped in server mode with that byte handed back to the TLS engine; any other goes on as plain
 * HTTP with the byte put back. As over plain HTTP, a new connection may wait the idle timeout for
 * its first byte; from that byte the whole handshake must arrive within the head timeout, as a
 * request head must: a client that goes silent, or drips a ClientHello a byte at a time, is closed
 * when the time is up, however often it sends something.
 */
final class TlsHandshakes implements AutoCloseable {
    private static final int HANDSHAKE_RECORD = 0x16;
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLSocketFactory factory;
    private final HttpLimits limits;
    /** Closes sockets whose handshake overran; one thread, since it only ever closes a socket. */
    private final ScheduledThreadPoolExecutor deadlines;

    /** A connection ready for HTTP: TLS, or plain with the first byte already read ({@code firstByte}, else -1). */
    record Opened(Socket socket, int firstByte) {
    }

    TlsHandshakes(SSLContext context, HttpLimits limits) {
        this.factory = context.getSocketFactory();
        this.limits = limits;
        this.deadlines = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("slipway-tls-deadlines").factory());
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * Reads the first byte and, for TLS, completes the handshake. Empty when the connection ended,
     * said nothing in time, or failed its handshake: it is closed then, and nothing is logged, since
     * a scanner or a client that does not trust the certificate is nothing the operator must act on.
     */
    Optional<Opened> open(Socket socket) {
        try {
            socket.setSoTimeout(limits.idleMillis());
            int first = socket.getInputStream().read();
            if (first < 0) {
                socket.close();
                return Optional.empty();
            }
            if (first != HANDSHAKE_RECORD) {
                return Optional.of(new Opened(socket, first));
            }
            long deadline = System.nanoTime() + limits.headTimeout().toNanos();
            socket.setSoTimeout(limits.headMillis());
            SSLSocket tls = (SSLSocket) factory.createSocket(socket,
                    new ByteArrayInputStream(new byte[] {(byte) first}), true);
            tls.setEnabledProtocols(PROTOCOLS);
            ScheduledFuture<?> overrun = deadlines.schedule(() -> closeQuietly(socket),
                    deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            try {
                tls.startHandshake();
            } finally {
                overrun.cancel(false);
            }
            if (socket.isClosed()) {
                return Optional.empty(); // the deadline closed it just as the handshake ended
            }
            return Optional.of(new Opened(tls, -1));
        } catch (IOException e) {
            closeQuietly(socket);
            return Optional.empty();
        } catch (RuntimeException e) {
            // a bug rather than a client's doing (JSSE reports bad input as SSLException): tell the operator
            System.err.println("TLS handshake failed: " + e);
            closeQuietly(socket);
            return Optional.empty();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
