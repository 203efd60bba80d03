package io.slipway.core.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A response before the transport writes it. Small bodies travel in {@link #body()}; large ones
 * (S3 objects) are written by a {@link BodyWriter} straight to the connection, see
 * {@link #streamed(int, Map, long, BodyWriter)}.
 *
 * <p>HEAD: the transport never sends a body. It announces {@code Content-Length} from, in order,
 * the streamed body's declared length, a {@code Content-Length} header the handler set, or the
 * length of {@link #body()}.
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body, Optional<StreamedBody> streamedBody) {
    private static final byte[] NO_BODY = new byte[0];

    public HttpResponse {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(streamedBody, "streamedBody");
    }

    public HttpResponse(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, Optional.empty());
    }

    public static HttpResponse of(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>(4);
        headers.put("Content-Type", contentType);
        return new HttpResponse(status, headers, body);
    }

    public static HttpResponse text(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A response whose body the transport asks {@code writer} for while sending it.
     *
     * @param headers       copied (the copy stays mutable for {@link #withHeader})
     * @param contentLength the exact number of bytes the writer writes, or -1 when unknown (then
     *                      the body goes out chunked); 0 means no body and the writer is not called
     */
    public static HttpResponse streamed(int status, Map<String, String> headers, long contentLength,
                                        BodyWriter writer) {
        if (contentLength < -1) {
            throw new IllegalArgumentException("contentLength must be -1 (unknown) or more: " + contentLength);
        }
        return new HttpResponse(status, new LinkedHashMap<>(headers), NO_BODY,
                Optional.of(new StreamedBody(contentLength, Objects.requireNonNull(writer, "writer"))));
    }

    public HttpResponse withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Writes a body straight to the connection. */
    @FunctionalInterface
    public interface BodyWriter {
        /**
         * Writes the whole body (exactly the declared length, when one was declared). Do not close
         * {@code out}. A throw after the headers went out makes the transport drop the connection,
         * so the client sees a truncated body rather than a complete-looking wrong one.
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** @param contentLength bytes the writer writes, or -1 when unknown */
    public record StreamedBody(long contentLength, BodyWriter writer) {
    }
}
