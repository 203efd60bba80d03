package io.slipway.app;

import io.slipway.core.http.HttpHandler;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Gives memory back after a burst of requests. The launcher runs Slipway on the serial collector,
 * which returns heap to the operating system only at a full collection; without one, a heap that
 * a burst grew (a CI run, a fuzz run) stays at its peak for as long as Slipway idles. Once requests
 * have stopped for {@link #QUIET}, one full collection shrinks the heap to what is live; the next
 * burst earns the next one. Counting a request costs one uncontended add.
 */
final class IdleHeapTrim implements AutoCloseable {
    static final Duration QUIET = Duration.ofSeconds(5);
    private static final long CHECK_MILLIS = 1000;

    private final LongAdder requests = new LongAdder();
    private final LongSupplier nanoTime;
    private final Runnable collect;
    private final Thread checker;
    private long seen;
    private long lastChange;
    private boolean burst;

    private IdleHeapTrim(LongSupplier nanoTime, Runnable collect, boolean start) {
        this.nanoTime = nanoTime;
        this.collect = collect;
        this.lastChange = nanoTime.getAsLong();
        this.checker = start ? Thread.ofPlatform().daemon().name("slipway-idle-heap-trim").start(this::loop) : null;
    }

    /** Trims the running JVM's heap, checking once a second. */
    static IdleHeapTrim start() {
        return new IdleHeapTrim(System::nanoTime, System::gc, true);
    }

    /** For tests: nothing runs by itself; {@link #check} is called by hand. */
    static IdleHeapTrim manual(LongSupplier nanoTime, Runnable collect) {
        return new IdleHeapTrim(nanoTime, collect, false);
    }

    /** The handler, counting each request it serves. */
    HttpHandler counting(HttpHandler next) {
        return request -> {
            requests.increment();
            return next.handle(request);
        };
    }

    /** One look: a burst that has been quiet long enough is collected after, once. */
    void check() {
        long count = requests.sum();
        long now = nanoTime.getAsLong();
        if (count != seen) {
            seen = count;
            lastChange = now;
            burst = true;
        } else if (burst && now - lastChange >= QUIET.toNanos()) {
            burst = false;
            collect.run();
        }
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(CHECK_MILLIS);
                check();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.interrupt();
        }
    }
}
