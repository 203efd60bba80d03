package io.slipway.core.http;

import java.util.Locale;
import java.util.Map;

/**
 * How a request's body is delimited (RFC 9112 section 6): by Content-Length, or chunked. The
 * ambiguous combinations request smuggling relies on are refused rather than guessed at.
 */
final class BodyFraming {
    private BodyFraming() {
    }

    /**
     * Adds a header. A repeated line joins the earlier ones with a comma, as RFC 9110 section 5.3
     * reads repeated lines (and as SigV4 signs them); repeated length and coding lines are kept
     * joined to be checked for contradictions.
     */
    static void put(Map<String, String> headers, String name, String value) {
        String existing = headers.putIfAbsent(name, value);
        if (existing != null) {
            boolean framing = name.equals("content-length") || name.equals("transfer-encoding");
            headers.put(name, existing + (framing ? ", " : ",") + value);
        }
    }

    /**
     * The body's length, 0 when the head announces none, or -1 for a chunked body. Leaves one
     * canonical Content-Length in {@code headers}.
     */
    static long contentLength(Map<String, String> headers, boolean http10, HttpRequest head)
            throws MalformedRequestException {
        String te = headers.get("transfer-encoding");
        String cl = headers.get("content-length");
        if (te != null) {
            if (cl != null) {
                throw bad("A request must not have both Content-Length and Transfer-Encoding", head);
            }
            if (http10) {
                throw bad("Transfer-Encoding is not defined for HTTP/1.0", head);
            }
            if (!te.trim().toLowerCase(Locale.ROOT).equals("chunked")) {
                throw new MalformedRequestException(HttpProblem.TRANSFER_ENCODING_NOT_IMPLEMENTED,
                        "Transfer-Encoding " + te + " is not implemented; only chunked is", head);
            }
            return -1;
        }
        if (cl == null) {
            return 0;
        }
        long length = -1;
        for (String part : cl.split(",", -1)) {
            long n = number(part.trim());
            if (n < 0 || (length >= 0 && n != length)) {
                throw bad("Content-Length must be one whole number of bytes, not " + cl, head);
            }
            length = n;
        }
        if (cl.indexOf(',') >= 0) {
            headers.put("content-length", Long.toString(length));
        }
        return length;
    }

    /** Decimal digits only, at most 18 of them (no sign, no overflow); -1 otherwise. */
    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static MalformedRequestException bad(String message, HttpRequest head) {
        return new MalformedRequestException(HttpProblem.BAD_REQUEST, message, head);
    }
}
