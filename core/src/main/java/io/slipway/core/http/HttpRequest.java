package io.slipway.core.http;

import java.util.Map;

/**
 * A request as the transport hands it over: header names are lower case, the body is read whole
 * (and already checked against the configured size limit).
 */
public record HttpRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
