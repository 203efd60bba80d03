package io.slipway.engine.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * "Something committed that someone may be waiting for", told to every node sharing the store: new
 * or woken work (the workers look at once instead of at their idle limit), a command for a host
 * whose agent long-polls on another node. A signal is published inside the transaction whose commit
 * it announces: this node's subscribers hear it after the commit, other nodes' through PostgreSQL's
 * NOTIFY, which is delivered only if, and when, that transaction commits. Signals only hurry
 * waiters: every waiter still looks again at a bound of its own, so a signal lost with a dropped
 * connection costs time, never work.
 *
 * <p>On PostgreSQL one session per node LISTENs on a channel named after the store's schema (so
 * Slipways in other schemas of the same database hear nothing of it); a payload is
 * {@code sender topic key}, and a node ignores its own (it heard them after commit already). After
 * the listening session was lost and made again, every subscriber is called once, since signals
 * sent meanwhile are gone.
 */
public final class Signals implements AutoCloseable {
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Signals.class.getName());
    }

    /** New or woken work items: workers look at once. */
    public static final String WORK = "work";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final String sender;
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final Database database;
    private final String channel;
    private final Thread listener;
    private volatile boolean closed;
    private volatile Connection session;

    private Signals(Database database, String channel, String sender) {
        if (sender.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a sender has no spaces: " + sender);
        }
        this.sender = sender;
        this.database = database;
        this.channel = channel;
        // listening before the node serves, so no signal committed after start-up is missed
        Connection first = database == null ? null : listening();
        this.listener = database == null ? null : Thread.ofVirtual().name("slipway-signals").start(() -> listen(first));
    }

    /** Signals within this process only: for a store no other node shares. */
    public static Signals local() {
        return new Signals(null, "", "local");
    }

    /**
     * Signals for every node sharing {@code database}, sent as {@code node} (its id, which it ignores
     * when it hears it back): on PostgreSQL this node listens; elsewhere, as {@link #local()}.
     */
    public static Signals of(Database database, String node) {
        if (database.dialect().notifySql().isEmpty()) {
            return local();
        }
        String schema = database.jdbc().queryOne("SELECT current_schema()", Jdbc.Binder.NONE, rs -> rs.getString(1))
                .orElse("public");
        return new Signals(database, channel(schema), node);
    }

    /** PostgreSQL's channel names are identifiers: at most 63 bytes; a long schema name is hashed. */
    static String channel(String schema) {
        String name = "slipway:" + schema;
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 63) {
            return name;
        }
        return "slipway:" + Integer.toHexString(schema.hashCode()) + Long.toHexString(schema.length());
    }

    /** Announces {@code key} on {@code topic} when {@code tx} commits; a topic has no spaces. */
    public void publish(Tx tx, String topic, String key) {
        if (topic.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a topic has no spaces: " + topic);
        }
        tx.afterCommit(() -> deliver(topic, key));
        if (database != null) {
            tx.notifyNodes(channel, sender + " " + topic + " " + key);
        }
    }

    /** Calls {@code listener} with the key of every signal on {@code topic}; returns what unsubscribes it. */
    public Runnable subscribe(String topic, Consumer<String> listener) {
        List<Consumer<String>> list = subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    private void deliver(String topic, String key) {
        for (Consumer<String> s : subscribers.getOrDefault(topic, List.of())) {
            try {
                s.accept(key);
            } catch (RuntimeException e) {
                Log.LOG.log(Level.WARNING, "a subscriber of " + topic + " failed", e);
            }
        }
    }

    /** A session that listens on the channel; a failure to open one is a StoreException. */
    private Connection listening() {
        Connection c = database.openSession();
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
            session = c;
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StoreException("cannot listen for other nodes' signals: " + e.getMessage(), e);
        }
    }

    private void listen(Connection first) {
        Connection c = first;
        while (!closed) {
            try {
                if (c == null) {
                    c = listening();
                    // whatever was sent while no session listened is lost: everyone looks again
                    subscribers.forEach((topic, list) -> list.forEach(s -> s.accept("")));
                }
                org.postgresql.PGNotification[] received = c.unwrap(org.postgresql.PGConnection.class)
                        .getNotifications((int) POLL.toMillis());
                if (received != null) {
                    for (org.postgresql.PGNotification n : received) {
                        received(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                Log.LOG.log(Level.WARNING, "listening for other nodes' signals failed ({0}); listening again in {1}",
                        e.getMessage(), RECONNECT);
                if (c != null) {
                    closeQuietly(c);
                    c = null;
                }
                try {
                    Thread.sleep(RECONNECT);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        if (c != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing is all we wanted
        }
    }

    private void received(String payload) {
        int first = payload.indexOf(' ');
        int second = first < 0 ? -1 : payload.indexOf(' ', first + 1);
        if (second < 0 || payload.regionMatches(0, sender, 0, first) && first == sender.length()) {
            return; // malformed, or our own: delivered after our commit already
        }
        deliver(payload.substring(first + 1, second), payload.substring(second + 1));
    }

    @Override
    public void close() {
        closed = true;
        if (listener == null) {
            return;
        }
        listener.interrupt();
        Connection c = session;
        if (c != null) {
            closeQuietly(c); // ends a wait for notifications at once
        }
        try {
            listener.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
