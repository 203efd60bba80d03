package io.slipway.lambda.runtime;

import java.nio.charset.StandardCharsets;

/** The few JSON documents the runtime writes itself: Lambda's error shapes. */
final class Json {

    private Json() {
    }

    /** {@code {"errorMessage":…,"errorType":…}}, Lambda's error document. */
    static byte[] error(String type, String message) {
        return ("{\"errorMessage\":" + quote(message) + ",\"errorType\":" + quote(type) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"errorMessage":…}}: a timeout has no type in Lambda's answer. */
    static byte[] message(String message) {
        return ("{\"errorMessage\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
