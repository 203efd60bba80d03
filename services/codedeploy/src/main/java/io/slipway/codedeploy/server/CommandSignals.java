package io.slipway.codedeploy.server;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Signals;
import io.slipway.engine.store.Tx;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Wakes PollHostCommand long polls as soon as a command for their instance commits, on this node
 * or another sharing the store ({@link Signals}), so an agent hears of its next event at once rather
 * than at its next poll. A poller notes the generation before it looks at the store and waits only
 * if no signal came since, so none is missed; pollers also look again every second, which covers a
 * signal lost with another node's connection.
 */
public final class CommandSignals {
    private static final String TOPIC = "codedeploy.host-command";
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final Signals signals;

    public CommandSignals(Signals signals) {
        this.signals = signals;
        signals.subscribe(TOPIC, this::signal);
    }

    private static final class Slot {
        long generation;
    }

    long generation(Namespace ns, String instance) {
        Slot slot = slot(ns, instance);
        synchronized (slot) {
            return slot.generation;
        }
    }

    /** Waits for a signal newer than {@code seen}, or the timeout; either way the caller looks again. */
    void await(Namespace ns, String instance, long seen, Duration timeout) throws InterruptedException {
        Slot slot = slot(ns, instance);
        synchronized (slot) {
            if (slot.generation == seen) {
                slot.wait(Math.max(1, timeout.toMillis()));
            }
        }
    }

    /** Wakes the instance's pollers, on every node, once {@code tx} commits. */
    void signal(Tx tx, Namespace ns, String instance) {
        signals.publish(tx, TOPIC, key(ns, instance));
    }

    private void signal(String key) {
        if (key.isEmpty()) { // signals may have been lost: every poller looks again
            slots.values().forEach(CommandSignals::bump);
            return;
        }
        Slot slot = slots.get(key);
        if (slot != null) { // nobody polls for an instance without a slot
            bump(slot);
        }
    }

    private static void bump(Slot slot) {
        synchronized (slot) {
            slot.generation++;
            slot.notifyAll();
        }
    }

    private Slot slot(Namespace ns, String instance) {
        return slots.computeIfAbsent(key(ns, instance), k -> new Slot());
    }

    private static String key(Namespace ns, String instance) {
        return ns.account() + "/" + ns.region() + "/" + instance;
    }
}
