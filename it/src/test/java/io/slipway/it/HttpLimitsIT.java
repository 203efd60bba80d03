package io.slipway.it;

import io.slipway.core.http.HttpLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transport's timeouts and caps, set small: idle keep-alive connections close, a head or body
 * that stalls is answered RequestTimeout in the request's protocol, and oversized header sections
 * are refused. Each wait is a few hundred milliseconds.
 */
class HttpLimitsIT {
    private static final Duration SHORT = Duration.ofMillis(400);
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withHttp(
            new HttpLimits(4096, SHORT, SHORT, SHORT, 1024, 12)));

    private static Socket connect() throws IOException {
        return RawHttp.connect(slipway.endpoint());
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            for (int i = 0; i < 2; i++) {
                send(socket, "GET /_slipway/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(RawHttp.read(socket, false).status()).as("request %d on one connection", i).isEqualTo(200);
            }
            long start = System.nanoTime();
            assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(SHORT.minusMillis(150), Duration.ofSeconds(3));
        }
    }

    @Test
    void aHeadThatStallsIsARequestTimeout() throws IOException {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            send(socket, "GET /some-bucket HTTP/1.1\r\nHost: localhost\r\nX-Amz-Date: 2026");
            RawHttp.Reply reply = RawHttp.read(socket);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT.minusMillis(50));
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("<Code>RequestTimeout</Code>").contains("<Message>Your socket connection to the "
                    + "server was not read from or written to within the timeout period. Idle connections will be closed.</Message>");
            assertThat(reply.closed()).isTrue();
        }
    }

    @Test
    void aStreamedUploadThatStallsIsARequestTimeoutAndStoresNothing() throws IOException {
        slipway.s3().createBucket(b -> b.bucket("stalled"));
        try (Socket socket = connect()) {
            send(socket, "PUT /stalled/key HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nonly some");
            RawHttp.Reply reply = RawHttp.read(socket);
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.body()).contains("<Code>RequestTimeout</Code>");
            assertThat(reply.closed()).isTrue();
        }
        assertThat(slipway.s3().listObjectsV2(b -> b.bucket("stalled")).contents()).isEmpty();
    }

    /** Sends a CodeDeploy ListApplications head (and the start of a body) and reads the one answer. */
    private static RawHttp.Reply listApplications(String lengthAndMore) throws IOException {
        try (Socket socket = connect()) {
            send(socket, "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: CodeDeploy_20141006.ListApplications\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\n" + lengthAndMore);
            return RawHttp.read(socket);
        }
    }

    @Test
    void aBufferedBodyThatStallsIsARequestTimeoutInItsProtocol() throws IOException {
        RawHttp.Reply reply = listApplications("Content-Length: 10\r\n\r\n{");
        assertThat(reply.status()).isEqualTo(408);
        assertThat(reply.body()).startsWith("{\"__type\":\"RequestTimeoutException\"");
        assertThat(reply.closed()).isTrue();
    }

    @Test
    void headerSectionsOverTheCapsAreRefused() {
        String bigHeader = "X-Amz-Meta-Big: " + "x".repeat(1100) + "\r\n";
        String manyHeaders = "X-Amz-Meta-N: 1\r\n".repeat(12);
        String longKey = "x".repeat(3000); // a request line that does not end within the cap: its path still tells S3's
        for (String[] request : new String[][] {{"key", bigHeader}, {"key", manyHeaders}, {longKey, ""}}) {
            RawHttp.Reply reply = RawHttp.raw(slipway.endpoint(), "GET /bucket/" + request[0]
                    + " HTTP/1.1\r\nHost: localhost\r\n" + request[1] + "\r\n");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("<Code>RequestHeaderSectionTooLarge</Code>")
                    .contains("<Message>Your request header section exceeds the maximum allowed size.</Message>");
            assertThat(reply.closed()).isTrue();
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeTheClientSendsIt() throws IOException {
        RawHttp.Reply reply = listApplications("Content-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
        assertThat(reply.status()).as("no 100 Continue first").isEqualTo(413);
        assertThat(reply.body()).startsWith("{\"__type\":\"RequestEntityTooLargeException\"");
        assertThat(reply.closed()).isTrue();
    }

    @Test
    void manyStalledUploadsAreEachAnsweredAndTheServerServesOn() throws IOException {
        // sixteen connections each announce 2 GiB for a streamed upload and send a byte: each is
        // answered RequestTimeout once its body stalls, and the server serves on
        slipway.s3().createBucket(b -> b.bucket("announced"));
        Socket[] sockets = new Socket[16];
        try {
            for (int i = 0; i < sockets.length; i++) {
                sockets[i] = connect();
                send(sockets[i], "PUT /announced/k" + i + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2147483648\r\n\r\nx");
            }
            for (Socket s : sockets) {
                InputStream in = s.getInputStream();
                assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 400");
            }
        } finally {
            for (Socket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
        assertThat(RawHttp.get(slipway.endpoint() + "/_slipway/health").statusCode()).isEqualTo(200);
    }
}
