package io.slipway.core.http;

/**
 * Why the transport could not take a request as HTTP/1.1 says it should be sent. Each protocol
 * answers these with its own AWS error (see {@code WireProtocol.encodeMalformed}); the status here
 * is the one a protocol without a better code answers with.
 */
public enum HttpProblem {
    /** A request line, header line or body framing that does not parse, or lengths that contradict each other. */
    BAD_REQUEST(400),
    /** A percent-escape in the path or query that is not two hex digits, or bytes that are not UTF-8. */
    BAD_URI(400),
    /** A method token Slipway does not serve at all (TRACE, CONNECT, made-up ones). */
    METHOD_NOT_ALLOWED(405),
    /** An HTTP version other than 1.0 and 1.1. */
    VERSION_NOT_SUPPORTED(400),
    /** A transfer coding other than chunked. */
    TRANSFER_ENCODING_NOT_IMPLEMENTED(501),
    /** More header bytes or header lines than the configured caps. */
    HEADERS_TOO_LARGE(400),
    /** The head did not arrive in time, or the body stalled. */
    REQUEST_TIMEOUT(400),
    /** The connection ended before the body the head announced. */
    INCOMPLETE_BODY(400);

    private final int status;

    HttpProblem(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
