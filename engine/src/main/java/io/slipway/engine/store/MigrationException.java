package io.slipway.engine.store;

/** The schema cannot be brought up to date safely; startup must stop. */
public final class MigrationException extends StoreException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
