package io.slipway.core.http;

import java.io.IOException;

/**
 * A chunked body (RFC 9112 section 7.1): hex size lines, each chunk followed by CRLF, a last
 * chunk of size 0 and trailer lines, which are read and dropped. Sizes past 2^60, chunk lines
 * longer than 4 KiB and trailers larger than the header cap are refused.
 */
final class ChunkedBody extends RequestBody {
    private static final int MAX_LINE = 4096;
    private final int maxTrailerBytes;
    private long chunkRemaining;
    private boolean first = true;

    ChunkedBody(HttpInput in, int stallMillis, BeforeFirstRead beforeFirstRead, int maxTrailerBytes) {
        super(in, stallMillis, beforeFirstRead);
        this.maxTrailerBytes = maxTrailerBytes;
    }

    @Override
    protected int readBody(byte[] b, int off, int len) throws IOException {
        if (chunkRemaining == 0) {
            if (!first) {
                endOfChunk();
            }
            first = false;
            chunkRemaining = chunkSize();
            if (chunkRemaining == 0) {
                trailers();
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, chunkRemaining), stallMillis);
        if (n < 0) {
            throw incomplete("The connection ended inside a chunk");
        }
        chunkRemaining -= n;
        return n;
    }

    @Override
    boolean remainingExceeds(long bytes) {
        return false;
    }

    @Override
    protected long announcedLength() {
        return -1;
    }

    private void endOfChunk() throws IOException {
        int c = next();
        if (c == '\r') {
            c = next();
        }
        if (c != '\n') {
            throw bad("A chunk is longer than its size line says");
        }
    }

    /** chunk-size [ ; chunk-ext ] CRLF */
    private long chunkSize() throws IOException {
        long size = 0;
        int digits = 0;
        int c = next();
        while (RequestHeadParser.hex((byte) c)) {
            if (++digits > 15) {
                throw bad("A chunk size is too large");
            }
            size = size * 16 + Character.digit(c, 16);
            c = next();
        }
        if (digits == 0) {
            throw bad("A chunk size line does not start with a hex size");
        }
        if (c != ';' && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            throw bad("A chunk size is followed by something other than an extension");
        }
        boolean quoted = false;
        int read = digits;
        while (c != '\n') {
            if (++read > MAX_LINE) {
                throw bad("A chunk size line is too long");
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                next();
            } else if (c == '\r') {
                if (next() != '\n') {
                    throw bad("A chunk size line has a bare CR");
                }
                break;
            } else if ((c < ' ' && c != '\t') || c == 0x7f) {
                throw bad("A chunk size line has a control character");
            }
            c = next();
        }
        if (quoted) {
            throw bad("A chunk extension has an unterminated quoted string");
        }
        return size;
    }

    private void trailers() throws IOException {
        int total = 0;
        int lineLength = 0;
        while (true) {
            int c = next();
            if (++total > maxTrailerBytes) {
                throw new MalformedRequestException(HttpProblem.HEADERS_TOO_LARGE, "The chunked trailers are too large");
            }
            if (c == '\n') {
                if (lineLength == 0) {
                    return;
                }
                lineLength = 0;
            } else if (c != '\r') {
                lineLength++;
            }
        }
    }

    private int next() throws IOException {
        int c = in.read(stallMillis);
        if (c < 0) {
            throw incomplete("The connection ended inside the chunked framing");
        }
        return c;
    }

    private static MalformedRequestException bad(String message) {
        return new MalformedRequestException(HttpProblem.BAD_REQUEST, message);
    }
}
