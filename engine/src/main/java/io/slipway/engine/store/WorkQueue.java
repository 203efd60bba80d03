package io.slipway.engine.store;

import io.slipway.engine.clock.SlipwayClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Durable work and timers: a row per item, due at a time, claimed under an expiring lease.
 * Work is enqueued in the caller's transaction (an outbox), so a state change and the work it
 * causes commit together or not at all. Claiming is exactly-once under concurrency on both
 * databases because the claim itself is {@code UPDATE ... WHERE id = ? AND version = ?}: of any
 * number of claimers that saw the same candidate, one update matches and the rest match nothing.
 * PostgreSQL additionally picks candidates with SKIP LOCKED so claimers do not contend.
 */
public final class WorkQueue {

    private static final String COLUMNS = "id, kind, payload, due_at, attempts, version, created_at";
    private static final String INSERT = "INSERT INTO work_item (id, kind, payload, due_at, lease_owner, lease_until,"
            + " attempts, version, created_at) VALUES (?, ?, ?, ?, NULL, NULL, 0, 0, ?)";
    private static final String CANDIDATES = "SELECT " + COLUMNS + " FROM work_item"
            + " WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY due_at, id LIMIT ?";
    private static final String CLAIM = "UPDATE work_item SET lease_owner = ?, lease_until = ?,"
            + " attempts = attempts + 1, version = version + 1 WHERE id = ? AND version = ?";
    private static final String COMPLETE = "DELETE FROM work_item WHERE id = ? AND version = ?";
    private static final String RESCHEDULE = "UPDATE work_item SET due_at = ?, lease_owner = NULL, lease_until = NULL,"
            + " attempts = ?, version = version + 1 WHERE id = ? AND version = ?";
    private static final String EXTEND = "UPDATE work_item SET lease_until = ? WHERE id = ? AND version = ?";
    private static final String CANCEL = "DELETE FROM work_item WHERE id = ?";
    private static final String WAKE = "UPDATE work_item SET due_at = ?, version = version + 1"
            + " WHERE id = ? AND due_at > ? AND lease_owner IS NULL";
    // Free items wake us at their due time, leased ones when their lease may expire.
    private static final String NEXT_WAKE = "SELECT MIN(due_at) FROM work_item WHERE lease_until IS NULL"
            + " UNION ALL SELECT MIN(lease_until) FROM work_item WHERE lease_until IS NOT NULL";
    private static final String RELEASE_ALL = "UPDATE work_item SET lease_owner = NULL, lease_until = NULL,"
            + " version = version + 1 WHERE lease_owner IS NOT NULL";
    private static final String RELEASE_OWNER = "UPDATE work_item SET lease_owner = NULL, lease_until = NULL,"
            + " version = version + 1 WHERE lease_owner = ?";
    private static final String COUNT = "SELECT COUNT(*) FROM work_item";

    private record Candidate(String id, String kind, String payload, long dueAt, int attempts, long version,
                             long createdAt) { }

    private final Jdbc jdbc;
    private final SlipwayClock clock;
    private final IdGenerator ids;
    private final Signals signals;

    /** A queue whose enqueues are heard in this process only. */
    public WorkQueue(Jdbc jdbc, SlipwayClock clock, IdGenerator ids) {
        this(jdbc, clock, ids, Signals.local());
    }

    /** A queue whose enqueues, wakes and freed leases are {@link Signals#WORK} signals to every node. */
    public WorkQueue(Jdbc jdbc, SlipwayClock clock, IdGenerator ids, Signals signals) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
        this.signals = signals;
    }

    /** How this queue's store tells its nodes that something committed; services publish their own topics on it. */
    public Signals signals() {
        return signals;
    }

    /** Adds work due at {@code dueAt}, committed with the caller's transaction; returns its id. */
    public String enqueue(Tx tx, String kind, String payload, Instant dueAt) {
        String id = ids.newId();
        enqueue(tx, id, kind, payload, dueAt);
        return id;
    }

    /**
     * Adds work under an id of the caller's choosing, e.g. {@code "timeout/" + hookId}, so that a
     * timer can be cancelled later and a second enqueue of the same thing is a {@link DuplicateKeyException}.
     */
    public void enqueue(Tx tx, String id, String kind, String payload, Instant dueAt) {
        Objects.requireNonNull(payload, "payload");
        long createdAt = clock.now().toEpochMilli();
        tx.update(INSERT, ps -> {
            ps.setString(1, id);
            ps.setString(2, kind);
            ps.setString(3, payload);
            ps.setLong(4, dueAt.toEpochMilli());
            ps.setLong(5, createdAt);
        });
        signals.publish(tx, Signals.WORK, "");
    }

    public String enqueue(String kind, String payload, Instant dueAt) {
        return jdbc.autoCommit(tx -> enqueue(tx, kind, payload, dueAt));
    }

    /**
     * Claims up to {@code limit} items due at {@code now} whose lease is free or expired, in due
     * order, leasing them to {@code owner} until {@code now + leaseDuration}.
     */
    public List<WorkItem> claim(String owner, Instant now, int limit, Duration leaseDuration) {
        long nowMillis = now.toEpochMilli();
        long leaseUntil = now.plus(leaseDuration).toEpochMilli();
        return jdbc.inTransaction(tx -> {
            List<Candidate> candidates = tx.query(CANDIDATES + tx.dialect().claimLockSuffix(), ps -> {
                ps.setLong(1, nowMillis);
                ps.setLong(2, nowMillis);
                ps.setInt(3, limit);
            }, rs -> new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5),
                    rs.getLong(6), rs.getLong(7)));
            List<WorkItem> claimed = new ArrayList<>(candidates.size());
            for (Candidate c : candidates) {
                int won = tx.update(CLAIM, ps -> {
                    ps.setString(1, owner);
                    ps.setLong(2, leaseUntil);
                    ps.setString(3, c.id());
                    ps.setLong(4, c.version());
                });
                if (won == 1) {
                    claimed.add(new WorkItem(c.id(), c.kind(), c.payload(), Instant.ofEpochMilli(c.dueAt()),
                            c.attempts() + 1, c.version() + 1, owner, Instant.ofEpochMilli(leaseUntil),
                            Instant.ofEpochMilli(c.createdAt())));
                }
            }
            return claimed;
        });
    }

    /** Removes finished work; false if the lease was lost (someone else owns the item now). */
    public boolean complete(Tx tx, WorkItem item) {
        return tx.update(COMPLETE, ps -> {
            ps.setString(1, item.id());
            ps.setLong(2, item.version());
        }) == 1;
    }

    public boolean complete(WorkItem item) {
        return jdbc.autoCommit(tx -> complete(tx, item));
    }

    /** Gives the item back, due again at {@code nextDue}, as a fresh start: attempts reset (e.g. polling). */
    public boolean reschedule(Tx tx, WorkItem item, Instant nextDue) {
        return release(tx, item, nextDue, 0);
    }

    public boolean reschedule(WorkItem item, Instant nextDue) {
        return jdbc.autoCommit(tx -> reschedule(tx, item, nextDue));
    }

    /** Gives a failed item back for a retry at {@code nextDue}, keeping its attempt count. */
    public boolean fail(WorkItem item, Instant nextDue) {
        return jdbc.autoCommit(tx -> release(tx, item, nextDue, item.attempts()));
    }

    /** Keeps a long-running item leased; false if the lease was already lost. */
    public boolean extendLease(WorkItem item, Instant leaseUntil) {
        return jdbc.update(EXTEND, ps -> {
            ps.setLong(1, leaseUntil.toEpochMilli());
            ps.setString(2, item.id());
            ps.setLong(3, item.version());
        }) == 1;
    }

    /** Removes an item whatever its state, e.g. a timeout timer whose event completed in time. */
    public boolean cancel(Tx tx, String id) {
        return tx.update(CANCEL, ps -> ps.setString(1, id)) == 1;
    }

    /**
     * Makes a waiting item due at {@code now}, once the caller's transaction commits, e.g. a
     * polling item whose awaited answer has arrived. An item that is running (leased) is left
     * alone: it reschedules itself, so whoever waits on it should poll at some bound too.
     * False if there was nothing to wake.
     */
    public boolean wake(Tx tx, String id, Instant now) {
        boolean woken = tx.update(WAKE, ps -> {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, id);
            ps.setLong(3, now.toEpochMilli());
        }) == 1;
        if (woken) {
            signals.publish(tx, Signals.WORK, "");
        }
        return woken;
    }

    /** When something may next become claimable: the earliest due time or lease expiry. */
    public Optional<Instant> nextWakeAt() {
        List<Long> times = jdbc.query(NEXT_WAKE, Jdbc.Binder.NONE, rs -> {
            long t = rs.getLong(1);
            return rs.wasNull() ? Long.MAX_VALUE : t; // MIN over no rows is NULL
        });
        long next = times.stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
    }

    /**
     * Frees every lease. Only for startup of a process that owns the database exclusively
     * (embedded H2): any lease found then belongs to a process that died, and waiting for it to
     * expire would only delay the work.
     */
    public int releaseAllLeases() {
        return jdbc.update(RELEASE_ALL, Jdbc.Binder.NONE);
    }

    /** Frees the leases a node that died held, so that live nodes claim its work at once. */
    public int releaseLeasesOf(Tx tx, String owner) {
        int freed = tx.update(RELEASE_OWNER, ps -> ps.setString(1, owner));
        if (freed > 0) {
            signals.publish(tx, Signals.WORK, "");
        }
        return freed;
    }

    public long count() {
        return jdbc.queryOne(COUNT, Jdbc.Binder.NONE, rs -> rs.getLong(1)).orElse(0L);
    }

    /**
     * Called after each commit that enqueued or woke work, or freed leases, in this process or (on
     * PostgreSQL, with shared {@link Signals}) in another node; returns the action that removes it.
     */
    public Runnable addEnqueueListener(Runnable listener) {
        return signals.subscribe(Signals.WORK, key -> listener.run());
    }

    private boolean release(Tx tx, WorkItem item, Instant nextDue, int attempts) {
        return tx.update(RESCHEDULE, ps -> {
            ps.setLong(1, nextDue.toEpochMilli());
            ps.setInt(2, attempts);
            ps.setString(3, item.id());
            ps.setLong(4, item.version());
        }) == 1;
    }
}
