package io.slipway.engine.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pool of JDBC connections. A semaphore bounds how many are in use and a lock-free
 * deque holds the idle ones; nothing here uses {@code synchronized}, so thousands of virtual
 * threads can wait for a connection without pinning carrier threads. Idle connections are reused
 * most-recently-first (warm caches) and validated only after sitting idle for a while, because a
 * validation round trip on every borrow would double the cost of a short statement.
 */
final class ConnectionPool implements AutoCloseable {

    private static final long VALIDATE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private record Idle(Connection connection, long idleSinceNanos) { }

    private final DatabaseConfig config;
    private final Driver driver;
    private final Properties properties = new Properties();
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ConnectionPool(DatabaseConfig config) {
        this.config = config;
        this.driver = config.dialect().driver();
        this.permits = new Semaphore(config.poolSize(), true);
        if (!config.user().isEmpty()) {
            properties.setProperty("user", config.user());
        }
        if (!config.password().isEmpty()) {
            properties.setProperty("password", config.password());
        }
    }

    Connection borrow() {
        if (closed) {
            throw new StoreException("database is closed");
        }
        acquirePermit();
        try {
            for (Idle candidate = idle.pollFirst(); candidate != null; candidate = idle.pollFirst()) {
                if (isUsable(candidate)) {
                    return candidate.connection();
                }
                closeQuietly(candidate.connection());
            }
            return open();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a connection; {@code reusable} is false when its state is unknown or it is broken. */
    void release(Connection connection, boolean reusable) {
        try {
            if (reusable && !closed) {
                idle.offerFirst(new Idle(connection, System.nanoTime()));
                if (closed) {
                    drainIdle(); // close() ran while we were offering
                }
            } else {
                closeQuietly(connection);
            }
        } finally {
            permits.release();
        }
    }

    /** Closes idle connections; connections in use are closed when they come back. */
    @Override
    public void close() {
        closed = true;
        drainIdle();
    }

    private void acquirePermit() {
        try {
            if (!permits.tryAcquire(config.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StoreException("no database connection became free within " + config.acquireTimeout()
                        + " (pool size " + config.poolSize() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
    }

    private boolean isUsable(Idle candidate) {
        if (System.nanoTime() - candidate.idleSinceNanos() < VALIDATE_AFTER_IDLE_NANOS) {
            return true;
        }
        try {
            return candidate.connection().isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    Connection openUnpooled() {
        return open();
    }

    private Connection open() {
        try {
            Connection connection = driver.connect(config.jdbcUrl(), properties);
            if (connection == null) {
                throw new StoreException("driver rejected URL " + config.jdbcUrl());
            }
            return connection;
        } catch (SQLException e) {
            throw new StoreException("cannot connect to " + config.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    private void drainIdle() {
        for (Idle i = idle.pollFirst(); i != null; i = idle.pollFirst()) {
            closeQuietly(i.connection());
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken; nothing more to release.
        }
    }
}
