package io.slipway.engine.work;

import io.slipway.engine.store.WorkItem;

/**
 * Performs one kind of work. Handlers must be idempotent: after a crash, or when a lease expires
 * mid-run, an item runs again. A handler that records its outcome in the store should complete
 * the item in that same transaction ({@code WorkQueue.complete(tx, item)}); if that returns false
 * the lease was lost and the handler should throw to roll its transaction back. Throwing
 * retries the item later with backoff.
 */
@FunctionalInterface
public interface WorkHandler {

    void perform(WorkItem item) throws Exception;

    /**
     * What becomes of an item whose last allowed attempt failed: the service records the failure in
     * its own terms (a failed operation with a reason), in a transaction that may complete the item or
     * reschedule it for the work that follows (attempts start again). The item ends afterwards either
     * way, even when this throws, so that nothing is retried forever.
     */
    @FunctionalInterface
    interface Abandon {
        void abandon(WorkItem item, Throwable lastFailure) throws Exception;
    }
}
