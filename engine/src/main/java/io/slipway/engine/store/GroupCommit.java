package io.slipway.engine.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>Other transactions see a commit as soon as it is made in memory, before it is written. A
 * reader must not show what {@code kill -9} can still take back (a pipeline state naming a job that,
 * after a restart, is not there yet), so a transaction that only read waits too, but only while
 * some writer's change is unwritten: writers are counted from their first statement that changes
 * data until their commit is written or rolled back. A reader that saw a change finds its writer
 * still counted, takes a ticket as writers do, and the chunk that honours it, written after the
 * ticket, holds the change. Without writers in flight a read costs one atomic read.
 *
 * <p>A chunk is never written while a transaction rolls back. H2 2.3.232 undoes a change from
 * inside the decision callback of the undo log's {@code MVMap.operate}, and {@code operate} calls
 * that callback again when the map's root moved under it, which a chunk write does to every map.
 * The row is then restored a second time, after other transactions may have locked it and
 * committed newer versions: those commits are silently lost (a writer of an SSM parameter then
 * found its next version already stored, and PutParameter answered 500). So a rollback runs
 * holding the store's own lock ({@link MVStore#executeFilestoreOperation}), which every chunk
 * write in 2.3.232 holds: ours here, and those H2 starts by itself - the commit in every
 * transaction end while a freshly opened connection's {@code WRITE_DELAY=0} is in force (until
 * {@link #fileStoreOf} turns it off again), a write when unsaved pages pass the store's
 * auto-commit memory, compaction. An earlier lock of our own excluded only our writes: rounds of
 * 2,000 updates by 16 writers of one row, half of them rolling back, still lost commits in 1 of
 * 1,200 rounds, and in 5 of 100 with {@code WRITE_DELAY=0} applied every 2 ms as a newly opened
 * connection does; holding the store's lock, in none of 1,900 (1,300 of them with it, 300 of
 * those with a 40 MB heap). Rollbacks are rare (lost races, failed requests), so they hardly ever
 * wait.
 *
 * <p>What remains: a write that the rolling-back thread itself starts, when its own undo pushes
 * unsaved pages past the auto-commit memory (1 MB per 16 MB of heap, at most 19 MB; every commit
 * batch here writes a chunk, so only a transaction undoing megabytes gets near it), and H2's
 * rollback of a single failed statement inside a transaction, which does not pass through here
 * (a statement that changed some rows and then failed, rare in the stores' single-row statements).
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
    /** Transactions between their first change and the end of their wait for it to be written (or their rollback). */
    private final AtomicInteger writers = new AtomicInteger();

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

    void writerStarted() {
        writers.incrementAndGet();
    }

    void writerEnded() {
        writers.decrementAndGet();
    }

    /** Whether a change some transaction made may be visible but not written yet. */
    boolean writersUnwritten() {
        return writers.get() > 0;
    }

    /** Returns once everything committed before this call (by the caller or by anyone else) has been written. */
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

    /** Rolls back the connection's transaction while no chunk can be written (see above). */
    static void rollback(Connection connection) throws SQLException {
        MVStore store = fileStoreOf(connection);
        if (store == null) {
            connection.rollback();
            return;
        }
        // Whatever escapes the operation makes H2 close the store as broken, so nothing may.
        Throwable[] failure = new Throwable[1];
        try {
            store.executeFilestoreOperation(() -> {
                try {
                    connection.rollback();
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
        } catch (MVStoreException e) {
            throw new SQLException("the embedded database could not roll back: " + e.getMessage(), e);
        }
        switch (failure[0]) {
            case null -> { }
            case SQLException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new SQLException(failure[0]);
        }
    }

    /** Called holding the lock; writes without it, so later commits can queue for the next chunk. */
    private void writeChunk(MVStore store) {
        writing = true;
        long upTo = committed;
        boolean written = false;
        lock.unlock();
        try {
            store.commit();
            written = true;
        } catch (MVStoreException e) {
            throw new StoreException("the embedded database could not write its commit: " + e.getMessage(), e);
        } finally {
            lock.lock();
            writing = false;
            if (written) {
                durable = upTo;
            }
            chunkWritten.signalAll();
        }
    }
}
