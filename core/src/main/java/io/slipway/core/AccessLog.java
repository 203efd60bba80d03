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
        String line = Instant.now() + " " + requestId + " " + account + " " + region + " " + operation + " "
                + status + " " + (nanos / 1000) + "us\n";
        lock.lock();
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
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
