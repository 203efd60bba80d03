package io.slipway.model.runtime;

/**
 * A write that lost a race with another one and may simply be tried again. The store throws it
 * (it lives here so that the protocols, which know no store, can tell it from a bug): when one
 * reaches a protocol after the store's own retries, the client is told to slow down and try again
 * (a throttling error, which AWS SDKs retry by themselves), never an internal error.
 */
public abstract class RetryableConflict extends RuntimeException {
    protected RetryableConflict(String message) {
        super(message, null, false, false);
    }
}
