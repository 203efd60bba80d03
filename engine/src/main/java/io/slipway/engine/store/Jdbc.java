package io.slipway.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.MVStore;

/**
 * Plain JDBC with the ceremony taken out: borrow a connection, run the work, commit or roll
 * back, translate errors, give the connection back. Every SQL failure surfaces as a
 * {@link StoreException} ({@link DuplicateKeyException} for unique violations); exceptions thrown
 * by the work itself roll back and pass through unchanged, so services can throw modelled errors.
 * Do not open a second transaction from inside one: pass the {@link Tx} down instead.
 * On the embedded file store, work that changed data returns only once its commit is written
 * ({@link GroupCommit}), so whatever a caller acknowledges survives {@code kill -9}; so does work
 * that only read, when a change it may have seen is not written yet, so what a caller was shown
 * survives too.
 */
public final class Jdbc {

    @FunctionalInterface
    public interface Binder {
        Binder NONE = ps -> { };

        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface TxWork<T> {
        T run(Tx tx) throws SQLException;
    }

    @FunctionalInterface
    public interface TxAction {
        void run(Tx tx) throws SQLException;
    }

    private final ConnectionPool pool;
    private final Dialect dialect;
    /** Null where a commit is durable when it returns (PostgreSQL) or nothing is (in memory). */
    private final GroupCommit groupCommit;

    Jdbc(ConnectionPool pool, DatabaseConfig config) {
        this.pool = pool;
        this.dialect = config.dialect();
        this.groupCommit = config.embeddedFile() ? new GroupCommit() : null;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction and returns its result once committed. */
    public <T> T inTransaction(TxWork<T> work) {
        return run(work, true);
    }

    public void runInTransaction(TxAction work) {
        run(tx -> {
            work.run(tx);
            return null;
        }, true);
    }

    /** Runs {@code work} with each statement committing on its own: for single statements, no separate commit round trip. */
    public <T> T autoCommit(TxWork<T> work) {
        return run(work, false);
    }

    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return autoCommit(tx -> tx.query(sql, binder, mapper));
    }

    public <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) {
        return autoCommit(tx -> tx.queryOne(sql, binder, mapper));
    }

    public int update(String sql, Binder binder) {
        return autoCommit(tx -> tx.update(sql, binder));
    }

    private <T> T run(TxWork<T> work, boolean transactional) {
        Connection connection = pool.borrow();
        Tx tx = new Tx(connection, dialect, groupCommit);
        T result;
        try {
            result = commit(tx, connection, work, transactional);
        } finally {
            if (groupCommit != null && tx.wrote()) {
                groupCommit.writerEnded();
            }
        }
        tx.afterCommitActions().forEach(Runnable::run);
        return result;
    }

    /** Commits (or, on failure, rolls back) and returns once what the work wrote, or saw, is written. */
    private <T> T commit(Tx tx, Connection connection, TxWork<T> work, boolean transactional) {
        boolean finished = false;
        MVStore unwritten = null;
        T result;
        try {
            if (transactional) {
                connection.setAutoCommit(false);
            }
            result = work.run(tx);
            tx.sendNotifications();
            if (transactional) {
                connection.commit();
                connection.setAutoCommit(true);
            }
            finished = true;
            if (groupCommit != null && (tx.wrote() || groupCommit.writersUnwritten())) {
                unwritten = GroupCommit.fileStoreOf(connection);
            }
        } catch (SQLException e) {
            throw tx.translate(e, transactional ? "(transaction)" : "(auto-commit work)");
        } finally {
            // After any failure: roll back, and reuse the connection only if it is provably clean again.
            boolean reusable = !tx.connectionLost() && (finished || rollbackAndReset(connection, groupCommit));
            pool.release(connection, reusable);
        }
        if (unwritten != null) {
            groupCommit.awaitDurable(unwritten);
        }
        return result;
    }

    private static boolean rollbackAndReset(Connection connection, GroupCommit groupCommit) {
        try {
            if (!connection.getAutoCommit()) {
                if (groupCommit != null) {
                    GroupCommit.rollback(connection);
                } else {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            }
            return !connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }
}
