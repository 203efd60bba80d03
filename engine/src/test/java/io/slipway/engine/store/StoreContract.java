package io.slipway.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.cluster.Nodes;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database Slipway supports must do, run once per database by the subclasses. */
abstract class StoreContract {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration WAIT = Duration.ofSeconds(30);

    /** A new, empty database for this test; may be called more than once per test. */
    protected abstract DatabaseConfig freshDatabase();

    /** Removes whatever {@link #freshDatabase()} created. */
    protected abstract void dropDatabases();

    protected final ManualClock clock = new ManualClock(T0);
    protected Database db;
    protected ResourceStore resources;
    protected WorkQueue queue;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeEach
    void openStore() {
        db = Database.open(freshDatabase());
        resources = new ResourceStore(db.jdbc(), clock);
        AtomicInteger ids = new AtomicInteger();
        queue = new WorkQueue(db.jdbc(), clock, () -> "w" + String.format("%05d", ids.incrementAndGet()));
    }

    @AfterEach
    void closeStore() throws Exception {
        for (AutoCloseable c : closeAfter.reversed()) {
            c.close();
        }
        if (db != null) { // null when the database was unavailable and the test skipped
            db.close();
        }
        dropDatabases();
    }

    private static ResourceKey key(String id) {
        return new ResourceKey("111122223333", "eu-west-1", "application", id);
    }

    // ---- resources ----

    @Test
    void insertedResourceReadsBack() {
        StoredResource inserted = resources.insert(key("app-1"), Optional.of("parent-1"), "{\"name\":\"app-1\"}");
        assertThat(inserted.version()).isEqualTo(1);
        assertThat(inserted.createdAt()).isEqualTo(T0);

        assertThat(resources.get(key("app-1"))).contains(inserted);
        assertThat(resources.get(key("app-2"))).isEmpty();
        resources.insert(key("app-2"), Optional.empty(), "{}");
        assertThat(resources.get(key("app-2")).orElseThrow().parent()).isEmpty();
    }

    @Test
    void duplicateInsertIsATypedError() {
        resources.insert(key("app-1"), Optional.empty(), "{}");
        assertThatThrownBy(() -> resources.insert(key("app-1"), Optional.empty(), "{\"again\":true}"))
                .isInstanceOfSatisfying(DuplicateKeyException.class,
                        e -> assertThat(e.sqlState()).contains("23505"));
        assertThat(resources.get(key("app-1")).orElseThrow().doc()).isEqualTo("{}");
    }

    @Test
    void updateChecksTheVersionItRead() {
        resources.insert(key("app-1"), Optional.empty(), "{\"v\":1}");
        clock.advance(Duration.ofSeconds(7));

        assertThat(resources.update(key("app-1"), 1, "{\"v\":2}")).isTrue();
        assertThat(resources.update(key("app-1"), 1, "{\"stale\":true}")).isFalse();
        assertThat(resources.update(key("missing"), 1, "{}")).isFalse();

        StoredResource stored = resources.get(key("app-1")).orElseThrow();
        assertThat(stored.doc()).isEqualTo("{\"v\":2}");
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(7));
    }

    @Test
    void deleteRemovesOnce() {
        resources.insert(key("app-1"), Optional.empty(), "{}");
        assertThat(resources.delete(key("app-1"))).isTrue();
        assertThat(resources.delete(key("app-1"))).isFalse();
        assertThat(resources.get(key("app-1"))).isEmpty();
    }

    @Test
    void aDocumentTooLongToReadBackIsRefusedAndNothingIsWritten() {
        String tooLong = "{\"v\":\"" + "x".repeat(ResourceStore.MAX_DOCUMENT_LENGTH) + "\"}";
        assertThatThrownBy(() -> resources.insert(key("big"), Optional.empty(), tooLong))
                .isInstanceOf(StoreException.class).hasMessageContaining(String.valueOf(ResourceStore.MAX_DOCUMENT_LENGTH));
        assertThat(resources.get(key("big"))).isEmpty();

        resources.insert(key("small"), Optional.empty(), "{\"v\":1}");
        assertThatThrownBy(() -> resources.update(key("small"), 1, tooLong)).isInstanceOf(StoreException.class);
        StoredResource kept = resources.get(key("small")).orElseThrow();
        assertThat(kept.doc()).isEqualTo("{\"v\":1}");
        assertThat(kept.version()).isEqualTo(1);
    }

    @Test
    void listPagesInIdOrderAndFiltersByParent() {
        List<String> ids = new ArrayList<>(IntStream.range(0, 25).mapToObj(i -> String.format("app-%03d", i)).toList());
        Collections.shuffle(ids, new java.util.Random(7));
        for (String id : ids) {
            int n = Integer.parseInt(id.substring(4));
            resources.insert(key(id), Optional.of(n % 2 == 0 ? "even" : "odd"), "{}");
        }
        resources.insert(new ResourceKey("111122223333", "us-east-1", "application", "elsewhere"), Optional.empty(), "{}");

        List<String> seen = new ArrayList<>();
        Optional<String> after = Optional.empty();
        int pages = 0;
        do {
            ResourcePage page = resources.list("111122223333", "eu-west-1", "application", Optional.empty(), after, 10);
            page.items().forEach(r -> seen.add(r.key().id()));
            after = page.nextAfterId();
            pages++;
        } while (after.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).isEqualTo(ids.stream().sorted().toList());

        ResourcePage odd = resources.list("111122223333", "eu-west-1", "application", Optional.of("odd"),
                Optional.of("app-010"), 3);
        assertThat(odd.items()).extracting(r -> r.key().id()).containsExactly("app-011", "app-013", "app-015");
        assertThat(odd.nextAfterId()).contains("app-015");
        assertThat(resources.list("111122223333", "eu-west-1", "application", Optional.of("odd"),
                Optional.of("app-023"), 3).nextAfterId()).isEmpty();

        assertThat(resources.count("111122223333", "eu-west-1", "application", Optional.empty())).isEqualTo(25);
        assertThat(resources.count("111122223333", "eu-west-1", "application", Optional.of("even"))).isEqualTo(13);
        assertThat(resources.count("111122223333", "eu-west-1", "deployment", Optional.empty())).isZero();
    }

    @Test
    void statementsInOneTransactionCommitOrRollBackTogether() {
        db.jdbc().runInTransaction(tx -> {
            resources.insert(tx, key("a"), Optional.empty(), "{}");
            resources.update(tx, key("a"), 1, "{\"x\":1}");
            resources.insert(tx, key("b"), Optional.empty(), "{}");
        });
        assertThat(resources.get(key("a")).orElseThrow().version()).isEqualTo(2);

        assertThatThrownBy(() -> db.jdbc().runInTransaction(tx -> {
            resources.delete(tx, key("a"));
            resources.insert(tx, key("b"), Optional.empty(), "{}");
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(resources.get(key("a"))).isPresent();
    }

    @Test
    void manyVirtualThreadsShareASmallPool() throws Exception {
        try (Database small = Database.open(freshDatabase().withPoolSize(2));
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            ResourceStore store = new ResourceStore(small.jdbc(), clock);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "r" + i;
                done.add(threads.submit(() -> small.jdbc().runInTransaction(tx -> {
                    store.insert(tx, key(id), Optional.empty(), "{}");
                    store.update(tx, key(id), 1, "{\"done\":true}");
                })));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(store.count("111122223333", "eu-west-1", "application", Optional.empty())).isEqualTo(200);
        }
    }

    @Test
    void aFailedTransactionGivesBackACleanConnection() {
        try (Database single = Database.open(freshDatabase().withPoolSize(1))) {
            ResourceStore store = new ResourceStore(single.jdbc(), clock);
            store.insert(key("a"), Optional.empty(), "{}");
            assertThatThrownBy(() -> single.jdbc().runInTransaction(tx -> store.insert(tx, key("a"), Optional.empty(), "{}")))
                    .isInstanceOf(DuplicateKeyException.class);
            assertThatThrownBy(() -> single.jdbc().runInTransaction(tx -> {
                store.insert(tx, key("b"), Optional.empty(), "{}");
                throw new IllegalStateException("modelled error");
            })).hasMessage("modelled error");

            boolean autoCommit = single.jdbc().autoCommit(tx -> tx.connection().getAutoCommit());
            assertThat(autoCommit).isTrue();
            assertThat(store.get(key("b"))).isEmpty();
            assertThat(store.insert(key("c"), Optional.empty(), "{}").version()).isEqualTo(1);
        }
    }

    // ---- migrations ----

    @Test
    void migrationsApplyOnceAndAreIdempotent() {
        assertThat(Migrations.builtIn().apply(db.jdbc())).isZero();
        try (Database other = Database.open(freshDatabase(), testMigrations("first"))) {
            assertThat(testMigrations("first").apply(other.jdbc())).isZero();
            assertThat(testMigrations("newer").apply(other.jdbc())).isEqualTo(1);
            assertThat(other.jdbc().query("SELECT id FROM gadget", Jdbc.Binder.NONE, rs -> rs.getString(1)))
                    .containsExactly("g1");
            assertThat(other.jdbc().query("SELECT name FROM slipway_schema_history ORDER BY version",
                    Jdbc.Binder.NONE, rs -> rs.getString(1))).containsExactly("V1__widgets.sql", "V2__gadgets.sql");
            assertThat(testMigrations("newer").newerSchema(other.jdbc())).isEmpty();
        }
    }

    @Test
    void anOlderSlipwayOnANewerSchemaAppliesNothingAndSaysWhy() {
        try (Database other = Database.open(freshDatabase(), testMigrations("newer"))) {
            assertThat(testMigrations("first").apply(other.jdbc())).as("a rolling upgrade: the older node still opens").isZero();
            assertThat(testMigrations("first").newerSchema(other.jdbc())).hasValueSatisfying(why -> assertThat(why)
                    .contains("V2__gadgets.sql", "V1__widgets.sql", "takes no work"));
            // a migration unknown among those this build knows is no upgrade: something else wrote it
            assertThatThrownBy(() -> testMigrations("skipping").apply(other.jdbc()))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("V2__gadgets.sql which this Slipway does not know");
        }
    }

    @Test
    void anEditedAppliedMigrationStopsStartup() {
        DatabaseConfig config = freshDatabase();
        try (Database first = Database.open(config, testMigrations("first"))) {
            assertThatThrownBy(() -> testMigrations("changed").apply(first.jdbc()))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("V1__widgets.sql was changed after it was applied");
        }
    }

    static Migrations testMigrations(String name) {
        return Migrations.fromIndex(StoreContract.class.getClassLoader(), "io/slipway/engine/testmigrations/" + name);
    }

    // ---- work queue ----

    @Test
    void workEnqueuedInARolledBackTransactionNeverAppears() {
        AtomicInteger wakeups = new AtomicInteger();
        queue.addEnqueueListener(wakeups::incrementAndGet);
        assertThatThrownBy(() -> db.jdbc().runInTransaction(tx -> {
            resources.insert(tx, key("app-1"), Optional.empty(), "{}");
            queue.enqueue(tx, "deploy", "{}", T0);
            throw new IllegalStateException("validation failed");
        })).hasMessage("validation failed");

        assertThat(queue.count()).isZero();
        assertThat(queue.claim("node-a", T0.plusSeconds(60), 10, LEASE)).isEmpty();
        assertThat(resources.get(key("app-1"))).isEmpty();
        assertThat(wakeups).hasValue(0);

        queue.enqueue("deploy", "{}", T0);
        assertThat(wakeups).hasValue(1);
    }

    @Test
    void claimsOnlyDueItemsInDueOrder() {
        queue.enqueue("timer", "late", T0.plusSeconds(30));
        queue.enqueue("timer", "early", T0.plusSeconds(10));
        queue.enqueue("timer", "now", T0);

        assertThat(queue.claim("node-a", T0, 10, LEASE)).extracting(WorkItem::payload).containsExactly("now");
        assertThat(queue.claim("node-a", T0.plusSeconds(9), 10, LEASE)).isEmpty();
        List<WorkItem> claimed = queue.claim("node-a", T0.plusSeconds(30), 10, LEASE);
        assertThat(claimed).extracting(WorkItem::payload).containsExactly("early", "late");
        assertThat(claimed.getFirst().attempts()).isEqualTo(1);
        assertThat(claimed.getFirst().leaseOwner()).isEqualTo("node-a");
        assertThat(queue.nextWakeAt()).contains(T0.plus(LEASE));
    }

    @Test
    void everyItemIsClaimedExactlyOnceByConcurrentClaimers() throws Exception {
        int items = 500;
        int claimers = 8;
        db.jdbc().runInTransaction(tx -> {
            for (int i = 0; i < items; i++) {
                queue.enqueue(tx, "job", "p" + i, T0.plusMillis(i % 7));
            }
        });
        Map<String, Integer> performed = new ConcurrentHashMap<>();
        AtomicInteger completed = new AtomicInteger();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (ExecutorService threads = Executors.newFixedThreadPool(claimers)) {
            List<Future<?>> running = new ArrayList<>();
            for (int n = 0; n < claimers; n++) {
                String owner = "node-" + n;
                running.add(threads.submit(() -> {
                    while (completed.get() < items && System.nanoTime() < deadline) {
                        for (WorkItem item : queue.claim(owner, T0.plusSeconds(1), 10, LEASE)) {
                            performed.merge(item.payload(), 1, Integer::sum);
                            assertThat(queue.complete(item)).isTrue();
                            completed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        assertThat(performed).hasSize(items);
        assertThat(performed.values()).allMatch(count -> count == 1);
        assertThat(queue.count()).isZero();
    }

    @Test
    void anExpiredLeaseIsReclaimedByAnotherOwner() {
        queue.enqueue("job", "x", T0);
        WorkItem first = queue.claim("node-a", T0, 10, Duration.ofSeconds(30)).getFirst();
        assertThat(queue.claim("node-b", T0.plusSeconds(29), 10, Duration.ofSeconds(30))).isEmpty();

        clock.advance(Duration.ofSeconds(31));
        List<WorkItem> taken = queue.claim("node-b", clock.now(), 10, Duration.ofSeconds(30));
        assertThat(taken).singleElement().satisfies(item -> {
            assertThat(item.leaseOwner()).isEqualTo("node-b");
            assertThat(item.attempts()).isEqualTo(2);
        });
        assertThat(queue.extendLease(first, clock.now().plusSeconds(60))).isFalse();
        assertThat(queue.fail(first, clock.now())).isFalse();
        assertThat(queue.complete(first)).isFalse();
        assertThat(queue.complete(taken.getFirst())).isTrue();
        assertThat(queue.count()).isZero();
    }

    @Test
    void rescheduleResetsAttemptsAndFailKeepsThem() {
        queue.enqueue("poll", "x", T0);
        WorkItem first = queue.claim("node-a", T0, 1, LEASE).getFirst();
        assertThat(queue.fail(first, T0.plusSeconds(5))).isTrue();
        WorkItem second = queue.claim("node-a", T0.plusSeconds(5), 1, LEASE).getFirst();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(queue.reschedule(second, T0.plusSeconds(10))).isTrue();
        assertThat(queue.claim("node-a", T0.plusSeconds(9), 1, LEASE)).isEmpty();
        assertThat(queue.claim("node-a", T0.plusSeconds(10), 1, LEASE).getFirst().attempts()).isEqualTo(1);
    }

    @Test
    void aWaitingItemCanBeWokenEarlyButARunningOneIsLeftToRescheduleItself() {
        db.jdbc().runInTransaction(tx -> queue.enqueue(tx, "stack/s1", "poll", "{}", T0.plusSeconds(600)));
        assertThat(queue.claim("node-a", T0, 1, LEASE)).isEmpty();
        boolean woken = db.jdbc().inTransaction(tx -> queue.wake(tx, "stack/s1", T0));
        assertThat(woken).isTrue();
        WorkItem item = queue.claim("node-a", T0, 1, LEASE).getFirst();
        assertThat(item.id()).isEqualTo("stack/s1");

        boolean wokenWhileRunning = db.jdbc().inTransaction(tx -> queue.wake(tx, "stack/s1", T0));
        assertThat(wokenWhileRunning).isFalse();
        assertThat(queue.reschedule(item, T0.plusSeconds(600))).isTrue(); // the lease it holds is still good
        boolean nothing = db.jdbc().inTransaction(tx -> queue.wake(tx, "no-such-item", T0));
        assertThat(nothing).isFalse();
    }

    @Test
    void aTimerCanBeCancelledByItsId() {
        db.jdbc().runInTransaction(tx -> queue.enqueue(tx, "timeout/hook-1", "hook-timeout", "{}", T0.plusSeconds(3600)));
        assertThatThrownBy(() -> db.jdbc().runInTransaction(
                tx -> queue.enqueue(tx, "timeout/hook-1", "hook-timeout", "{}", T0))).isInstanceOf(DuplicateKeyException.class);
        boolean cancelled = db.jdbc().inTransaction(tx -> queue.cancel(tx, "timeout/hook-1"));
        assertThat(cancelled).isTrue();
        assertThat(queue.count()).isZero();
    }

    // ---- workers ----

    private Workers workers(WorkersConfig config) {
        Workers w = new Workers(queue, clock, config);
        closeAfter.add(w);
        return w;
    }

    @Test
    void timersFireInDueOrderAndNeverEarly() throws Exception {
        List<String> fired = new CopyOnWriteArrayList<>();
        Workers w = workers(WorkersConfig.defaults("node-a").withConcurrency(1));
        w.register("timer", item -> fired.add(item.payload())).start();
        queue.enqueue("timer", "t30", T0.plusSeconds(30));
        queue.enqueue("timer", "t10", T0.plusSeconds(10));
        queue.enqueue("timer", "t20", T0.plusSeconds(20));

        assertThat(w.awaitIdle(WAIT)).isTrue();
        clock.advance(Duration.ofMillis(9_999));
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(fired).isEmpty();

        clock.advance(Duration.ofMillis(15_001));
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(fired).containsExactly("t10", "t20");

        clock.advance(Duration.ofHours(1));
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(fired).containsExactly("t10", "t20", "t30");
        assertThat(queue.count()).isZero();
    }

    @Test
    void aFailingHandlerIsRetriedWithBackoff() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        Workers w = workers(WorkersConfig.defaults("node-a"));
        w.register("flaky", item -> {
            attempts.add(item.attempts());
            if (item.attempts() < 3) {
                throw new IllegalStateException("not yet");
            }
        }).start();
        queue.enqueue("flaky", "{}", T0);
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(attempts).containsExactly(1);

        clock.advance(Duration.ofMillis(999)); // first retry after 1 s
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(attempts).containsExactly(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(attempts).containsExactly(1, 2);

        clock.advance(Duration.ofMillis(1_999)); // then after 2 s
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(attempts).containsExactly(1, 2);
        clock.advance(Duration.ofMillis(1));
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(queue.count()).isZero();
    }

    @Test
    void aHandlerThatKeepsFailingIsGivenUpAfterItsLastAttempt() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        List<String> abandoned = new CopyOnWriteArrayList<>();
        Workers w = workers(WorkersConfig.defaults("node-a"));
        w.register("doomed", item -> {
            attempts.add(item.attempts());
            throw new StackOverflowError("deep input"); // fails like an exception, not left to its lease
        }, 3, (item, failure) -> abandoned.add(item.payload() + ": " + failure.getMessage())).start();
        queue.enqueue("doomed", "d-1", T0);
        for (int i = 0; i < 5; i++) {
            assertThat(w.awaitIdle(WAIT)).isTrue();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(abandoned).containsExactly("d-1: deep input");
        assertThat(queue.count()).isZero();
    }

    @Test
    void anAbandonThatReschedulesGetsFreshAttemptsAndOneThatThrowsStillEndsTheItem() throws Exception {
        List<String> runs = new CopyOnWriteArrayList<>();
        Workers w = workers(WorkersConfig.defaults("node-a"));
        w.register("phased", item -> {
            runs.add(item.payload() + "#" + item.attempts());
            throw new IllegalStateException("always");
        }, 2, (item, failure) -> {
            if (runs.size() < 4) { // give the follow-up work a fresh start once, as a rollback would get
                db.jdbc().runInTransaction(tx -> queue.reschedule(tx, item, clock.now()));
            } else {
                throw new IllegalStateException("cannot even record it");
            }
        }).start();
        queue.enqueue("phased", "p", T0);
        for (int i = 0; i < 6; i++) {
            assertThat(w.awaitIdle(WAIT)).isTrue();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(runs).containsExactly("p#1", "p#2", "p#1", "p#2");
        assertThat(queue.count()).isZero();
    }

    @Test
    void enqueueingWakesIdleWorkersAtOnce() throws Exception {
        CountDownLatch performed = new CountDownLatch(1);
        Workers w = workers(WorkersConfig.defaults("node-a").withMaxIdle(Duration.ofHours(1)));
        w.register("job", item -> performed.countDown()).start();
        assertThat(w.awaitIdle(WAIT)).isTrue();

        queue.enqueue("job", "{}", T0);
        assertThat(performed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aHandlerCompletesItsItemInTheSameTransactionAsItsOutcome() throws Exception {
        resources.insert(key("d-1"), Optional.empty(), "{\"status\":\"Created\"}");
        Workers w = workers(WorkersConfig.defaults("node-a"));
        w.register("advance", item -> db.jdbc().runInTransaction(tx -> {
            StoredResource d = resources.getForUpdate(tx, key(item.payload())).orElseThrow();
            resources.update(tx, d.key(), d.version(), "{\"status\":\"InProgress\"}");
            if (!queue.complete(tx, item)) {
                throw new IllegalStateException("lease lost");
            }
        })).start();
        queue.enqueue("advance", "d-1", T0);
        assertThat(w.awaitIdle(WAIT)).isTrue();

        StoredResource d = resources.get(key("d-1")).orElseThrow();
        assertThat(d.doc()).isEqualTo("{\"status\":\"InProgress\"}");
        assertThat(d.version()).isEqualTo(2);
        assertThat(queue.count()).isZero();
    }

    @Test
    void aRunningItemKeepsItsLeaseWhenTimeJumps() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Workers w = workers(WorkersConfig.defaults("node-a").withLeaseDuration(Duration.ofMinutes(1)));
        w.register("slow", item -> {
            runs.incrementAndGet();
            started.countDown();
            release.await();
        }).start();
        queue.enqueue("slow", "{}", T0);
        assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofMinutes(10));
        long renewedUntil = clock.now().plus(Duration.ofMinutes(1)).toEpochMilli();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (leaseUntil() < renewedUntil && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the dispatcher renews on the clock's jump; watch the row, do not sleep
        }
        assertThat(leaseUntil()).isGreaterThanOrEqualTo(renewedUntil);
        assertThat(queue.claim("node-b", clock.now(), 10, LEASE)).isEmpty();

        release.countDown();
        assertThat(w.awaitIdle(WAIT)).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(queue.count()).isZero();
    }

    @Test
    void nodesJoinRenewTheirHeartbeatAndLeave() {
        // beats come from the test (the nodes join without a heartbeat schedule)
        Nodes a = Nodes.join(db.jdbc(), clock::now, queue, new Nodes.Identity("node-a", "host-a", "1.0"), false, Nodes.SILENCE, false);
        clock.set(T0.plusSeconds(20));
        Nodes b = Nodes.join(db.jdbc(), clock::now, queue, new Nodes.Identity("node-b", "host-b", "1.1"), false, Nodes.SILENCE, false);
        assertThat(b.all()).extracting(Nodes.Node::id).containsExactly("node-a", "node-b");
        assertThat(b.alive(b.all().getFirst())).as("silent longer than the timeout").isFalse();
        a.beat();
        assertThat(b.all()).allMatch(b::alive);
        assertThat(b.all().get(1)).isEqualTo(new Nodes.Node("node-b", "host-b", "1.1", T0.plusSeconds(20),
                T0.plusSeconds(20)));

        b.close();
        assertThat(a.all()).extracting(Nodes.Node::id).containsExactly("node-a");
        db.jdbc().update("DELETE FROM node", Jdbc.Binder.NONE);
        a.beat();
        assertThat(a.all()).as("a row another node removed comes back").extracting(Nodes.Node::id).containsExactly("node-a");

        // the embedded store has one process: joining it removes the rows of processes that died
        Nodes alone = Nodes.join(db.jdbc(), clock::now, queue, new Nodes.Identity("node-c", "host-c", "1.1"), true, Nodes.SILENCE, false);
        assertThat(alone.all()).extracting(Nodes.Node::id).containsExactly("node-c");
        alone.close();
        a.close();
        assertThat(a.all()).isEmpty();
    }

    @Test
    void aLiveNodeTakesOverTheLeasesOfANodeThatFellSilent() {
        Nodes a = Nodes.join(db.jdbc(), clock::now, queue, new Nodes.Identity("node-a", "host-a", "1.0"), false, Nodes.SILENCE, false);
        Nodes b = Nodes.join(db.jdbc(), clock::now, queue, new Nodes.Identity("node-b", "host-b", "1.0"), false, Nodes.SILENCE, false);
        closeAfter.add(b);
        db.jdbc().inTransaction(tx -> queue.enqueue(tx, "step", "deployment d-1", T0));
        assertThat(queue.claim("node-a", T0, 10, LEASE)).hasSize(1);
        assertThat(queue.claim("node-b", T0, 10, LEASE)).as("leased to node-a").isEmpty();

        clock.set(T0.plus(Nodes.SILENCE));
        assertThat(b.beat()).as("silent for exactly SILENCE: not yet").isEmpty();
        clock.set(T0.plus(Nodes.SILENCE).plusSeconds(1));
        assertThat(b.beat()).containsExactly("node-a");
        assertThat(b.all()).extracting(Nodes.Node::id).containsExactly("node-b");
        assertThat(queue.claim("node-b", clock.now(), 10, LEASE)).as("long before node-a's lease ran out")
                .extracting(WorkItem::payload).containsExactly("deployment d-1");
        assertThat(b.beat()).as("taken over once").isEmpty();

        // node-a was only slow: its next beat brings its row back, and it claims nothing node-b holds
        a.beat();
        assertThat(b.all()).extracting(Nodes.Node::id).containsExactly("node-a", "node-b");
        assertThat(queue.claim("node-a", clock.now(), 10, LEASE)).isEmpty();
        a.close();
    }

    // ---- signals between nodes ----

    /** Whether this database is one that several nodes share (PostgreSQL), so that signals cross processes. */
    private boolean shared() {
        return !db.dialect().notifySql().isEmpty();
    }

    @Test
    void signalsReachEveryNodeOnceTheirTransactionCommitsAndNeverIfItRollsBack() throws Exception {
        try (Signals a = Signals.of(db, "node-a"); Signals b = Signals.of(db, "node-b");
             Database elsewhere = Database.open(freshDatabase()); Signals other = Signals.of(elsewhere, "node-c")) {
            List<String> heardByA = new CopyOnWriteArrayList<>();
            java.util.concurrent.BlockingQueue<String> heardByB = new java.util.concurrent.LinkedBlockingQueue<>();
            List<String> heardElsewhere = new CopyOnWriteArrayList<>();
            a.subscribe("deployments", heardByA::add);
            b.subscribe("deployments", heardByB::add);
            other.subscribe("deployments", heardElsewhere::add);
            CountDownLatch aHeardD2 = new CountDownLatch(1);
            a.subscribe("deployments", key -> {
                if (key.equals("d-2")) {
                    aHeardD2.countDown();
                }
            });

            assertThatThrownBy(() -> db.jdbc().runInTransaction(tx -> {
                a.publish(tx, "deployments", "d-rolled-back");
                throw new IllegalStateException("validation failed");
            })).hasMessage("validation failed");
            db.jdbc().runInTransaction(tx -> {
                a.publish(tx, "deployments", "d-1 with spaces");
                a.publish(tx, "deployments", "d-1 with spaces");
                a.publish(tx, "elsewhere", "x");
            });
            assertThat(heardByA).as("this node hears after its commit, once per publish")
                    .containsExactly("d-1 with spaces", "d-1 with spaces");
            if (shared()) {
                assertThat(heardByB.poll(20, TimeUnit.SECONDS)).as("another node hears the commit").isEqualTo("d-1 with spaces");
                db.jdbc().runInTransaction(tx -> b.publish(tx, "deployments", "d-2"));
                assertThat(heardByB.poll(20, TimeUnit.SECONDS)).as("once per transaction, then its own").isEqualTo("d-2");
                assertThat(aHeardD2.await(20, TimeUnit.SECONDS)).isTrue();
                assertThat(heardByB.poll(200, TimeUnit.MILLISECONDS)).as("a node ignores its own, heard back").isNull();
                assertThat(heardElsewhere).as("a store in another schema hears nothing").isEmpty();
            } else {
                assertThat(heardByB.poll(200, TimeUnit.MILLISECONDS)).as("an embedded store has no other node").isNull();
            }
            assertThat(heardByA).doesNotContain("d-rolled-back");
        }
    }

    @Test
    void workEnqueuedByOneNodeWakesAnotherNodesIdleWorkersAtOnce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(shared(), "only a shared store has other nodes");
        try (Signals a = Signals.of(db, "node-a"); Signals b = Signals.of(db, "node-b")) {
            WorkQueue queueA = new WorkQueue(db.jdbc(), clock, IdGenerator.uuid(), a);
            WorkQueue queueB = new WorkQueue(db.jdbc(), clock, IdGenerator.uuid(), b);
            CountDownLatch ran = new CountDownLatch(1);
            // idle for an hour unless told: only the signal can wake it in time
            Workers w = new Workers(queueB, clock, WorkersConfig.defaults("node-b").withMaxIdle(Duration.ofHours(1)));
            w.register("step", item -> ran.countDown());
            w.start();
            try {
                assertThat(w.awaitIdle(WAIT)).isTrue();
                db.jdbc().inTransaction(tx -> queueA.enqueue(tx, "step", "deployment d-3", clock.now()));
                assertThat(ran.await(20, TimeUnit.SECONDS)).as("woken by node-a's commit").isTrue();
            } finally {
                w.close();
            }
        }
    }

    @Test
    void workersClosedBeforeTheyStartNeverStart() {
        Workers w = new Workers(queue, clock, WorkersConfig.defaults("node-a"));
        w.register("step", item -> { });
        w.close(); // a node told to take no work before its workers started
        w.start();
        queue.enqueue("step", "deployment d-4", clock.now());
        assertThatThrownBy(() -> w.awaitIdle(WAIT)).isInstanceOf(IllegalStateException.class);
        assertThat(queue.claim("node-b", clock.now(), 10, LEASE)).as("nobody took it").hasSize(1);
    }

    @Test
    void theNodeTimeoutIsTheOperatorsToChoose() {
        Duration timeout = Duration.ofSeconds(2);
        Nodes a = Nodes.join(db.jdbc(), clock::now, queue, new Nodes.Identity("node-a", "host-a", "1.0"), false, timeout, false);
        Nodes b = Nodes.join(db.jdbc(), clock::now, queue, new Nodes.Identity("node-b", "host-b", "1.0"), false, timeout, false);
        closeAfter.add(b);
        db.jdbc().inTransaction(tx -> queue.enqueue(tx, "step", "deployment d-2", T0));
        assertThat(queue.claim("node-a", T0, 10, LEASE)).hasSize(1);

        clock.set(T0.plus(timeout));
        assertThat(b.beat()).isEmpty();
        assertThat(b.alive(b.all().getFirst())).isTrue();
        clock.set(T0.plus(timeout).plusMillis(1));
        assertThat(b.alive(b.all().getFirst())).isFalse();
        assertThat(b.beat()).containsExactly("node-a");
        assertThat(queue.claim("node-b", clock.now(), 10, LEASE)).extracting(WorkItem::payload)
                .containsExactly("deployment d-2");
        a.close();
        assertThatThrownBy(() -> Nodes.join(db.jdbc(), clock::now, queue, new Nodes.Identity("node-c", "h", "1"), false,
                Duration.ofMillis(100), false)).isInstanceOf(IllegalArgumentException.class);
    }

    private long leaseUntil() {
        return db.jdbc().queryOne("SELECT lease_until FROM work_item", Jdbc.Binder.NONE, rs -> rs.getLong(1)).orElse(0L);
    }
}
