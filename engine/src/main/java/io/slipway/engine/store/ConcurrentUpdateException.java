package io.slipway.engine.store;

import io.slipway.model.runtime.RetryableConflict;

/**
 * Another transaction changed a resource between our read and our write, or held a lock we needed.
 * Not an answer to a client: the work is retried (by the workers, or by {@link Retry} for API calls).
 */
public final class ConcurrentUpdateException extends RetryableConflict {
    public ConcurrentUpdateException(String what) {
        super(what + " changed concurrently");
    }
}
