package io.slipway.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One connection for the length of a unit of work: a transaction from {@link Jdbc#inTransaction}
 * or auto-commit statements from {@link Jdbc#autoCommit}. Stores take a {@code Tx} so a caller can
 * put a state change and the work it causes into one commit. Not thread-safe, not to be kept.
 */
public final class Tx {

    private final Connection connection;
    private final Dialect dialect;
    private List<Runnable> afterCommit;
    private java.util.Map<String, java.util.Set<String>> notifications;
    private boolean connectionLost;
    /** Whether a statement that may change data ran: only such work waits for its commit to be written. */
    private boolean wrote;
    /** The embedded file store's group commit, told of the first write; null on other stores. */
    private final GroupCommit groupCommit;

    Tx(Connection connection, Dialect dialect, GroupCommit groupCommit) {
        this.connection = connection;
        this.dialect = dialect;
        this.groupCommit = groupCommit;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** For the store's own tests; statements outside {@link #update} and {@link #execute} would skip the wait for durability. */
    Connection connection() {
        return connection;
    }

    public <T> List<T> query(String sql, Jdbc.Binder binder, Jdbc.RowMapper<T> mapper) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    public <T> Optional<T> queryOne(String sql, Jdbc.Binder binder, Jdbc.RowMapper<T> mapper) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                T row = mapper.map(rs);
                if (rs.next()) {
                    throw new StoreException("expected at most one row from: " + sql);
                }
                return Optional.of(row);
            }
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    public int update(String sql, Jdbc.Binder binder) {
        writing();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    /** Runs a statement without parameters or results, e.g. DDL. */
    public void execute(String sql) {
        writing();
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    /**
     * Runs {@code action} once the work has committed (never if it rolls back), e.g. to wake a
     * worker for a work item that only becomes visible at commit.
     */
    public void afterCommit(Runnable action) {
        if (afterCommit == null) {
            afterCommit = new ArrayList<>(2);
        }
        afterCommit.add(action);
    }

    /**
     * Tells the other nodes sharing the store that listen on {@code channel}, once this work commits, {@code payload}
     * (PostgreSQL's NOTIFY, which is itself transactional; nothing on the embedded store, which has
     * no other node). The same payload twice in one transaction is sent once.
     */
    public void notifyNodes(String channel, String payload) {
        if (dialect.notifySql().isEmpty()) {
            return;
        }
        if (notifications == null) {
            notifications = new java.util.LinkedHashMap<>(2);
        }
        notifications.computeIfAbsent(channel, c -> new java.util.LinkedHashSet<>(2)).add(payload);
    }

    /** Sends the notifications asked for, inside the transaction: they reach the other nodes at its commit. */
    void sendNotifications() throws SQLException {
        if (notifications == null) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(dialect.notifySql())) {
            for (var sent : notifications.entrySet()) {
                for (String payload : sent.getValue()) {
                    ps.setString(1, sent.getKey());
                    ps.setString(2, payload);
                    ps.executeQuery().close();
                }
            }
        }
        notifications = null;
    }

    List<Runnable> afterCommitActions() {
        return afterCommit == null ? List.of() : afterCommit;
    }

    boolean wrote() {
        return wrote;
    }

    /** Before the statement runs: a reader may see its change from then on (see {@link GroupCommit}). */
    private void writing() {
        if (!wrote) {
            wrote = true;
            if (groupCommit != null) {
                groupCommit.writerStarted();
            }
        }
    }

    boolean connectionLost() {
        return connectionLost;
    }

    RuntimeException translate(SQLException e, String sql) {
        if (dialect.isConnectionLost(e)) {
            connectionLost = true;
        }
        if (dialect.isDuplicateKey(e)) {
            return new DuplicateKeyException(e.getMessage(), e);
        }
        if (dialect.isConflict(e)) {
            return new ConcurrentUpdateException("a row locked by another transaction (" + e.getSQLState() + ")");
        }
        return new StoreException(e.getMessage() + " [SQL: " + sql + "]", e);
    }
}
