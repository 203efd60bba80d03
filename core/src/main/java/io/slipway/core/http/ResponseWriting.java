package io.slipway.core.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Puts an {@link HttpResponse} on the wire of a JDK exchange. The JDK's
 * {@code sendResponseHeaders(code, length)} reads its length as: -1 no body, 0 chunked, n exactly
 * n bytes; for HEAD it sends no body and keeps a {@code Content-Length} header set beforehand.
 */
final class ResponseWriting {
    private ResponseWriting() {
    }

    static void send(HttpExchange exchange, boolean head, HttpResponse response) throws IOException {
        Headers out = exchange.getResponseHeaders();
        response.headers().forEach(out::set);
        int status = response.status();
        Optional<HttpResponse.StreamedBody> streamed = response.streamedBody();
        if (head || bodiless(status)) {
            announceLength(out, status, response);
            exchange.sendResponseHeaders(status, -1);
        } else if (streamed.isPresent()) {
            writeStreamed(exchange, status, streamed.get());
        } else if (response.body().length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, response.body().length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(response.body());
            }
        }
    }

    /** What a GET would have sent, for HEAD (S3 HeadObject answers with the object's length). */
    private static void announceLength(Headers out, int status, HttpResponse response) {
        if (bodiless(status)) {
            return;
        }
        long declared = response.streamedBody().map(HttpResponse.StreamedBody::contentLength)
                .orElse((long) response.body().length);
        if (response.streamedBody().isPresent() ? declared >= 0 : !out.containsKey("Content-Length")) {
            out.set("Content-Length", Long.toString(declared));
        }
    }

    private static void writeStreamed(HttpExchange exchange, int status, HttpResponse.StreamedBody body)
            throws IOException {
        long length = body.contentLength();
        if (length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length < 0 ? 0 : length);
        OutputStream os = exchange.getResponseBody();
        CountingOutputStream counting = new CountingOutputStream(os);
        body.writer().writeTo(counting);
        if (length > 0 && counting.count != length) {
            // the JDK would only notice on close, and then close the connection without telling us
            throw new IOException("Body writer wrote " + counting.count + " of " + length + " declared bytes");
        }
        os.close();
    }

    private static boolean bodiless(int status) {
        return status < 200 || status == 204 || status == 304;
    }

    /** Counts, and keeps the writer from closing the exchange's stream under us. */
    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
