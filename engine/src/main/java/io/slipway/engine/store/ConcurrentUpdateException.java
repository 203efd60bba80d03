package io.slipway.engine.store;

/**
 * Another transaction changed a resource between our read and our write. Not an answer to a
 * client: the work is retried (by the workers, or by {@link Retry} for API calls).
 */
public final class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(String what) {
        super(what + " changed concurrently", null, false, false);
    }
}
