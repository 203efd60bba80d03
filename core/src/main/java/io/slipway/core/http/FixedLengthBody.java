package io.slipway.core.http;

import java.io.IOException;

/** A body of exactly Content-Length bytes. */
final class FixedLengthBody extends RequestBody {
    private final long length;
    private long remaining;

    FixedLengthBody(HttpInput in, int stallMillis, BeforeFirstRead beforeFirstRead, long length) {
        super(in, stallMillis, length == 0 ? null : beforeFirstRead);
        this.length = length;
        this.remaining = length;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining), stallMillis);
        if (n < 0) {
            throw incomplete("The connection ended after " + (length - remaining) + " of the " + length
                    + " bytes Content-Length announced");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(in.buffered(), remaining);
    }

    @Override
    boolean remainingExceeds(long bytes) {
        return remaining > bytes;
    }

    @Override
    protected long announcedLength() {
        return length;
    }
}
