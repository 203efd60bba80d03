package io.slipway.engine.store;

/**
 * A unique or primary key already holds the value being inserted. Services map it to their
 * modelled error (e.g. ApplicationAlreadyExistsException). On PostgreSQL the failed statement
 * aborts the surrounding transaction, so let it propagate out of the transaction rather than
 * carrying on inside it.
 */
public final class DuplicateKeyException extends StoreException {

    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
