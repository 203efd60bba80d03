package io.slipway.core.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpServerStreamingTest {
    private static final long MB = 1024 * 1024;
    /** Plain-text refusals: the status, and the problem's name. */
    static final Refusals REFUSALS = new Refusals() {
        @Override
        public HttpResponse tooLarge(HttpRequest request, long maxBytes) {
            return HttpResponse.text(413, "text/plain", "too large");
        }

        @Override
        public HttpResponse malformed(HttpRequest request, HttpProblem problem, String message) {
            return HttpResponse.text(problem.status(), "text/plain", problem + " " + request.method() + " " + request.path());
        }
    };
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> decisions = new CopyOnWriteArrayList<>();
    private final CountDownLatch handlerHasRead = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void closeAll() {
        stop();
        client.close();
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Streams PUTs under /bucket/; answers with the byte count and CRC32 it read. */
    private void start(HttpHandler otherwise) throws IOException {
        stop();
        HttpHandler handler = r -> {
            if (!r.isStreamed()) {
                return otherwise.handle(r);
            }
            assertThat(r.body()).isEmpty();
            CRC32 crc = new CRC32();
            long total = 0;
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = r.bodyStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    crc.update(buf, 0, n);
                    total += n;
                    handlerHasRead.countDown();
                }
            } catch (IOException e) {
                return HttpResponse.text(400, "text/plain", "IncompleteBody");
            }
            return HttpResponse.text(200, "text/plain", total + " " + Long.toHexString(crc.getValue()));
        };
        server = HttpServer.start("127.0.0.1", 0, handler, REFUSALS,
                (method, path, query, headers) -> {
                    decisions.add(method + " " + path + " " + query + " " + headers.get("x-amz-meta-a"));
                    return method.equals("PUT") && path.startsWith("/bucket/");
                }, HttpLimits.defaults(MB));
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @Test
    void aStreamedBodyReachesTheHandlerWhileStillArrivingAndIgnoresTheBodyLimit() throws Exception {
        start(r -> HttpResponse.text(200, "text/plain", "buffered " + r.body().length));
        long size = 64 * MB;
        CRC32 expected = new CRC32();
        // The client stops after 16 MB until the handler has read: a server that buffered the
        // whole body first would never let it go on.
        InputStream upload = new PatternStream(size, 16 * MB, handlerHasRead);
        var request = java.net.http.HttpRequest.newBuilder(uri("/bucket/key%20x?uploadId=1"))
                .header("x-amz-meta-a", "b")
                .PUT(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> upload), size)).build();
        var response = client.send(request, BodyHandlers.ofString());

        new PatternStream(size, size, handlerHasRead).transferTo(new CrcStream(expected));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(size + " " + Long.toHexString(expected.getValue()));
        assertThat(decisions).containsExactly("PUT /bucket/key%20x uploadId=1 b");
    }

    @Test
    void otherRequestsAreStillBufferedAndHeldToTheLimit() throws Exception {
        start(r -> HttpResponse.text(200, "text/plain", "buffered " + r.body().length));
        var small = client.send(java.net.http.HttpRequest.newBuilder(uri("/other"))
                .PUT(BodyPublishers.ofByteArray(new byte[1000])).build(), BodyHandlers.ofString());
        var large = client.send(java.net.http.HttpRequest.newBuilder(uri("/other"))
                .PUT(BodyPublishers.ofByteArray(new byte[(int) (2 * MB)])).build(), BodyHandlers.ofString());
        assertThat(small.body()).isEqualTo("buffered 1000");
        assertThat(large.statusCode()).isEqualTo(413);
    }

    @Test
    void streamedResponsesOfKnownAndUnknownLength() throws Exception {
        long size = 8 * MB + 3;
        start(r -> HttpResponse.streamed(200, Map.of("Content-Type", "application/octet-stream"),
                r.path().equals("/known") ? size : -1, out -> new PatternStream(size, size, null).transferTo(out)));
        byte[] expected = new PatternStream(size, size, null).readAllBytes();

        var known = client.send(java.net.http.HttpRequest.newBuilder(uri("/known")).build(),
                BodyHandlers.ofByteArray());
        assertThat(known.headers().firstValue("content-length")).contains(Long.toString(size));
        assertThat(known.headers().firstValue("content-type")).contains("application/octet-stream");
        assertThat(known.body()).isEqualTo(expected);

        var unknown = client.send(java.net.http.HttpRequest.newBuilder(uri("/unknown")).build(),
                BodyHandlers.ofByteArray());
        assertThat(unknown.headers().firstValue("content-length")).isEmpty();
        assertThat(unknown.body()).isEqualTo(expected);
    }

    @Test
    void aBodyWriterThatFailsMidwayDropsTheConnection() throws Exception {
        start(r -> HttpResponse.streamed(200, Map.of(), r.path().equals("/known") ? 10 * MB : -1, out -> {
            out.write(new byte[(int) MB]);
            throw new IOException("disk gone");
        }));
        for (String path : List.of("/known", "/unknown")) {
            assertThatThrownBy(() -> client.send(java.net.http.HttpRequest.newBuilder(uri(path)).build(),
                    BodyHandlers.ofByteArray())).as(path).isInstanceOf(IOException.class);
        }
        start(r -> HttpResponse.streamed(200, Map.of(), 100, out -> out.write(new byte[50])));
        assertThatThrownBy(() -> client.send(java.net.http.HttpRequest.newBuilder(uri("/short")).build(),
                BodyHandlers.ofByteArray())).isInstanceOf(IOException.class);
    }

    @Test
    void headAnnouncesTheLengthAGetWouldSendWithoutABody() throws Exception {
        long fiveGb = 5L << 30;
        start(r -> switch (r.path()) {
            case "/object" -> HttpResponse.streamed(200, Map.of("ETag", "\"e\""), fiveGb, out -> {
                throw new AssertionError("HEAD must not write a body");
            });
            case "/declared" -> new HttpResponse(200, new java.util.HashMap<>(Map.of("Content-Length", "42")),
                    new byte[0]);
            default -> HttpResponse.text(200, "text/plain", "hello");
        });
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String path : List.of("/object", "/declared", "/plain")) {
                out.write(("HEAD " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Head head = Head.read(in);
                assertThat(head.statusLine()).startsWith("HTTP/1.1 200");
                assertThat(head.headers().get("content-length")).isEqualTo(switch (path) {
                    case "/object" -> Long.toString(fiveGb);
                    case "/declared" -> "42";
                    default -> "5";
                });
            }
            // nothing but headers came: the next response on the connection starts right away
            out.write("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Head get = Head.read(in);
            assertThat(get.statusLine()).startsWith("HTTP/1.1 200");
            assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        }
    }

    @Test
    void expect100ContinueIsAnsweredBeforeTheBodyIsSentForStreamedAndBufferedRequests() throws Exception {
        start(r -> HttpResponse.text(200, "text/plain", "buffered " + r.body().length));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String path : List.of("/bucket/k", "/other")) {
                out.write(("PUT " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(Head.read(in).statusLine()).as(path).isEqualTo("HTTP/1.1 100 Continue");
                out.write("abc".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Head head = Head.read(in);
                assertThat(head.statusLine()).startsWith("HTTP/1.1 200");
                String body = new String(in.readNBytes(Integer.parseInt(head.headers().get("content-length"))),
                        StandardCharsets.US_ASCII);
                assertThat(body).isEqualTo(path.equals("/other") ? "buffered 3" : "3 352441c2");
            }
        }
        var viaClient = client.send(java.net.http.HttpRequest.newBuilder(uri("/bucket/k")).expectContinue(true)
                .PUT(BodyPublishers.ofString("abc")).build(), BodyHandlers.ofString());
        assertThat(viaClient.body()).isEqualTo("3 352441c2");
    }

    @Test
    void theOldStartStillBuffersEverything() throws Exception {
        List<Boolean> streamed = new CopyOnWriteArrayList<>();
        server = HttpServer.start("127.0.0.1", 0, r -> {
            streamed.add(r.isStreamed());
            try (InputStream in = r.bodyStream()) {
                return HttpResponse.text(200, "text/plain", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, REFUSALS, StreamingRequests.NEVER, HttpLimits.defaults(MB));
        var response = client.send(java.net.http.HttpRequest.newBuilder(uri("/bucket/k"))
                .PUT(BodyPublishers.ofString("abc")).build(), BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("abc");
        assertThat(streamed).containsExactly(false);
    }

    @Test
    void anAnswerThatLeavesTheBodyUnreadGoesOutAtOnceAndTheRestIsDrainedOrTheConnectionClosed() throws Exception {
        server = HttpServer.start("127.0.0.1", 0, r -> HttpResponse.text(404, "text/plain", "nope"), REFUSALS,
                (method, path, query, headers) -> true, HttpLimits.defaults(MB));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000); // far below the 20 s body-stall timeout: the answer must not wait for the body
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // a small body the handler ignores is drained after the answer: the connection carries on
            out.write("PUT /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Head first = Head.read(in);
            assertThat(first.statusLine()).startsWith("HTTP/1.1 404");
            assertThat(first.headers()).doesNotContainKey("connection");
            assertThat(in.readNBytes(4)).isEqualTo("nope".getBytes(StandardCharsets.US_ASCII));
            // one too large to drain, not even sent: answered at once, and the connection closes
            out.write("PUT /b HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Head second = Head.read(in);
            assertThat(second.statusLine()).startsWith("HTTP/1.1 404");
            assertThat(second.headers()).containsEntry("connection", "close");
            assertThat(in.readNBytes(4)).isEqualTo("nope".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void http10ClientsGetKeepAliveOnlyWhenTheyAskAndUnframedBodiesOfUnknownLength() throws Exception {
        start(r -> r.path().equals("/unknown")
                ? HttpResponse.streamed(200, Map.of(), -1, out -> out.write("streamed".getBytes(StandardCharsets.US_ASCII)))
                : HttpResponse.text(200, "text/plain", "plain"));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /plain HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Head kept = Head.read(in);
            assertThat(kept.headers()).containsEntry("connection", "keep-alive").containsEntry("content-length", "5");
            assertThat(in.readNBytes(5)).isEqualTo("plain".getBytes(StandardCharsets.US_ASCII));
            out.write("GET /unknown HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Head unframed = Head.read(in);
            assertThat(unframed.headers()).containsEntry("connection", "close").doesNotContainKey("transfer-encoding");
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("streamed");
        }
    }

    /** A status line and lower-case headers read off a raw connection. */
    private record Head(String statusLine, Map<String, String> headers) {
        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("connection closed after: " + bytes);
                }
                bytes.write(c);
                String s = bytes.toString(StandardCharsets.US_ASCII);
                if (s.endsWith("\r\n\r\n")) {
                    String[] lines = s.split("\r\n");
                    Map<String, String> headers = new java.util.HashMap<>();
                    for (int i = 1; i < lines.length; i++) {
                        int colon = lines[i].indexOf(':');
                        headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                                lines[i].substring(colon + 1).trim());
                    }
                    return new Head(lines[0], headers);
                }
            }
        }
    }

    /** {@code size} bytes of a fixed pattern; after {@code pauseAt} bytes it waits for {@code go}. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private final long pauseAt;
        private final CountDownLatch go;
        private long pos;

        PatternStream(long size, long pauseAt, CountDownLatch go) {
            this.size = size;
            this.pauseAt = pauseAt;
            this.go = go;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= size) {
                return -1;
            }
            if (pos >= pauseAt && go != null) {
                try {
                    if (!go.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("the handler did not start reading while the body was arriving");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            long limit = pos < pauseAt ? pauseAt : size;
            int n = (int) Math.min(len, limit - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((pos + i) * 31 >>> 3);
            }
            pos += n;
            return n;
        }
    }

    private static final class CrcStream extends OutputStream {
        private final CRC32 crc;

        CrcStream(CRC32 crc) {
            this.crc = crc;
        }

        @Override
        public void write(int b) {
            crc.update(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
        }
    }
}
