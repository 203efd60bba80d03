package io.slipway.core.identity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * SigV4's canonical request, built from a request as received. The rules follow AWS's signing
 * documentation and its published test suite: the path is normalised (dot segments removed,
 * repeated slashes collapsed) and URI-encoded once more than it arrived, except for S3, which
 * signs the path as sent; query parameters are decoded, re-encoded and sorted; signed headers are
 * lower-cased, their values trimmed with inner whitespace runs (folded lines included) collapsed
 * to one space, and repeated headers joined with commas in arrival order.
 */
public final class CanonicalRequest {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {
    }

    /** Thrown when a header named in SignedHeaders is absent from the request. */
    static final class MissingSignedHeader extends Exception {
        MissingSignedHeader(String name) {
            super(name, null, false, false);
        }
    }

    static String build(SignedRequest request, boolean pathAsSent, List<String> signedHeaders, String payloadHash,
                        boolean presigned) throws MissingSignedHeader {
        StringBuilder sb = new StringBuilder(512);
        sb.append(request.method()).append('\n');
        sb.append(canonicalUri(request.rawPath(), pathAsSent)).append('\n');
        sb.append(canonicalQuery(request.rawQuery(), presigned)).append('\n');
        for (String name : signedHeaders) {
            List<String> values = request.values(name);
            if (values.isEmpty()) {
                throw new MissingSignedHeader(name);
            }
            sb.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendTrimmed(sb, values.get(i));
            }
            sb.append('\n');
        }
        sb.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
        return sb.toString();
    }

    /** S3 signs its path as it was sent (encoded once); every other service normalises it and encodes it again. */
    static String canonicalUri(String rawPath, boolean pathAsSent) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (pathAsSent) {
            // Segment by segment, so that an encoded slash inside a key stays encoded.
            StringBuilder sb = new StringBuilder(path.length() + 8);
            String[] segments = path.split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                if (i > 0) {
                    sb.append('/');
                }
                sb.append(encode(decode(segments[i]), true));
            }
            return sb.toString();
        }
        return encode(normalize(path), false);
    }

    /** Removes {@code .} and {@code ..} segments and empty segments; keeps a trailing slash. */
    static String normalize(String path) {
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = path.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        if (kept.isEmpty()) {
            return "/";
        }
        String last = segments[segments.length - 1];
        boolean trailing = last.isEmpty() || last.equals(".") || last.equals("..");
        return "/" + String.join("/", kept) + (trailing ? "/" : "");
    }

    /** The query's parameters decoded, re-encoded and sorted; a presigned request's own signature left out. */
    static String canonicalQuery(String rawQuery, boolean presigned) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (presigned && key.equals("X-Amz-Signature")) {
                continue;
            }
            params.add(new String[] {encode(key, true), encode(value, true)});
        }
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder sb = new StringBuilder(rawQuery.length() + 16);
        for (String[] p : params) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /** Trims and collapses every run of whitespace (spaces, tabs, folded line breaks) to one space. */
    private static void appendTrimmed(StringBuilder sb, String value) {
        if (alreadyTrimmed(value)) {
            sb.append(value); // most values: one copy instead of a character at a time
            return;
        }
        boolean pendingSpace = false;
        boolean any = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pendingSpace = any;
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.append(c);
                any = true;
            }
        }
    }

    /** Whether trimming would leave the value as it is: no tab or line break, no leading, trailing or double space. */
    private static boolean alreadyTrimmed(String value) {
        char previous = ' ';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t' || c == '\r' || c == '\n' || c == ' ' && previous == ' ') {
                return false;
            }
            previous = c;
        }
        return previous != ' ' || value.isEmpty();
    }

    /** RFC 3986 encoding of UTF-8 bytes, upper-case hex; {@code /} kept in paths, encoded in query parts. */
    static String encode(String text, boolean encodeSlash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    /** Percent-decoding as UTF-8; a {@code %} not followed by two hex digits stays as it is. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
