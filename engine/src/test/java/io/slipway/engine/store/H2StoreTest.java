package io.slipway.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
                    rs -> rs.getInt(1))).contains(1);
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

    @Test
    void leasesOfADeadProcessCanBeReleasedAtStartup() {
        queue.enqueue("job", "{}", T0);
        assertThat(queue.claim("dead-process", T0, 1, LEASE)).hasSize(1);
        assertThat(queue.claim("new-process", T0, 1, LEASE)).isEmpty();
        assertThat(queue.releaseAllLeases()).isEqualTo(1);
        assertThat(queue.claim("new-process", T0, 1, LEASE)).hasSize(1);
    }
}
