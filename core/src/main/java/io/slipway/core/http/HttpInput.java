package io.slipway.core.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A connection's input, buffered once for all its requests. Every read names how long it may
 * wait: the socket's read timeout is set only when that changes, so a blocking read on a virtual
 * thread doubles as the idle, head and body-stall timers.
 */
final class HttpInput {
    /** Sets how long the next read of the underlying stream may block (a socket's SO_TIMEOUT). */
    @FunctionalInterface
    interface ReadTimeout {
        void set(int millis) throws IOException;
    }

    private final ReadTimeout readTimeout;
    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private int timeout = -1;

    HttpInput(InputStream in, ReadTimeout readTimeout, int bufferSize) {
        this.readTimeout = readTimeout;
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** Puts back the one byte read before this input existed (the byte that told plain HTTP from TLS). */
    void unread(int b) {
        buffer[0] = (byte) b;
        pos = 0;
        limit = 1;
    }

    int buffered() {
        return limit - pos;
    }

    /**
     * Makes sure a byte is buffered, waiting up to {@code timeoutMillis}.
     *
     * @return false at the end of the stream
     * @throws java.net.SocketTimeoutException when nothing came in time
     */
    boolean fill(int timeoutMillis) throws IOException {
        if (pos < limit) {
            return true;
        }
        setTimeout(timeoutMillis);
        int n = in.read(buffer, 0, buffer.length);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    /** The next byte, or -1 at the end of the stream. */
    int read(int timeoutMillis) throws IOException {
        return fill(timeoutMillis) ? buffer[pos++] & 0xff : -1;
    }

    /** Up to {@code len} bytes: what is buffered, else one read of the socket; -1 at the end of the stream. */
    int read(byte[] b, int off, int len, int timeoutMillis) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit && len >= buffer.length) {
            // a large read goes straight into the caller's array, without a copy through ours
            setTimeout(timeoutMillis);
            return in.read(b, off, len);
        }
        if (!fill(timeoutMillis)) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Skips up to {@code max} buffered-or-arriving bytes; -1 at the end of the stream. */
    long skip(long max, int timeoutMillis) throws IOException {
        if (!fill(timeoutMillis)) {
            return -1;
        }
        int n = (int) Math.min(max, limit - pos);
        pos += n;
        return n;
    }

    /** The buffered bytes, for a parser scanning them in place. */
    byte[] buffer() {
        return buffer;
    }

    int position() {
        return pos;
    }

    void advance(int to) {
        pos = to;
    }

    int limit() {
        return limit;
    }

    private void setTimeout(int millis) throws IOException {
        if (millis != timeout) {
            readTimeout.set(millis);
            timeout = millis;
        }
    }
}
