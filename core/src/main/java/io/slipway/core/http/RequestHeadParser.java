package io.slipway.core.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads and checks one request head (RFC 9112): request line, header lines, and the body framing
 * they announce. Anything it cannot take is a {@link MalformedRequestException} carrying what did
 * parse, so that the answer can still be in the protocol the request was meant for. One parser per
 * connection; its scratch buffer grows to the largest head seen, never past the configured cap.
 */
final class RequestHeadParser {
    private static final String[] METHODS = {"GET", "PUT", "POST", "HEAD", "DELETE", "OPTIONS", "PATCH"};
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private final HttpLimits limits;
    private byte[] scratch = new byte[512];
    private int length;

    RequestHeadParser(HttpLimits limits) {
        this.limits = limits;
    }

    /**
     * The next request's head, or null when the connection ended or sat idle for the idle timeout
     * before a request began (or ended midway through a head: nobody is left to answer).
     */
    RequestHead read(HttpInput in) throws IOException {
        try {
            if (!in.fill(limits.idleMillis())) {
                return null;
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
        long deadline = System.nanoTime() + limits.headTimeout().toNanos();
        length = 0;
        int lineStart = 0;
        while (true) {
            if (in.buffered() == 0) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                try {
                    if (remaining <= 0 || !in.fill((int) remaining)) {
                        if (remaining > 0) {
                            return null;
                        }
                        throw new SocketTimeoutException();
                    }
                } catch (SocketTimeoutException e) {
                    throw new MalformedRequestException(HttpProblem.REQUEST_TIMEOUT,
                            "The request head did not arrive within " + limits.headTimeout().toSeconds() + " s",
                            partial(lineStart));
                }
            }
            byte[] buf = in.buffer();
            int p = in.position();
            int lim = in.limit();
            int lf = -1;
            for (int i = p; i < lim; i++) {
                if (buf[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            int end = lf < 0 ? lim : lf + 1;
            append(buf, p, end - p, lineStart);
            in.advance(end);
            if (lf < 0) {
                continue;
            }
            int lineEnd = length - 1;
            int contentEnd = lineEnd > lineStart && scratch[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == lineStart) {
                if (lineStart == 0) {
                    length = 0; // empty lines before a request line are ignored (RFC 9112 section 2.2)
                    continue;
                }
                return parse();
            }
            lineStart = length;
        }
    }

    private void append(byte[] src, int off, int n, int lineStart) throws MalformedRequestException {
        boolean over = length + n > limits.maxHeaderBytes();
        int kept = over ? limits.maxHeaderBytes() - length : n; // what fits is kept, for partial() to read
        if (length + kept > scratch.length) {
            scratch = java.util.Arrays.copyOf(scratch, Math.min(limits.maxHeaderBytes(),
                    Math.max(scratch.length * 2, length + kept)));
        }
        System.arraycopy(src, off, scratch, length, kept);
        length += kept;
        if (over) {
            throw new MalformedRequestException(HttpProblem.HEADERS_TOO_LARGE,
                    "The request head is larger than " + limits.maxHeaderBytes() + " bytes", partial(lineStart));
        }
    }

    /** What the complete lines so far say, for routing the answer to a head that broke off; null when nothing does. */
    private HttpRequest partial(int completeLinesEnd) {
        Lines lines = new Lines(completeLinesEnd);
        try {
            RequestLine line = requestLine(lines);
            Map<String, String> headers = new HashMap<>();
            try {
                headers(lines, headers);
            } catch (MalformedRequestException e) {
                // keep the headers before the broken one
            }
            return new HttpRequest(line.method, line.path, line.query, headers, new byte[0]);
        } catch (MalformedRequestException e) {
            return completeLinesEnd == 0 ? truncatedRequestLine() : null;
        }
    }

    /**
     * The method and the start of the path of a request line too long to finish: enough to tell
     * an S3 or Lambda path from awsJson's and awsQuery's "/" when choosing whose error to answer.
     */
    private HttpRequest truncatedRequestLine() {
        int space = 0;
        while (space < length && scratch[space] != ' ') {
            space++;
        }
        if (space == 0 || space + 1 >= length || scratch[space + 1] != '/') {
            return null;
        }
        int end = space + 1;
        while (end < length && scratch[end] != ' ' && scratch[end] != '?') {
            end++;
        }
        return new HttpRequest(new String(scratch, 0, space, StandardCharsets.ISO_8859_1),
                new String(scratch, space + 1, end - space - 1, StandardCharsets.ISO_8859_1), null, Map.of(), new byte[0]);
    }

    private RequestHead parse() throws MalformedRequestException {
        Lines lines = new Lines(length);
        RequestLine line = requestLine(lines);
        Map<String, String> headers = new HashMap<>(16);
        try {
            headers(lines, headers);
        } catch (MalformedRequestException e) {
            throw new MalformedRequestException(e.problem(), e.getMessage(),
                    new HttpRequest(line.method, line.path, line.query, headers, new byte[0]));
        }
        HttpRequest head = new HttpRequest(line.method, line.path, line.query, headers, new byte[0]);
        if (line.badVersion != null) {
            throw new MalformedRequestException(HttpProblem.VERSION_NOT_SUPPORTED, line.badVersion, head);
        }
        if (line.badUri != null) {
            throw new MalformedRequestException(HttpProblem.BAD_URI, line.badUri, head);
        }
        if (!known(line.method)) {
            throw new MalformedRequestException(HttpProblem.METHOD_NOT_ALLOWED,
                    "The method " + line.method + " is not allowed", head);
        }
        long contentLength = BodyFraming.contentLength(headers, line.http10, head);
        String connection = headers.get("connection");
        boolean keepAlive = line.http10 ? hasToken(connection, "keep-alive") : !hasToken(connection, "close");
        boolean expectContinue = !line.http10 && "100-continue".equalsIgnoreCase(headers.get("expect"));
        return new RequestHead(line.method, line.path, line.query, line.http10, headers, contentLength, keepAlive,
                expectContinue);
    }

    private static boolean known(String method) {
        for (String m : METHODS) {
            if (m == method) { // interned by requestLine
                return true;
            }
        }
        return false;
    }

    /** @param badVersion why the version is refused, or null; like a bad URI, refused once the headers say whose request it is */
    private record RequestLine(String method, String path, String query, boolean http10, String badUri, String badVersion) {
    }

    /** Line boundaries within the scratch buffer, CRLF or bare LF. */
    private final class Lines {
        private final int end;
        private int next;

        Lines(int end) {
            this.end = end;
        }

        /** The next line as [start, contentEnd) packed in a long, or -1 when none is left. */
        long next() {
            if (next >= end) {
                return -1;
            }
            int start = next;
            int lf = start;
            while (lf < end && scratch[lf] != '\n') {
                lf++;
            }
            next = lf + 1;
            int contentEnd = lf > start && scratch[lf - 1] == '\r' ? lf - 1 : lf;
            return ((long) start << 32) | contentEnd;
        }
    }

    private RequestLine requestLine(Lines lines) throws MalformedRequestException {
        long bounds = lines.next();
        if (bounds < 0) {
            throw bad("The request line is missing");
        }
        int start = (int) (bounds >>> 32);
        int end = (int) bounds;
        int sp1 = indexOf(' ', start, end);
        int sp2 = sp1 < 0 ? -1 : indexOf(' ', sp1 + 1, end);
        if (sp1 <= start || sp2 <= sp1 + 1 || indexOf(' ', sp2 + 1, end) >= 0) {
            throw bad("The request line is not METHOD TARGET HTTP-VERSION");
        }
        for (int i = start; i < sp1; i++) {
            if (!token(scratch[i])) {
                throw bad("The method is not a token");
            }
        }
        int v = sp2 + 1;
        if (end - v != 8 || !startsWith("HTTP/", v) || !digit(scratch[v + 5]) || scratch[v + 6] != '.'
                || !digit(scratch[v + 7])) {
            throw bad("The HTTP version is malformed");
        }
        String badVersion = scratch[v + 5] != '1' || (scratch[v + 7] != '0' && scratch[v + 7] != '1')
                ? "HTTP/" + (char) scratch[v + 5] + "." + (char) scratch[v + 7] + " is not supported; use HTTP/1.1" : null;
        String method = method(start, sp1);
        RequestLine line = target(method, sp1 + 1, sp2, scratch[v + 7] == '0');
        return badVersion == null ? line
                : new RequestLine(line.method, line.path, line.query, line.http10, line.badUri, badVersion);
    }

    private RequestLine target(String method, int start, int end, boolean http10) throws MalformedRequestException {
        if (end - start > 7 && (startsWithIgnoreCase("http://", start) || startsWithIgnoreCase("https://", start))) {
            // absolute-form: the path starts after the authority
            int slash = indexOf('/', indexOf(':', start, end) + 3, end);
            start = slash < 0 ? end : slash;
        } else if (scratch[start] != '/') {
            throw bad("The request target must be a path starting with /");
        }
        String badUri = null;
        boolean ascii = true;
        for (int i = start; i < end; i++) {
            byte b = scratch[i];
            if (b < 0) {
                ascii = false;
            } else if (b <= ' ' || b == 0x7f) {
                throw bad("The request target has a control character");
            } else if (b == '%' && badUri == null && (i + 2 >= end || !hex(scratch[i + 1]) || !hex(scratch[i + 2]))) {
                badUri = "Bad percent-encoding in the request target";
            }
        }
        String text;
        if (start == end) {
            text = "/";
        } else if (ascii) {
            text = new String(scratch, start, end - start, StandardCharsets.ISO_8859_1);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(scratch, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                text = new String(scratch, start, end - start, StandardCharsets.ISO_8859_1);
                badUri = "The request target is not UTF-8";
            }
        }
        int q = text.indexOf('?');
        String path = q < 0 ? text : q == 0 ? "/" : text.substring(0, q);
        String query = q < 0 ? null : text.substring(q + 1);
        return new RequestLine(method, path, query, http10, badUri, null);
    }

    private void headers(Lines lines, Map<String, String> into) throws MalformedRequestException {
        int count = 0;
        for (long bounds = lines.next(); bounds >= 0; bounds = lines.next()) {
            int start = (int) (bounds >>> 32);
            int end = (int) bounds;
            if (start == end) {
                return;
            }
            if (++count > limits.maxHeaderCount()) {
                throw new MalformedRequestException(HttpProblem.HEADERS_TOO_LARGE,
                        "The request has more than " + limits.maxHeaderCount() + " headers");
            }
            int colon = indexOf(':', start, end);
            if (colon <= start) {
                throw bad(colon < 0 ? "A header line has no colon" : "A header line has no name");
            }
            for (int i = start; i < colon; i++) {
                byte b = scratch[i];
                if (!token(b)) {
                    throw bad("A header name has an illegal character");
                }
                if (b >= 'A' && b <= 'Z') {
                    scratch[i] = (byte) (b | 0x20);
                }
            }
            int vs = colon + 1;
            int ve = end;
            while (vs < ve && (scratch[vs] == ' ' || scratch[vs] == '\t')) {
                vs++;
            }
            while (ve > vs && (scratch[ve - 1] == ' ' || scratch[ve - 1] == '\t')) {
                ve--;
            }
            for (int i = vs; i < ve; i++) {
                byte b = scratch[i];
                if (b >= 0 && b < ' ' && b != '\t' || b == 0x7f) {
                    throw bad("A header value has a control character");
                }
            }
            String name = new String(scratch, start, colon - start, StandardCharsets.ISO_8859_1);
            String value = new String(scratch, vs, ve - vs, StandardCharsets.ISO_8859_1);
            if (name.equals("host") && into.containsKey("host")) {
                throw bad("A request has more than one Host header"); // RFC 9112 section 3.2
            }
            BodyFraming.put(into, name, value);
        }
    }

    private String method(int start, int end) {
        for (String m : METHODS) {
            if (m.length() == end - start && startsWith(m, start)) {
                return m;
            }
        }
        return new String(scratch, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static boolean hasToken(String header, String token) {
        if (header == null) {
            return false;
        }
        for (String t : header.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private int indexOf(char c, int from, int to) {
        for (int i = Math.max(from, 0); i < to; i++) {
            if (scratch[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWith(String s, int at) {
        for (int i = 0; i < s.length(); i++) {
            if (scratch[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithIgnoreCase(String s, int at) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.toLowerCase((char) scratch[at + i]) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean token(byte b) {
        return b > 0 && TOKEN[b];
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    static boolean hex(byte b) {
        return digit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static MalformedRequestException bad(String message) {
        return new MalformedRequestException(HttpProblem.BAD_REQUEST, message);
    }
}
