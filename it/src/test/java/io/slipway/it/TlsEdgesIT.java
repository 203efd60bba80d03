package io.slipway.it;

import io.slipway.app.SlipwayConfig;
import io.slipway.core.http.HttpLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a port serving TLS beside HTTP does with clients that misbehave before they are either: a
 * silent one is dropped at the idle timeout, as over plain HTTP, a handshake begun and not finished
 * within the head timeout (both set short here), and the server goes on serving both.
 */
class TlsEdgesIT {
    private static final Duration SHORT = Duration.ofMillis(400);
    private static final Duration IDLE = Duration.ofMillis(800);
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c
            .withHttp(new HttpLimits(1 << 20, IDLE, SHORT, SHORT, 16 * 1024, 100))
            .withTls(new SlipwayConfig.Tls.SelfSigned(List.of())));

    private static Socket connect() throws IOException {
        return RawHttp.connect(slipway.endpoint());
    }

    /** Reads until the server closes, discarding what comes (a TLS alert, say); how long that took. */
    private static Duration untilClosed(Socket socket, long start) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // an alert record, or nothing
            }
        } catch (SocketException e) {
            // reset by the server: closed too
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A real ClientHello, as the first flight of a TLS client. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
        assertThat(result.getStatus()).isEqualTo(SSLEngineResult.Status.OK);
        return Arrays.copyOf(out.array(), out.position());
    }

    @AfterEach
    void bothProtocolsStillServe() throws IOException {
        assertThat(RawHttp.get(slipway.endpoint() + "/_slipway/health").statusCode()).isEqualTo(200);
        try (var socket = TrustedPem.connect(slipway.httpsEndpoint(), slipway.tlsCertificate())) {
            socket.getOutputStream().write("GET /_slipway/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(socket, false).status()).isEqualTo(200);
        }
    }

    @Test
    void aHandshakeByteFollowedByGarbageIsDropped() throws IOException {
        byte[] garbage = new byte[300];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0x16;
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(garbage);
            out.flush();
            assertThat(untilClosed(socket, start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void halfAClientHelloThenSilenceIsDroppedAtTheHeadTimeout() throws Exception {
        byte[] hello = clientHello();
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            socket.getOutputStream().write(hello, 0, hello.length / 2);
            socket.getOutputStream().flush();
            assertThat(untilClosed(socket, start)).isBetween(SHORT.minusMillis(100), Duration.ofSeconds(3));
        }
    }

    @Test
    void aClientHelloDrippedFasterThanTheReadTimeoutIsStillDroppedAtTheHeadTimeout() throws Exception {
        byte[] hello = clientHello();
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            // a byte every 100 ms (the wait for the server's answer paces it): each read the server makes
            // gets something well within its timeout, yet the handshake as a whole must end in time
            socket.setSoTimeout(100);
            boolean closed = false;
            for (int i = 0; i < hello.length - 1 && !closed; i++) {
                try {
                    socket.getOutputStream().write(hello[i]);
                    socket.getOutputStream().flush();
                    closed = socket.getInputStream().read() < 0;
                } catch (SocketTimeoutException e) {
                    // still open
                } catch (SocketException e) {
                    closed = true;
                }
            }
            assertThat(closed).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(SHORT.minusMillis(100), Duration.ofSeconds(3));
        }
    }

    /** As over plain HTTP, a new connection may sit idle for the idle timeout before it says anything. */
    @Test
    void aClientThatSaysNothingIsDroppedAtTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            assertThat(untilClosed(socket, System.nanoTime())).isBetween(IDLE.minusMillis(100), Duration.ofSeconds(3));
        }
    }

    @Test
    void aPlainRequestWhoseFirstByteArrivesAloneIsServed() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write('G');
            out.flush();
            socket.setSoTimeout(150);
            try {
                assertThat(socket.getInputStream().read()).as("an answer before the request was whole").isNotEqualTo(-1);
                throw new AssertionError("the server answered a request that was not whole");
            } catch (SocketTimeoutException e) {
                // the server holds the byte and waits for the rest
            }
            socket.setSoTimeout(5_000);
            out.write("ET /_slipway/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            RawHttp.Reply reply = RawHttp.read(socket, false);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).contains("\"tls\":true");
        }
    }

    @Test
    void overTlsAnIdleConnectionClosesAndAStalledHeadIsARequestTimeoutAsOverPlainHttp() throws IOException {
        try (var socket = TrustedPem.connect(slipway.httpsEndpoint(), slipway.tlsCertificate())) {
            socket.getOutputStream().write("GET /_slipway/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(socket, false).status()).isEqualTo(200);
            assertThat(untilClosed(socket, System.nanoTime())).isBetween(IDLE.minusMillis(150), Duration.ofSeconds(3));
        }
        try (var socket = TrustedPem.connect(slipway.httpsEndpoint(), slipway.tlsCertificate())) {
            socket.getOutputStream().write("GET /some-bucket HTTP/1.1\r\nHost: localhost\r\nX-Amz-Date: 2026"
                    .getBytes(StandardCharsets.US_ASCII));
            RawHttp.Reply reply = RawHttp.read(socket);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("<Code>RequestTimeout</Code>");
            assertThat(reply.closed()).isTrue();
        }
    }
}
