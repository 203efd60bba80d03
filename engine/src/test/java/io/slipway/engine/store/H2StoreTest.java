package io.slipway.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2StoreTest extends StoreContract {

    @TempDir
    Path dataDir;

    @Override
    protected DatabaseConfig freshDatabase() {
        return DatabaseConfig.h2InMemory();
    }

    @Override
    protected void dropDatabases() {
        // In-memory databases vanish when closed.
    }

    @Test
    void inMemoryDatabasesArePrivateToEachInstance() {
        try (Database other = Database.open(DatabaseConfig.h2InMemory())) {
            resources.insert(new ResourceKey("1", "r", "k", "only-here"), Optional.empty(), "{}");
            assertThat(new ResourceStore(other.jdbc(), clock).get(new ResourceKey("1", "r", "k", "only-here"))).isEmpty();
        }
    }

    @Test
    void aTimerScheduledBeforeARestartFiresAfterItOnce() throws Exception {
        DatabaseConfig config = DatabaseConfig.h2File(dataDir);
        ManualClock before = new ManualClock(T0);
        try (Database first = Database.open(config)) {
            new WorkQueue(first.jdbc(), before, IdGenerator.uuid()).enqueue("timer", "wake-me", T0.plus(Duration.ofHours(1)));
            new ResourceStore(first.jdbc(), before).insert(new ResourceKey("1", "r", "k", "kept"), Optional.empty(), "{}");
        }

        List<String> fired = new CopyOnWriteArrayList<>();
        ManualClock after = new ManualClock(T0.plus(Duration.ofHours(2)));
        try (Database second = Database.open(config)) {
            assertThat(second.jdbc().queryOne("SELECT COUNT(*) FROM slipway_schema_history", Jdbc.Binder.NONE,
                    rs -> rs.getInt(1))).contains(Migrations.builtIn().migrations().size());
            assertThat(new ResourceStore(second.jdbc(), after).get(new ResourceKey("1", "r", "k", "kept"))).isPresent();
            WorkQueue queue = new WorkQueue(second.jdbc(), after, IdGenerator.uuid());
            try (Workers workers = new Workers(queue, after, WorkersConfig.defaults("node-after-restart"))) {
                workers.register("timer", item -> fired.add(item.payload())).start();
                assertThat(workers.awaitIdle(WAIT)).isTrue();
            }
            assertThat(queue.count()).isZero();
        }
        assertThat(fired).containsExactly("wake-me");

        try (Database third = Database.open(config)) {
            WorkQueue queue = new WorkQueue(third.jdbc(), after, IdGenerator.uuid());
            try (Workers workers = new Workers(queue, after, WorkersConfig.defaults("node-third"))) {
                workers.register("timer", item -> fired.add(item.payload())).start();
                after.advance(Duration.ofDays(1));
                assertThat(workers.awaitIdle(WAIT)).isTrue();
            }
        }
        assertThat(fired).containsExactly("wake-me");
    }

    @Test
    void acknowledgedCommitsSurviveKill9() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                H2CrashWriter.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = child.inputReader()) {
            for (String line = out.readLine(); line != null && acknowledged.size() < 300; line = out.readLine()) {
                acknowledged.add(line);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            child.waitFor();
        }
        assertThat(acknowledged).hasSize(300);

        try (Database reopened = Database.open(DatabaseConfig.h2File(dataDir))) {
            ResourceStore store = new ResourceStore(reopened.jdbc(), clock);
            long work = new WorkQueue(reopened.jdbc(), clock, IdGenerator.uuid()).count();
            assertThat(acknowledged).allSatisfy(id -> assertThat(store.get(new ResourceKey("1", "r", "k", id))).isPresent());
            assertThat(work).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }

    /**
     * Writers of one row, every other one rolling back after its update, while the file store writes
     * chunks for the others' commits. H2 once restored a rolled-back row a second time when a chunk
     * write raced the rollback, undoing updates committed in between (GroupCommit says how); the row's
     * version then fell behind its commits. SSM parameters showed it as a version written twice:
     * PutParameter answered 500. Meanwhile connections to the database keep being opened, as a pool
     * does under load: each applies the URL's {@code WRITE_DELAY=0}, which until GroupCommit turns it
     * off again makes H2 write a chunk at the end of every transaction, by itself.
     */
    @Test
    void rollbacksBesideChunkWritesLoseNoCommittedUpdate() throws Exception {
        DatabaseConfig config = DatabaseConfig.h2File(dataDir);
        try (Database file = Database.open(config)) {
            ResourceStore store = new ResourceStore(file.jdbc(), clock);
            ResourceKey row = new ResourceKey("1", "r", "k", "contended");
            store.insert(row, Optional.empty(), "{}");
            AtomicInteger next = new AtomicInteger();
            AtomicInteger committed = new AtomicInteger();
            AtomicBoolean written = new AtomicBoolean();
            Thread opener = Thread.ofPlatform().start(() -> {
                while (!written.get()) {
                    try (Connection fresh = DriverManager.getConnection(config.jdbcUrl())) {
                        Thread.sleep(2);
                    } catch (SQLException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < 16; w++) {
                    writers.submit(() -> {
                        for (int i = next.getAndIncrement(); i < 20_000; i = next.getAndIncrement()) {
                            boolean rollBack = i % 2 == 1;
                            try {
                                Retry.onConflict(() -> file.jdbc().inTransaction(tx -> {
                                    StoredResource read = store.get(tx, row).orElseThrow();
                                    if (!store.update(tx, row, read.version(), "{}")) {
                                        throw new ConcurrentUpdateException("contended row");
                                    }
                                    if (rollBack) {
                                        throw new IllegalStateException("roll back");
                                    }
                                    return null;
                                }));
                                committed.incrementAndGet();
                            } catch (IllegalStateException rolledBack) {
                                // as intended
                            }
                        }
                        return null;
                    });
                }
            }
            written.set(true);
            opener.join();
            assertThat(committed.get()).isEqualTo(10_000);
            assertThat(store.get(row).orElseThrow().version()).isEqualTo(1 + 10_000L);
        }
    }

    /**
     * A commit is visible before its chunk is written. A reader that may have seen such a change
     * returns only once it is written, so nothing a caller was shown is taken back by kill -9; with
     * no writer in flight, reading writes nothing.
     */
    @Test
    void aReadWhileAWriterIsUnwrittenReturnsOnceWhatItMaySeeIsWritten() throws Exception {
        try (Database file = Database.open(DatabaseConfig.h2File(dataDir))) {
            Jdbc jdbc = file.jdbc();
            ResourceStore store = new ResourceStore(jdbc, clock);
            store.insert(new ResourceKey("1", "r", "k", "first"), Optional.empty(), "{}");
            // A change committed in memory and not counted as a writer: the state between a writer's
            // commit and its chunk.
            org.h2.mvstore.MVStore mvStore = jdbc.autoCommit(tx -> {
                try (var st = tx.connection().createStatement()) {
                    st.executeUpdate("CREATE TABLE shown(id INT)");
                    st.executeUpdate("INSERT INTO shown VALUES (1)");
                }
                return GroupCommit.fileStoreOf(tx.connection());
            });
            assertThat(jdbc.query("SELECT id FROM shown", Jdbc.Binder.NONE, rs -> rs.getInt(1))).containsExactly(1);
            assertThat(mvStore.hasUnsavedChanges()).as("no writer in flight: the read wrote nothing").isTrue();

            var inFlight = new java.util.concurrent.CountDownLatch(1);
            var release = new java.util.concurrent.Semaphore(0);
            Thread writer = Thread.ofVirtual().start(() -> jdbc.runInTransaction(tx -> {
                store.insert(tx, new ResourceKey("1", "r", "k", "second"), Optional.empty(), "{}");
                inFlight.countDown();
                release.acquireUninterruptibly();
            }));
            inFlight.await();
            assertThat(jdbc.query("SELECT id FROM shown", Jdbc.Binder.NONE, rs -> rs.getInt(1))).containsExactly(1);
            assertThat(mvStore.hasUnsavedChanges()).as("a writer in flight: the read waited for a chunk").isFalse();
            release.release();
            writer.join();
        }
    }

    @Test
    void leasesOfADeadProcessCanBeReleasedAtStartup() {
        queue.enqueue("job", "{}", T0);
        assertThat(queue.claim("dead-process", T0, 1, LEASE)).hasSize(1);
        assertThat(queue.claim("new-process", T0, 1, LEASE)).isEmpty();
        assertThat(queue.releaseAllLeases()).isEqualTo(1);
        assertThat(queue.claim("new-process", T0, 1, LEASE)).hasSize(1);
    }
}
