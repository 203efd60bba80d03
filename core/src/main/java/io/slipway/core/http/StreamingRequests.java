package io.slipway.core.http;

import java.util.Map;

/**
 * Decides, from what arrives before the body, which requests the transport hands over with their
 * body unread (for example S3 object uploads of many gigabytes). Everything else is read whole and
 * held to the body limit.
 */
@FunctionalInterface
public interface StreamingRequests {
    StreamingRequests NEVER = (method, path, rawQuery, headers) -> false;

    /**
     * @param path     the raw (still percent-encoded) path
     * @param rawQuery the raw query, or null when there is none
     * @param headers  header names in lower case, first value of each
     */
    boolean streams(String method, String path, String rawQuery, Map<String, String> headers);
}
