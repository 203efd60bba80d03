package io.slipway.engine.store;

import java.util.function.Supplier;

/** Runs a transaction again when it lost an optimistic-update race, a bounded number of times. */
public final class Retry {
    private static final int ATTEMPTS = 5;

    private Retry() {
    }

    public static <T> T onConflict(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (ConcurrentUpdateException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }
}
