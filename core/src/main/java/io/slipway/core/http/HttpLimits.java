package io.slipway.core.http;

import java.time.Duration;

/**
 * What one connection may cost the server: the largest body read whole, how long it may sit idle
 * or take over a request head, how long a body may stall, and how large a header section may be.
 *
 * @param idleTimeout      a kept-alive connection with no request coming is closed after this
 * @param headTimeout      the whole head (request line and headers) must arrive within this once it starts
 * @param bodyStallTimeout a body that delivers no byte for this long is answered RequestTimeout
 * @param maxHeaderBytes   the request line and header section together
 */
public record HttpLimits(long maxBodyBytes, Duration idleTimeout, Duration headTimeout, Duration bodyStallTimeout,
                         int maxHeaderBytes, int maxHeaderCount) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_BODY_STALL_TIMEOUT = Duration.ofSeconds(20);
    /** S3 documents 8 KB for a PUT's headers; twice that leaves room for long presigned queries. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;

    public HttpLimits {
        if (maxBodyBytes < 0 || maxHeaderBytes < 64 || maxHeaderCount < 1) {
            throw new IllegalArgumentException("Limits out of range");
        }
        positive(idleTimeout);
        positive(headTimeout);
        positive(bodyStallTimeout);
    }

    public static HttpLimits defaults(long maxBodyBytes) {
        return new HttpLimits(maxBodyBytes, DEFAULT_IDLE_TIMEOUT, DEFAULT_HEAD_TIMEOUT, DEFAULT_BODY_STALL_TIMEOUT,
                DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_COUNT);
    }

    private static void positive(Duration d) {
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Timeouts must be positive and under 24 days: " + d);
        }
    }

    int idleMillis() {
        return (int) idleTimeout.toMillis();
    }

    int headMillis() {
        return (int) headTimeout.toMillis();
    }

    int bodyStallMillis() {
        return (int) bodyStallTimeout.toMillis();
    }
}
