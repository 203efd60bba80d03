package io.slipway.core.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses application/x-www-form-urlencoded text (an awsQuery body or query string). */
public final class FormParser {
    private FormParser() {
    }

    public static Map<String, String> parse(String text, Map<String, String> into) {
        if (text == null || text.isEmpty()) {
            return into;
        }
        int start = 0;
        while (start <= text.length()) {
            int amp = text.indexOf('&', start);
            int end = amp < 0 ? text.length() : amp;
            if (end > start) {
                String pair = text.substring(start, end);
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                into.putIfAbsent(key, value);
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return into;
    }

    public static Map<String, String> parse(String text) {
        return parse(text, new LinkedHashMap<>());
    }

    private static String decode(String s) {
        try {
            return UriDecoding.decode(s, true);
        } catch (MalformedInputException e) {
            throw new MalformedInputException("Malformed query string: bad percent-encoding in '" + s + "'");
        }
    }
}
