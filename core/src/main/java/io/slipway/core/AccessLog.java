package io.slipway.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One line per request: time, request id, account, region, operation, status, duration.
 * Buffered and flushed at most every 200 ms by a daemon thread, so logging does not cost a write
 * system call per request; a lock rather than synchronized keeps virtual threads unpinned.
 */
public final class AccessLog implements AutoCloseable {
    private final BufferedWriter out;
    private final ReentrantLock lock = new ReentrantLock();
    private final boolean enabled;
    private final Thread flusher;
    private volatile boolean closed;

    public AccessLog(PrintStream target, boolean enabled) {
        this.out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
        this.enabled = enabled;
        this.flusher = enabled ? Thread.ofPlatform().daemon().name("slipway-access-log").start(this::flushLoop) : null;
    }

    public static AccessLog disabled() {
        return new AccessLog(System.out, false);
    }

    public void log(String requestId, String account, String region, String operation, int status, long nanos) {
        if (!enabled) {
            return;
        }
        StringBuilder line = new StringBuilder(128);
        timestamp(line, System.currentTimeMillis());
        line.append(' ').append(requestId).append(' ').append(account).append(' ').append(region).append(' ')
                .append(operation).append(' ').append(status).append(' ').append(nanos / 1000).append("us\n");
        lock.lock();
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** The second's ISO-8601 prefix is formatted once per second; formatting it per line is costly. */
    private record Second(long epochSecond, String prefix) {
    }

    private volatile Second second = new Second(-1, "");

    private void timestamp(StringBuilder sb, long millis) {
        Second s = second;
        if (s.epochSecond() != millis / 1000) {
            String iso = Instant.ofEpochSecond(millis / 1000).toString();
            s = new Second(millis / 1000, iso.substring(0, iso.length() - 1)); // without the trailing Z
            second = s;
        }
        String prefix = s.prefix();
        int ms = (int) (millis % 1000);
        sb.append(prefix).append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                .append((char) ('0' + ms % 10)).append('Z');
    }

    private void flushLoop() {
        while (!closed) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }

    private void flush() {
        lock.lock();
        try {
            out.flush();
        } catch (IOException ignored) {
            // the console went away; nothing to do
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (flusher != null) {
            flusher.interrupt();
        }
        flush();
    }
}
