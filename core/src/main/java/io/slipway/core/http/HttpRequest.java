package io.slipway.core.http;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as the transport hands it over: header names are lower case. Usually the body is read
 * whole (and already checked against the configured size limit). For requests the application
 * asked to stream (see {@link StreamingRequests}), {@link #body()} is empty and the raw body is
 * read from {@link #bodyStream()}, with no size limit: the reader enforces its own.
 *
 * @param streamedBody the raw body as it arrives, for streamed requests; build those with
 *                     {@link #streamed(String, String, String, Map, InputStream)}
 */
public record HttpRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
                          Optional<InputStream> streamedBody) {
    private static final byte[] NO_BODY = new byte[0];

    public HttpRequest {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(streamedBody, "streamedBody");
    }

    /** A request whose body was read whole. */
    public HttpRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        this(method, path, rawQuery, headers, body, Optional.empty());
    }

    /** A request whose body is read by the handler, as it arrives. */
    public static HttpRequest streamed(String method, String path, String rawQuery, Map<String, String> headers,
                                       InputStream body) {
        return new HttpRequest(method, path, rawQuery, headers, NO_BODY, Optional.of(body));
    }

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** True when the body has not been read yet and {@link #bodyStream()} is the only way to it. */
    public boolean isStreamed() {
        return streamedBody.isPresent();
    }

    /**
     * The body as a stream, whichever way it arrived: the live stream of a streamed request (one
     * reader, once), or a fresh stream over {@link #body()} on every call.
     */
    public InputStream bodyStream() {
        return streamedBody.orElseGet(() -> new ByteArrayInputStream(body));
    }
}
