package io.slipway.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
            segments[i] = decode(segments[i], false);
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
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            out.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        }
        return out;
    }

    /**
     * Percent-decodes {@code s} as UTF-8, '+' as a space when {@code plusIsSpace}. Unlike
     * {@link java.net.URLDecoder}, bytes that are not UTF-8 are refused rather than turned into
     * U+FFFD, so two different keys can never decode to the same name.
     *
     * @throws MalformedInputException for an escape that is not two hex digits, or bytes that are not UTF-8
     */
    public static String decode(String s, boolean plusIsSpace) {
        int first = s.indexOf('%');
        if (first < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        byte[] bytes = null;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                out.append(c == '+' && plusIsSpace ? ' ' : c);
                i++;
                continue;
            }
            if (bytes == null) {
                bytes = new byte[(s.length() - i) / 3 + 1];
            }
            int n = 0;
            while (i < s.length() && s.charAt(i) == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                if (lo < 0) {
                    throw new MalformedInputException("Malformed URI: bad percent-encoding in '" + s + "'");
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 3;
            }
            try {
                out.append(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)));
            } catch (CharacterCodingException e) {
                throw new MalformedInputException("Malformed URI: percent-encoded bytes that are not UTF-8 in '" + s + "'");
            }
        }
        return out.toString();
    }
}
