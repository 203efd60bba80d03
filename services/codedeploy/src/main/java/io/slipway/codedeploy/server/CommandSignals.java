package io.slipway.codedeploy.server;

import io.slipway.core.Namespace;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Wakes PollHostCommand long polls on this node as soon as a command for their instance commits,
 * so an agent hears of its next event at once rather than at its next poll. A poller notes the
 * generation before it looks at the store and waits only if no signal came since, so none is
 * missed; pollers also look again every second, which covers commands issued by another node.
 */
public final class CommandSignals {
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

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

    void signal(Namespace ns, String instance) {
        Slot slot = slot(ns, instance);
        synchronized (slot) {
            slot.generation++;
            slot.notifyAll();
        }
    }

    private Slot slot(Namespace ns, String instance) {
        return slots.computeIfAbsent(ns.account() + "/" + ns.region() + "/" + instance, k -> new Slot());
    }
}
