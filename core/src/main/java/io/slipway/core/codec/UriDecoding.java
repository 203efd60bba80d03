package io.slipway.core.codec;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The path segments and query parameters of a request URI, percent-decoded. */
public final class UriDecoding {
    private UriDecoding() {
    }

    /**
     * The path's segments, each decoded on its own so that an encoded slash stays inside its
     * segment. A '+' in a path is a plus sign (RFC 3986), unlike in a query.
     */
    public static String[] pathSegments(String rawPath) {
        String[] segments = UriTemplate.split(rawPath);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].indexOf('%') >= 0 || segments[i].indexOf('+') >= 0) {
                segments[i] = decode(segments[i].replace("+", "%2B"));
            }
        }
        return segments;
    }

    /**
     * Every query parameter with all its values in order. A '+' decodes to a space, as form
     * encoding and the servers AWS clients talk to treat it; SDKs send a plus sign as %2B.
     */
    public static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("Malformed URI: bad percent-encoding in '" + s + "'");
        }
    }
}
