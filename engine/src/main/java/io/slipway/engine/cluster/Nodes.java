package io.slipway.engine.cluster;

import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.StoreException;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Slipway nodes sharing a store: each joins with a row of its own (its id is also the owner its
 * work leases name), renews a heartbeat in it while it runs, and removes it when it stops. A node
 * that died (kill -9, power loss) stops renewing: its row stays, older and older, which is how the
 * others can tell. The heartbeat runs on its own real-time schedule, like the workers' idle limit.
 */
public final class Nodes implements AutoCloseable {
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Nodes.class.getName());
    }

    /** How often a node renews its heartbeat. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** A node whose heartbeat is older than this is taken for dead: three heartbeats missed. */
    public static final Duration SILENCE = HEARTBEAT.multipliedBy(3);

    /** One node's row. */
    public record Node(String id, String host, String version, Instant startedAt, Instant heartbeatAt) {
        public boolean alive(Instant now) {
            return !heartbeatAt.isBefore(now.minus(SILENCE));
        }
    }

    private final Jdbc jdbc;
    private final SlipwayClock clock;
    private final Node self;
    private final Thread heartbeat;

    private Nodes(Jdbc jdbc, SlipwayClock clock, Node self, Duration interval) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.self = self;
        this.heartbeat = Thread.ofVirtual().name("slipway-heartbeat").start(() -> beatEvery(interval));
    }

    /**
     * Joins the store as node {@code id}. On the embedded store, which one process holds, rows left
     * by processes that died are removed first: none of them can be alive.
     */
    public static Nodes join(Jdbc jdbc, SlipwayClock clock, String id, String host, String version, boolean alone,
                             Duration interval) {
        Instant now = clock.now();
        Node self = new Node(id, host, version, now, now);
        jdbc.inTransaction(tx -> {
            if (alone) {
                tx.update("DELETE FROM node", Jdbc.Binder.NONE);
            }
            tx.update("INSERT INTO node (id, host, version, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, id);
                ps.setString(2, host);
                ps.setString(3, version);
                ps.setLong(4, now.toEpochMilli());
                ps.setLong(5, now.toEpochMilli());
            });
            return null;
        });
        return new Nodes(jdbc, clock, self, interval);
    }

    public String id() {
        return self.id();
    }

    /** Every node that has a row, this one too, by id. */
    public List<Node> all() {
        return jdbc.query("SELECT id, host, version, started_at, heartbeat_at FROM node ORDER BY id", Jdbc.Binder.NONE,
                rs -> new Node(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5))));
    }

    /** Renews this node's heartbeat; a row another node removed (taking this one for dead) is made again. */
    public void beat() {
        long now = clock.now().toEpochMilli();
        jdbc.inTransaction(tx -> {
            int updated = tx.update("UPDATE node SET heartbeat_at = ? WHERE id = ?", ps -> {
                ps.setLong(1, now);
                ps.setString(2, self.id());
            });
            if (updated == 0) {
                tx.update("INSERT INTO node (id, host, version, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, self.id());
                    ps.setString(2, self.host());
                    ps.setString(3, self.version());
                    ps.setLong(4, self.startedAt().toEpochMilli());
                    ps.setLong(5, now);
                });
            }
            return null;
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
        heartbeat.interrupt();
        try {
            heartbeat.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            jdbc.inTransaction(tx -> tx.update("DELETE FROM node WHERE id = ?", ps -> ps.setString(1, self.id())));
        } catch (StoreException e) {
            Log.LOG.log(Level.WARNING, "node {0} could not remove its row: {1}", self.id(), e.getMessage());
        }
    }
}
