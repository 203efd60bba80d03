package io.slipway.engine.store;

import java.sql.SQLException;
import java.util.Optional;

/** A database failure that callers cannot be expected to handle case by case. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The SQLState of the underlying database error, when there is one. */
    public Optional<String> sqlState() {
        return getCause() instanceof SQLException e ? Optional.ofNullable(e.getSQLState()) : Optional.empty();
    }
}
