package io.slipway.engine.cluster;

import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.StoreException;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.WorkQueue;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Slipway nodes sharing a store: each joins with a row of its own (its id is also the owner its
 * work leases name), renews a heartbeat in it while it runs, and removes it when it stops. A node
 * that died (kill -9, power loss) stops renewing; with each heartbeat every live node looks for
 * nodes silent for longer than the timeout, frees their work leases (so their deployment steps, hook
 * waits, jobs and stack operations continue here within about {@code timeout + timeout / 3}, not
 * when the leases would have run out) and removes their rows. Nodes heartbeat three times per
 * timeout, so one late beat is never taken for a death. Liveness is a matter of real time, not
 * Slipway's (which a time scale speeds up and tests move by hand): heartbeats read the wall clock
 * given, and run on a real-time schedule like the workers' idle limit. A freed item's version has
 * moved, so a node that was only slow cannot commit its result over the new owner's.
 */
public final class Nodes implements AutoCloseable {
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Nodes.class.getName());
    }

    /**
     * The default timeout: a node silent for longer is taken for dead. With its 3 s heartbeat, a dead
     * node's work moves within 12 s.
     */
    public static final Duration SILENCE = Duration.ofSeconds(9);

    /** One node's row. */
    public record Node(String id, String host, String version, Instant startedAt, Instant heartbeatAt) {
    }

    /** Who a node is: its id (which its leases name), host and Slipway version. */
    public record Identity(String id, String host, String version) {
    }

    private final Jdbc jdbc;
    private final InstantSource clock;
    private final WorkQueue queue;
    private final Node self;
    private final Duration timeout;
    private final Thread heartbeat;
    private volatile Supplier<Optional<String>> stopCheck = Optional::empty;
    private volatile Consumer<String> stopAction = why -> { };
    private volatile Optional<String> notTakingWork = Optional.empty();

    private Nodes(Jdbc jdbc, InstantSource clock, WorkQueue queue, Node self, Duration timeout, boolean beating) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.queue = queue;
        this.self = self;
        this.timeout = timeout;
        this.heartbeat = beating ? Thread.ofVirtual().name("slipway-heartbeat").start(() -> beatEvery(timeout.dividedBy(3)))
                : null;
    }

    /**
     * Joins the store as node {@code id}. On the embedded store, which one process holds, rows left
     * by processes that died are removed first: none of them can be alive.
     */
    public static Nodes join(Jdbc jdbc, InstantSource clock, WorkQueue queue, Identity identity, boolean alone,
                             Duration timeout) {
        return join(jdbc, clock, queue, identity, alone, timeout, true);
    }

    /** As above; without {@code beating}, only calls of {@link #beat()} renew the heartbeat (tests move a clock by hand). */
    public static Nodes join(Jdbc jdbc, InstantSource clock, WorkQueue queue, Identity identity, boolean alone,
                             Duration timeout, boolean beating) {
        if (timeout.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("a node timeout under 300 ms would take slow nodes for dead: " + timeout);
        }
        Instant now = clock.instant();
        Node self = new Node(identity.id(), identity.host(), identity.version(), now, now);
        jdbc.inTransaction(tx -> {
            if (alone) {
                tx.update("DELETE FROM node", Jdbc.Binder.NONE);
            }
            insert(tx, self);
            return null;
        });
        return new Nodes(jdbc, clock, queue, self, timeout, beating);
    }

    public String id() {
        return self.id();
    }

    /** How long a node may stay silent before the others take over its work. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the node has beaten within the timeout, by this node's clock. */
    public boolean alive(Node node) {
        return !node.heartbeatAt().isBefore(clock.instant().minus(timeout));
    }

    /** Every node that has a row, this one too, by id. */
    public List<Node> all() {
        return jdbc.query("SELECT id, host, version, started_at, heartbeat_at FROM node ORDER BY id", Jdbc.Binder.NONE,
                rs -> new Node(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5))));
    }

    /**
     * Asks {@code reason} now and with every heartbeat whether this node must stop taking work (a
     * newer Slipway has migrated the store): the first reason given is kept ({@link #notTakingWork})
     * and handed to {@code stop}, once. The node stays a live member meanwhile.
     */
    public void stopWorkWhen(Supplier<Optional<String>> reason, Consumer<String> stop) {
        stopCheck = reason;
        stopAction = stop;
        checkStop();
    }

    /** Why this node takes no work, if it stopped taking it. */
    public Optional<String> notTakingWork() {
        return notTakingWork;
    }

    private synchronized void checkStop() {
        if (notTakingWork.isPresent()) {
            return;
        }
        Optional<String> why = stopCheck.get();
        if (why.isPresent()) {
            notTakingWork = why;
            Log.LOG.log(Level.WARNING, "node {0} stops taking work: {1}", self.id(), why.get());
            stopAction.accept(why.get());
        }
    }

    /**
     * Renews this node's heartbeat (a row another node removed, taking this one for dead, is made
     * again), then takes over from the nodes that fell silent; returns their ids.
     */
    public List<String> beat() {
        long now = clock.instant().toEpochMilli();
        jdbc.inTransaction(tx -> {
            int updated = tx.update("UPDATE node SET heartbeat_at = ? WHERE id = ?", ps -> {
                ps.setLong(1, now);
                ps.setString(2, self.id());
            });
            if (updated == 0) {
                insert(tx, new Node(self.id(), self.host(), self.version(), self.startedAt(), Instant.ofEpochMilli(now)));
            }
            return null;
        });
        checkStop();
        return takeOverSilent(now - timeout.toMillis());
    }

    /**
     * Frees the work leases of every node silent since {@code cutoff} and removes its row, one node
     * per transaction; the row is removed only if it is still silent, so a node that beat meanwhile
     * keeps it (its leases, freed, are claimed again by whoever comes first).
     */
    private List<String> takeOverSilent(long cutoff) {
        List<String> silent = jdbc.query("SELECT id FROM node WHERE heartbeat_at < ? AND id <> ? ORDER BY id", ps -> {
            ps.setLong(1, cutoff);
            ps.setString(2, self.id());
        }, rs -> rs.getString(1));
        for (String id : silent) {
            jdbc.inTransaction(tx -> {
                int removed = tx.update("DELETE FROM node WHERE id = ? AND heartbeat_at < ?", ps -> {
                    ps.setString(1, id);
                    ps.setLong(2, cutoff);
                });
                int freed = removed == 0 ? 0 : queue.releaseLeasesOf(tx, id);
                if (removed > 0) {
                    Log.LOG.log(Level.WARNING, "node {0} fell silent: {1} took over its {2} leased work item(s)", id,
                            self.id(), freed);
                }
                return null;
            });
        }
        return silent;
    }

    private static void insert(Tx tx, Node node) {
        tx.update("INSERT INTO node (id, host, version, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, node.id());
            ps.setString(2, node.host());
            ps.setString(3, node.version());
            ps.setLong(4, node.startedAt().toEpochMilli());
            ps.setLong(5, node.heartbeatAt().toEpochMilli());
        });
    }

    private void beatEvery(Duration interval) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
                beat();
            } catch (InterruptedException e) {
                return;
            } catch (StoreException e) {
                // the store is away for a moment; the next beat tries again, and others see the gap
                Log.LOG.log(Level.WARNING, "node {0} could not renew its heartbeat: {1}", self.id(), e.getMessage());
            }
        }
    }

    /** Stops the heartbeat and leaves: the row goes, so the others do not wait for it to fall silent. */
    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.interrupt();
            try {
                heartbeat.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            jdbc.inTransaction(tx -> tx.update("DELETE FROM node WHERE id = ?", ps -> ps.setString(1, self.id())));
        } catch (StoreException e) {
            Log.LOG.log(Level.WARNING, "node {0} could not remove its row: {1}", self.id(), e.getMessage());
        }
    }
}
