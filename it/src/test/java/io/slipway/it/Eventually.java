package io.slipway.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiting for what moves outside the engine's idle state (stack operations, host agents, hook
 * functions): reads again every 20 ms until the value is done, and fails after 60 s.
 */
public final class Eventually {
    private Eventually() {
    }

    public static <T> T await(Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = read.get();
        }
        assertThat(done.test(value)).as("reached in time: " + value).isTrue();
        return value;
    }
}
