package io.slipway.engine.work;

import java.time.Duration;

/**
 * How workers run. {@code owner} names this node in leases. Lease and backoff durations are in
 * Slipway time; {@code maxIdle} is real time: the longest a node sleeps without looking, which
 * bounds how late it notices work enqueued by another node.
 */
public record WorkersConfig(String owner, int concurrency, int batchSize, Duration leaseDuration, Duration maxIdle,
                            Duration retryBase, Duration retryMax, Duration closeTimeout) {

    public WorkersConfig {
        if (concurrency < 1 || batchSize < 1) {
            throw new IllegalArgumentException("concurrency and batch size must be at least 1");
        }
        if (!leaseDuration.isPositive() || !maxIdle.isPositive()) {
            throw new IllegalArgumentException("lease duration and max idle must be positive");
        }
    }

    public static WorkersConfig defaults(String owner) {
        return new WorkersConfig(owner, 8, 16, Duration.ofMinutes(5), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(10));
    }

    public WorkersConfig withConcurrency(int n) {
        return new WorkersConfig(owner, n, batchSize, leaseDuration, maxIdle, retryBase, retryMax, closeTimeout);
    }

    public WorkersConfig withMaxIdle(Duration d) {
        return new WorkersConfig(owner, concurrency, batchSize, leaseDuration, d, retryBase, retryMax, closeTimeout);
    }

    public WorkersConfig withLeaseDuration(Duration d) {
        return new WorkersConfig(owner, concurrency, batchSize, d, maxIdle, retryBase, retryMax, closeTimeout);
    }

    /** Exponential: base, 2 base, 4 base, ... capped at {@code retryMax}. */
    Duration retryDelay(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration delay = retryBase.multipliedBy(1L << doublings);
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }
}
