package io.slipway.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A request body as it arrives on the connection, delimited by its framing. A body that stalls
 * longer than the stall timeout, breaks its framing or ends early fails with a
 * {@link MalformedRequestException} that the connection remembers and answers once the handler
 * returns. The first read sends the interim {@code 100 Continue} a client may be waiting for.
 * Closing it does not close the connection.
 */
abstract sealed class RequestBody extends InputStream permits FixedLengthBody, ChunkedBody {
    /** Sends 100 Continue; null when the client did not ask for it. */
    interface BeforeFirstRead {
        void run() throws IOException;
    }

    protected final HttpInput in;
    protected final int stallMillis;
    private BeforeFirstRead beforeFirstRead;
    private MalformedRequestException failure;
    private boolean finished;

    RequestBody(HttpInput in, int stallMillis, BeforeFirstRead beforeFirstRead) {
        this.in = in;
        this.stallMillis = stallMillis;
        this.beforeFirstRead = beforeFirstRead;
    }

    static RequestBody of(RequestHead head, HttpInput in, HttpLimits limits, BeforeFirstRead beforeFirstRead) {
        int stall = limits.bodyStallMillis();
        BeforeFirstRead hook = head.expectContinue() ? beforeFirstRead : null;
        return head.chunked() ? new ChunkedBody(in, stall, hook, limits.maxHeaderBytes())
                : new FixedLengthBody(in, stall, hook, head.contentLength());
    }

    /** Bodies announced up to this size get one array of the announced size; larger ones grow as bytes arrive. */
    private static final int PREALLOCATE_LIMIT = 64 * 1024;
    private static final byte[] NO_BODY = new byte[0];

    /** Reads up to {@code len} body bytes; -1 once the framing says the body ended. */
    protected abstract int readBody(byte[] b, int off, int len) throws IOException;

    /** Whether more than {@code bytes} are known to be left unread (a chunked body never knows). */
    abstract boolean remainingExceeds(long bytes);

    /** The length the framing announced, or -1 when it does not say (chunked). */
    protected abstract long announcedLength();

    /**
     * The whole body, or null when it is larger than {@code max} (then nothing more is read).
     * Memory follows what arrives, not what the head claims: a client announcing megabytes and
     * sending nothing costs a small buffer.
     */
    final byte[] readWhole(long max) throws IOException {
        long announced = announcedLength();
        if (announced == 0) {
            return NO_BODY;
        }
        if (announced > max) {
            return null;
        }
        if (announced > 0 && announced <= PREALLOCATE_LIMIT) {
            byte[] bytes = new byte[(int) announced];
            readNBytes(bytes, 0, bytes.length); // the framing refuses a body that ends early
            return bytes;
        }
        long cap = Math.min(max + 1, Integer.MAX_VALUE - 8);
        byte[] bytes = new byte[(int) Math.min(cap, PREALLOCATE_LIMIT)];
        int size = 0;
        while (true) {
            if (size == bytes.length) {
                if (size > max) {
                    return null;
                }
                bytes = Arrays.copyOf(bytes, (int) Math.min((long) size * 2, cap));
            }
            int n = read(bytes, size, bytes.length - size);
            if (n < 0) {
                return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
            }
            size += n;
        }
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        try {
            if (beforeFirstRead != null) {
                BeforeFirstRead hook = beforeFirstRead;
                beforeFirstRead = null;
                hook.run();
            }
            int n = readBody(b, off, len);
            if (n < 0) {
                finished = true;
            }
            return n;
        } catch (SocketTimeoutException e) {
            failure = new MalformedRequestException(HttpProblem.REQUEST_TIMEOUT,
                    "No body bytes arrived for " + stallMillis / 1000 + " s");
            throw failure;
        } catch (MalformedRequestException e) {
            failure = e;
            throw e;
        }
    }

    /** The framing or timeout failure a read ran into, or null. */
    final MalformedRequestException failure() {
        return failure;
    }

    final boolean finished() {
        return finished;
    }

    /** True while the client may still be waiting for 100 Continue before it sends anything. */
    final boolean awaitingContinue() {
        return beforeFirstRead != null;
    }

    /**
     * Reads and discards what is left, up to {@code max} bytes, so the connection can carry the
     * next request. False when the body is longer, broken or stalled: then the connection must close.
     */
    final boolean drain(long max) {
        if (finished) {
            return true;
        }
        if (failure != null || awaitingContinue()) {
            return false;
        }
        try {
            long left = max;
            byte[] skip = new byte[(int) Math.min(8192, Math.max(1, max))];
            while (left >= 0) {
                int n = read(skip, 0, (int) Math.min(skip.length, Math.max(1, left)));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public final void close() {
        // the connection outlives its requests' bodies
    }

    protected static MalformedRequestException incomplete(String message) {
        return new MalformedRequestException(HttpProblem.INCOMPLETE_BODY, message);
    }
}
