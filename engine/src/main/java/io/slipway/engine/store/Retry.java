package io.slipway.engine.store;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a transaction again when it lost a race (an optimistic update, a lock wait, a first insert
 * of the same key), a bounded number of times with a growing pause, so that many writers of one
 * resource all get through instead of using up their attempts in lockstep. A duplicate key that
 * escapes the transaction is such a race too: work that gives a taken key a meaning (AlreadyExists)
 * catches it inside; one that escapes is an insert-if-absent that another writer won, and the
 * next attempt finds the row. A writer gets at least {@code ATTEMPTS} tries and keeps trying for
 * {@code PATIENCE}: on a busy machine a few attempts may all fall inside one other writer's turn.
 */
public final class Retry {
    private static final int ATTEMPTS = 12;
    private static final long MAX_PAUSE_MICROS = 50_000;
    private static final long PATIENCE_NANOS = Duration.ofSeconds(2).toNanos();

    private Retry() {
    }

    public static <T> T onConflict(Supplier<T> transaction) {
        long began = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (ConcurrentUpdateException | DuplicateKeyException e) {
                if (attempt >= ATTEMPTS && System.nanoTime() - began > PATIENCE_NANOS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /**
     * Doubles from 200 µs up to 50 ms. Each thread's pause is offset by a share derived from its
     * id, which spreads competing writers apart without drawing randomness.
     */
    private static void pause(int attempt) {
        long base = Math.min(MAX_PAUSE_MICROS, 200L << Math.min(attempt - 1, 10));
        long spread = (Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L >>> 40) % base;
        try {
            Thread.sleep(Duration.ofNanos((base + spread) * 500)); // between base/2 and base
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ConcurrentUpdateException("interrupted while retrying");
        }
    }
}
