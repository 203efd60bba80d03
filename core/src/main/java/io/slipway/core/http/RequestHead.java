package io.slipway.core.http;

import java.util.Map;

/**
 * A request line and header section as parsed, with the body's framing already checked.
 *
 * @param path          the raw (still percent-encoded) path
 * @param rawQuery      the raw query, or null when there is none
 * @param headers       lower-case names, the first value of each (Transfer-Encoding lines joined)
 * @param contentLength the body's length, or -1 when the body is chunked
 */
record RequestHead(String method, String path, String rawQuery, boolean http10, Map<String, String> headers,
                   long contentLength, boolean keepAlive, boolean expectContinue) {

    boolean chunked() {
        return contentLength < 0;
    }

    boolean isHead() {
        return "HEAD".equals(method);
    }

    HttpRequest withoutBody() {
        return new HttpRequest(method, path, rawQuery, headers, new byte[0]);
    }
}
