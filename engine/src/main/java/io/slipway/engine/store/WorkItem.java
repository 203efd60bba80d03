package io.slipway.engine.store;

import java.time.Instant;

/**
 * A claimed work item. {@code (id, version)} is the lease: every claim or reschedule bumps the
 * version, so an owner whose lease expired and was taken over can no longer complete, reschedule
 * or extend it. {@code attempts} counts claims, including the current one.
 */
public record WorkItem(String id, String kind, String payload, Instant dueAt, int attempts, long version,
                       String leaseOwner, Instant leaseUntil, Instant createdAt) {
}
