package io.slipway.core.http;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * Puts responses on a connection through one buffer reused for all of them: the head in a single
 * write with the start of the body, small bodies in the same packet, streamed bodies with their
 * declared length or chunked when the length is unknown (to an HTTP/1.0 client: unframed, then
 * the connection closes). A HEAD answer announces the length a GET would have had and sends no body.
 */
final class ResponseWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** IMF-fixdate (RFC 9110 section 5.6.7): two-digit day, English names, GMT. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH);
    private static volatile CachedDate date = new CachedDate(0, "");

    private final OutputStream socket;
    private final byte[] buffer = new byte[8192];
    private int count;

    ResponseWriter(OutputStream socket) {
        this.socket = socket;
    }

    void writeContinue() throws IOException {
        write(CONTINUE, 0, CONTINUE.length);
        flush();
    }

    /**
     * Writes the whole response. A streamed body whose writer fails, or writes other than its
     * declared length, throws: the caller must then drop the connection so that the client sees
     * a truncated body, never a complete-looking wrong one.
     *
     * @param close    the connection closes after this response (said in its head)
     * @return false when the response could only be delimited by closing the connection
     */
    boolean write(HttpResponse response, boolean head, boolean http10, boolean close) throws IOException {
        int status = response.status();
        Optional<HttpResponse.StreamedBody> streamed = response.streamedBody();
        boolean bodiless = status < 200 || status == 204 || status == 304;
        long length = streamed.map(HttpResponse.StreamedBody::contentLength).orElse((long) response.body().length);
        boolean unframed = !bodiless && length < 0 && !head && http10;
        boolean chunked = !bodiless && length < 0 && !head && !http10;
        String declared = head ? declaredLength(response) : null;

        ascii("HTTP/1.1 ").number(status).ascii(" ").ascii(reason(status)).crlf();
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            if (!framing(h.getKey())) {
                header(h.getKey(), h.getValue());
            }
        }
        header("Date", date());
        if (bodiless) {
            // no length: there is no body
        } else if (head) {
            if (declared != null) {
                header("Content-Length", declared);
            }
        } else if (chunked) {
            header("Transfer-Encoding", "chunked");
        } else if (!unframed) {
            header("Content-Length", Long.toString(length));
        }
        if (close || unframed) {
            header("Connection", "close");
        } else if (http10) {
            header("Connection", "keep-alive");
        }
        crlf();
        if (!bodiless && !head) {
            if (streamed.isPresent()) {
                writeStreamed(streamed.get(), chunked);
            } else {
                write(response.body(), 0, response.body().length);
            }
        }
        flush();
        return !unframed;
    }

    /** What a GET would have sent, for HEAD (S3 HeadObject answers with the object's length). */
    private static String declaredLength(HttpResponse response) {
        Optional<HttpResponse.StreamedBody> streamed = response.streamedBody();
        if (streamed.isPresent()) {
            long length = streamed.get().contentLength();
            return length >= 0 ? Long.toString(length) : null;
        }
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Length")) {
                return h.getValue();
            }
        }
        return Integer.toString(response.body().length);
    }

    private void writeStreamed(HttpResponse.StreamedBody body, boolean chunked) throws IOException {
        long length = body.contentLength();
        if (length == 0) {
            return;
        }
        BodyOutput out = chunked ? new ChunkedOutput() : new BodyOutput(length);
        body.writer().writeTo(out);
        out.finish();
    }

    /** Handler headers that would contradict the framing written here. */
    private static boolean framing(String name) {
        return name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                || name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Date");
    }

    private void header(String name, String value) throws IOException {
        ascii(name).ascii(": ");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // a CR or LF in a value would end the header early and let a value forge headers
            put(c == '\r' || c == '\n' ? ' ' : c > 0xff ? '?' : c);
        }
        crlf();
    }

    private ResponseWriter ascii(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
        return this;
    }

    private ResponseWriter number(int n) throws IOException {
        return ascii(Integer.toString(n));
    }

    private void crlf() throws IOException {
        write(CRLF, 0, 2);
    }

    private void put(char c) throws IOException {
        if (count == buffer.length) {
            flushBuffer();
        }
        buffer[count++] = (byte) c;
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (len >= buffer.length) {
            flushBuffer();
            socket.write(b, off, len);
            return;
        }
        if (len > buffer.length - count) {
            flushBuffer();
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            socket.write(buffer, 0, count);
            count = 0;
        }
    }

    void flush() throws IOException {
        flushBuffer();
        socket.flush();
    }

    private static String date() {
        long second = System.currentTimeMillis() / 1000;
        CachedDate d = date;
        if (d.second != second) {
            d = new CachedDate(second, HTTP_DATE.format(
                    ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(second), ZoneOffset.UTC)));
            date = d;
        }
        return d.text;
    }

    private record CachedDate(long second, String text) {
    }

    private static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 206 -> "Partial Content";
            case 301 -> "Moved Permanently";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "";
        };
    }

    /** A streamed body of a declared length: counts, and refuses to write past it. */
    private class BodyOutput extends OutputStream {
        private final long declared;
        long written;

        BodyOutput(long declared) {
            this.declared = declared;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (declared >= 0 && written > declared) {
                throw new IOException("Body writer wrote more than the " + declared + " declared bytes");
            }
            ResponseWriter.this.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            ResponseWriter.this.flush();
        }

        @Override
        public void close() throws IOException {
            flush(); // the writer must not close the connection under us
        }

        void finish() throws IOException {
            if (declared >= 0 && written != declared) {
                throw new IOException("Body writer wrote " + written + " of " + declared + " declared bytes");
            }
        }
    }

    /** A body of unknown length: one chunk per buffer-full, then the last chunk. */
    private final class ChunkedOutput extends BodyOutput {
        private final byte[] chunk = new byte[8192];
        private int filled;

        ChunkedOutput() {
            super(-1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, chunk.length - filled);
                System.arraycopy(b, off, chunk, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == chunk.length) {
                    emit();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            emit();
            ResponseWriter.this.flush();
        }

        private void emit() throws IOException {
            if (filled > 0) {
                ascii(Integer.toHexString(filled)).crlf();
                ResponseWriter.this.write(chunk, 0, filled);
                crlf();
                filled = 0;
            }
        }

        @Override
        void finish() throws IOException {
            emit();
            ascii("0").crlf();
            crlf();
        }
    }
}
