package io.slipway.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Requests whose HTTP framing is broken (lengths, transfer codings, chunks, request lines, header
 * lines), made of an operation's valid request, each sent on a connection of its own: the server
 * must still answer in the protocol's envelope, and may close the connection after.
 */
final class FramingBreakage {
    private FramingBreakage() {
    }

    /** A broken request: its head and body bytes, and whether its head still says which service it is for. */
    record Broken(String label, byte[] head, byte[] body, boolean routable) {
    }

    static List<Broken> of(WireRequest valid) {
        List<Broken> out = new ArrayList<>();
        byte[] body = valid.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : valid.body();
        int n = body.length;
        out.add(routable("Content-Length not a number", valid, "Content-Length: twelve\r\n", body));
        out.add(routable("negative Content-Length", valid, "Content-Length: -5\r\n", body));
        out.add(routable("Content-Length overflowing a long", valid, "Content-Length: 99999999999999999999999\r\n", body));
        out.add(routable("two different Content-Lengths", valid, "Content-Length: " + n + "\r\nContent-Length: " + (n + 1)
                + "\r\n", body));
        out.add(routable("Content-Length and Transfer-Encoding", valid, "Content-Length: " + n
                + "\r\nTransfer-Encoding: chunked\r\n", chunked(body)));
        out.add(routable("unsupported Transfer-Encoding", valid, "Transfer-Encoding: gzip\r\n", body));
        out.add(routable("chunk size not hex", valid, "Transfer-Encoding: chunked\r\n",
                "zz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        out.add(routable("chunk longer than announced", valid, "Transfer-Encoding: chunked\r\n",
                "2\r\nabcdef\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        out.add(routable("header line without a colon", valid, "Content-Length: " + n + "\r\nno colon here\r\n", body));
        out.add(routable("control character in a header value", valid, "Content-Length: " + n + "\r\nX-Fuzz: a\u0001b\r\n", body));
        out.add(new Broken("HTTP/2.0 request line", line(valid.method() + " " + valid.target() + " HTTP/2.0", valid,
                "Content-Length: " + n + "\r\n"), body, true));
        out.add(new Broken("garbage request line", "GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[0], false));
        out.add(new Broken("request line without a version", (valid.method() + " " + valid.target() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), new byte[0], false));
        return out;
    }

    private static Broken routable(String label, WireRequest valid, String framing, byte[] body) {
        return new Broken(label, line(valid.method() + " " + valid.target() + " HTTP/1.1", valid, framing), body, true);
    }

    private static byte[] line(String requestLine, WireRequest valid, String framing) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n");
        for (Map.Entry<String, String> h : valid.headers().entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return head.append(framing).append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunked(byte[] body) {
        byte[] head = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + body.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        System.arraycopy(tail, 0, out, head.length + body.length, tail.length);
        return out;
    }
}
