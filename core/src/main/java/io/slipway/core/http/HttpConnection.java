package io.slipway.core.http;

import java.io.IOException;
import java.net.Socket;

/**
 * One client connection on its own virtual thread: reads a head, hands the request to the
 * handler (with its body read whole, or streaming for the requests {@link StreamingRequests}
 * picks), writes the answer, and goes on while the connection may be kept alive. Requests the
 * transport cannot read are answered through {@link Refusals} and the connection is closed,
 * since after broken framing nothing says where the next request would start.
 */
final class HttpConnection implements Runnable {
    /** Unread body bytes discarded to keep a connection; past this it is closed instead. */
    static final long DRAIN_LIMIT = 16 * 1024 * 1024;
    private static final byte[] NO_BODY = new byte[0];

    private final Socket socket;
    private final int firstByte;
    private final HttpHandler handler;
    private final Refusals refusals;
    private final StreamingRequests streaming;
    private final HttpLimits limits;

    /**
     * @param firstByte the connection's first byte when it was read already (to tell TLS from plain
     *                  HTTP), else -1
     */
    HttpConnection(Socket socket, int firstByte, HttpHandler handler, Refusals refusals, StreamingRequests streaming,
                   HttpLimits limits) {
        this.socket = socket;
        this.firstByte = firstByte;
        this.handler = handler;
        this.refusals = refusals;
        this.streaming = streaming;
        this.limits = limits;
    }

    @Override
    public void run() {
        try (socket) {
            // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs hold small responses back
            // for up to 40 ms on keep-alive connections.
            socket.setTcpNoDelay(true);
            HttpInput in = new HttpInput(socket.getInputStream(), socket::setSoTimeout, 8192);
            if (firstByte >= 0) {
                in.unread(firstByte);
            }
            ResponseWriter out = new ResponseWriter(socket.getOutputStream());
            RequestHeadParser parser = new RequestHeadParser(limits);
            while (serve(in, out, parser)) {
                // next request on the same connection
            }
        } catch (IOException e) {
            // the client went away, or a streamed answer failed midway: the connection is dropped
        } catch (RuntimeException e) {
            // a bug below the protocols, which answer their own failures: drop the connection, tell the operator
            System.err.println("HTTP connection failed: " + e);
            e.printStackTrace(System.err);
        }
    }

    /** Serves one request; false when the connection is to be closed. */
    private boolean serve(HttpInput in, ResponseWriter out, RequestHeadParser parser) throws IOException {
        RequestHead head;
        try {
            head = parser.read(in);
        } catch (MalformedRequestException e) {
            refuse(out, e.head() == null ? new HttpRequest("", "/", null, java.util.Map.of(), NO_BODY) : e.head(), e);
            return false;
        }
        if (head == null) {
            return false;
        }
        RequestBody body = RequestBody.of(head, in, limits, out::writeContinue);
        HttpResponse response;
        boolean close = !head.keepAlive();
        if (streaming.streams(head.method(), head.path(), head.rawQuery(), head.headers())) {
            response = handler.handle(HttpRequest.streamed(head.method(), head.path(), head.rawQuery(), head.headers(), body));
            if (body.failure() != null) {
                // whatever the handler made of the broken body, the client learns what broke it
                refuse(out, head.withoutBody(), body.failure());
                return false;
            }
        } else {
            byte[] bytes;
            try {
                bytes = body.readWhole(limits.maxBodyBytes());
            } catch (MalformedRequestException e) {
                refuse(out, head.withoutBody(), e);
                return false;
            }
            response = bytes == null ? refusals.tooLarge(head.withoutBody(), limits.maxBodyBytes())
                    : handler.handle(new HttpRequest(head.method(), head.path(), head.rawQuery(), head.headers(), bytes));
        }
        // What the handler left unread is drained after the answer, so the next request starts where
        // it should; a body too long to drain, or one the client holds back for 100 Continue, closes instead.
        close |= !body.finished() && (body.awaitingContinue() || body.remainingExceeds(DRAIN_LIMIT));
        if (!out.write(response, head.isHead(), head.http10(), close) || close) {
            return false;
        }
        return body.drain(DRAIN_LIMIT);
    }

    /** The answer to a request the transport could not read; the connection closes after it. */
    private void refuse(ResponseWriter out, HttpRequest head, MalformedRequestException e) throws IOException {
        out.write(refusals.malformed(head, e.problem(), e.getMessage()), "HEAD".equals(head.method()), false, true);
    }
}
