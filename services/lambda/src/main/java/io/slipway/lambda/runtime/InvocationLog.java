package io.slipway.lambda.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * An environment's output, and each invocation's share of it. The process writes stdout and stderr
 * straight into one file (appending), so whatever it printed before posting its answer is in the file
 * when the answer arrives: no reader thread can lag behind, and a chatty function cannot block on a
 * full pipe. The file is emptied between invocations once it grows large.
 */
final class InvocationLog {

    /** What Lambda's Invoke returns as LogResult. */
    static final int TAIL_BYTES = 4096;
    private static final long ROTATE_BYTES = 8L << 20;

    private final Path file;

    InvocationLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** At most the last {@code max} bytes written since {@code from}. */
    byte[] since(long from, int max) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = ch.size();
            long start = Math.max(Math.min(from, end), end - max);
            ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
            while (buffer.hasRemaining() && ch.read(buffer, start + buffer.position()) > 0) {
                // read until full
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Empties a large file; the process appends, so its next write lands at the new start. */
    void rotateIfLarge() {
        if (size() > ROTATE_BYTES) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            } catch (IOException e) {
                // keep appending; the next invocation tries again
            }
        }
    }

    /**
     * The last {@link #TAIL_BYTES} of START, the output and the closing lines, always keeping the
     * closing lines (END and REPORT) whole.
     */
    static String tail(String start, byte[] output, String closing) {
        byte[] head = (start + "\n").getBytes(StandardCharsets.UTF_8);
        boolean newline = output.length == 0 || output[output.length - 1] == '\n';
        byte[] end = ((newline ? "" : "\n") + closing + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + output.length + end.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(output, 0, all, head.length, output.length);
        System.arraycopy(end, 0, all, head.length + output.length, end.length);
        int from = Math.max(0, all.length - TAIL_BYTES);
        while (from > 0 && from < all.length && (all[from] & 0xC0) == 0x80) {
            from++; // start at a character boundary
        }
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
}
