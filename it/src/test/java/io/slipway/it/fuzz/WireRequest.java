package io.slipway.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request exactly as it goes on the wire: the target (raw path and query, sent as written, so
 * that bad escapes reach the server), headers in order, and the body's bytes.
 */
public record WireRequest(String method, String target, Map<String, String> headers, byte[] body) {

    public WireRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new WireRequest(method, target, copy, body);
    }

    /** The request without the header, whatever the case of its name. */
    public WireRequest without(String name) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(name::equalsIgnoreCase);
        return new WireRequest(method, target, copy, body);
    }

    public WireRequest withBody(byte[] newBody) {
        return new WireRequest(method, target, headers, newBody);
    }

    public WireRequest withTarget(String newTarget) {
        return new WireRequest(method, newTarget, headers, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
