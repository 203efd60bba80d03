package io.slipway.engine.store;

import java.sql.Driver;
import java.sql.SQLException;

/**
 * The few real differences between the databases Slipway runs on. Everything else is one SQL
 * text for both, so the same store test suite proves both.
 */
public enum Dialect {

    /**
     * Embedded, single process (the file is locked). Claims take no row locks while choosing:
     * measured on H2 2.3.232, {@code SELECT ... ORDER BY ... LIMIT n FOR UPDATE SKIP LOCKED} locks
     * every row matching the WHERE clause, not just the n returned, so concurrent claimers would
     * find nothing. Candidates are read plainly and won by the version-checked UPDATE instead.
     */
    H2("", "", "") {
        @Override
        public Driver driver() {
            return new org.h2.Driver();
        }
    },

    /** Shared by several nodes: candidates are locked with SKIP LOCKED so nodes never queue on each other. */
    POSTGRES(" FOR UPDATE SKIP LOCKED", "SELECT pg_advisory_xact_lock(72021175)", "SELECT pg_notify(?, ?)") {
        @Override
        public Driver driver() {
            return new org.postgresql.Driver();
        }
    };

    /** Both report unique violations as SQLState 23505 (verified by the store contract tests). */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final java.util.Set<String> CONFLICT_STATES = java.util.Set.of("40001", "40P01", "HYT00", "90131");

    private final String claimLockSuffix;
    private final String migrationLockSql;
    private final String notifySql;

    Dialect(String claimLockSuffix, String migrationLockSql, String notifySql) {
        this.claimLockSuffix = claimLockSuffix;
        this.migrationLockSql = migrationLockSql;
        this.notifySql = notifySql;
    }

    /**
     * Sends one notification to the other nodes when the transaction commits (its parameters are the
     * channel and the payload); empty when no other node can share the database ({@link Signals}).
     */
    public String notifySql() {
        return notifySql;
    }

    /** Created directly rather than through DriverManager, which finds drivers by scanning the classpath. */
    public abstract Driver driver();

    /** Appended to the query that picks work items to claim. */
    public String claimLockSuffix() {
        return claimLockSuffix;
    }

    /**
     * Serialises migration runs of several nodes starting at once; empty when the database cannot
     * be shared (H2 embedded holds an exclusive file lock).
     */
    public String migrationLockSql() {
        return migrationLockSql;
    }

    public boolean isDuplicateKey(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /**
     * A race lost to another transaction, which running the transaction again resolves: a
     * serialization failure or deadlock (40001 on both, 40P01 on PostgreSQL), or, on H2, a lock
     * wait that timed out (HYT00) or a row changed under a concurrent update (90131).
     */
    public boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return state != null && CONFLICT_STATES.contains(state);
    }

    /** SQLState class 08 means the connection itself is gone; such a connection must not be reused. */
    public boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:h2: or jdbc:postgresql:): " + jdbcUrl);
    }
}
