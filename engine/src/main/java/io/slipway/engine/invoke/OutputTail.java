package io.slipway.engine.invoke;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The last {@code limit} bytes of a stream, in bounded memory: a failing function's last lines say
 * why it failed, and a chatty one must not fill Slipway's heap. Written by one reader thread and
 * read by the invoker, possibly while the reader is still running, hence synchronized.
 */
final class OutputTail {

    static final int LIMIT = 64 * 1024;

    private final byte[] ring;
    private long total;

    OutputTail() {
        this(LIMIT);
    }

    OutputTail(int limit) {
        this.ring = new byte[limit];
    }

    synchronized void append(byte[] bytes, int offset, int length) {
        int cap = ring.length;
        if (length > cap) { // only the last cap bytes can survive
            offset += length - cap;
            total += length - cap;
            length = cap;
        }
        while (length > 0) {
            int pos = (int) (total % cap);
            int n = Math.min(length, cap - pos);
            System.arraycopy(bytes, offset, ring, pos, n);
            offset += n;
            length -= n;
            total += n;
        }
    }

    void append(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        append(bytes, 0, bytes.length);
    }

    /** Copies the stream until it ends; a read error just ends the capture (the process is gone). */
    void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                append(buffer, 0, n);
            }
        } catch (IOException e) {
            // nothing more to capture
        }
    }

    synchronized long total() {
        return total;
    }

    /** The kept bytes as UTF-8, starting at a character boundary when the head was dropped. */
    synchronized String text() {
        int cap = ring.length;
        int size = (int) Math.min(total, cap);
        byte[] out = new byte[size];
        int start = (int) ((total - size) % cap);
        int first = Math.min(size, cap - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, size - first);
        int skip = 0;
        if (total > cap) {
            while (skip < Math.min(size, 3) && (out[skip] & 0xC0) == 0x80) { // UTF-8 continuation byte
                skip++;
            }
        }
        return new String(out, skip, size - skip, StandardCharsets.UTF_8);
    }

    /** A titled section to append to a result's detail (one final newline dropped), or nothing if the stream was empty. */
    synchronized String section(String title) {
        long all = total();
        if (all == 0) {
            return "";
        }
        String header = all > ring.length
                ? "--- " + title + " (last " + ring.length + " of " + all + " bytes) ---"
                : "--- " + title + " ---";
        String body = text();
        return "\n" + header + "\n" + (body.endsWith("\n") ? body.substring(0, body.length() - 1) : body);
    }
}
