package io.slipway.engine.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Group commit for the embedded H2 file store. H2 commits a transaction in memory; its changes
 * reach the file when the store writes a chunk. Writing one chunk per commit ({@code WRITE_DELAY=0})
 * made every transaction pay for a whole chunk under the store's lock. Here a writing transaction
 * commits in memory, then waits until a chunk written after its commit has reached the OS: the
 * first waiter writes one chunk for everything committed so far, and those who arrive while it
 * writes share the next. A transaction is acknowledged only after that, so {@code kill -9} loses
 * nothing acknowledged, as before (guarded by {@code H2StoreTest}).
 *
 * <p>A chunk is never written while a transaction rolls back. H2 2.3.232 undoes a change from
 * inside the decision callback of the undo log's {@code MVMap.operate}, and {@code operate} calls
 * that callback again when the map's root moved under it, which a chunk write does to every map.
 * The row is then restored a second time, after other transactions may have locked it and
 * committed newer versions: those commits are silently lost (a writer of an SSM parameter then
 * found its next version already stored, and PutParameter answered 500). Rollbacks share
 * {@link #rollbacks}; a chunk write takes it alone. Measured with 16 writers of one row, half of
 * them rolling back: without the exclusion 20,000 updates lost 15 to 18 committed ones in each of
 * 3 runs ({@code H2StoreTest}); with it none did in 3 runs, and 1 of 155 rounds of 2,000 updates
 * still lost some: H2 also writes a chunk by itself when its write buffer fills, which this lock
 * cannot reach. Rollbacks are rare (lost races, failed requests), so they hardly ever wait.
 *
 * <p>Uses H2's engine classes (pinned version 2.3.232) to reach the store of the connection's own
 * database, looked up on every commit: a database H2 closed and reopened has a new store.
 */
final class GroupCommit {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition chunkWritten = lock.newCondition();
    /** Tickets handed out: one per transaction committed in memory that waits to be durable. */
    private long committed;
    /** Every ticket up to this one is in a written chunk. */
    private long durable;
    private boolean writing;
    private final ReentrantReadWriteLock rollbacks = new ReentrantReadWriteLock();

    /**
     * The file store behind an embedded H2 connection, or null when there is none: in memory, or
     * after {@code SHUTDOWN}, which writes everything itself.
     */
    static MVStore fileStoreOf(Connection connection) {
        if (connection instanceof JdbcConnection h2 && h2.getSession() instanceof SessionLocal session
                && !session.isClosed() && session.getDatabase().getStore() != null) {
            MVStore store = session.getDatabase().getStore().getMvStore();
            if (store.getFileStore() == null || store.isClosed()) {
                return null;
            }
            if (store.getAutoCommitDelay() == 0) {
                // WRITE_DELAY=0 (the URL's, so a store reached any other way stays durable) makes
                // H2 write a chunk in every commit. -1 stops that without starting H2's background
                // writer, whose two thread hand-offs per chunk cost more than they save on small
                // machines: from here on the waiters below write the chunks.
                store.setAutoCommitDelay(-1);
            }
            return store;
        }
        return null;
    }

    /** Returns once everything the caller committed before this call has been written. */
    void awaitDurable(MVStore store) {
        lock.lock();
        try {
            long ticket = ++committed;
            while (durable < ticket) {
                if (writing) {
                    chunkWritten.awaitUninterruptibly();
                } else {
                    writeChunk(store);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Rolls back the connection's transaction while no chunk is being written (see above). */
    void rollback(Connection connection) throws SQLException {
        rollbacks.readLock().lock();
        try {
            connection.rollback();
        } finally {
            rollbacks.readLock().unlock();
        }
    }

    /** Called holding the lock; writes without it, so later commits can queue for the next chunk. */
    private void writeChunk(MVStore store) {
        writing = true;
        long upTo = committed;
        boolean written = false;
        lock.unlock();
        rollbacks.writeLock().lock();
        try {
            store.commit();
            written = true;
        } catch (MVStoreException e) {
            throw new StoreException("the embedded database could not write its commit: " + e.getMessage(), e);
        } finally {
            rollbacks.writeLock().unlock();
            lock.lock();
            writing = false;
            if (written) {
                durable = upTo;
            }
            chunkWritten.signalAll();
        }
    }
}
