package io.slipway.engine.blob;

import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes what a process killed while writing a body left behind: temporary blobs that made no
 * progress between two sweeps an hour apart. Progress rather than age decides, so a long upload
 * that is still arriving is never touched, and no clock is written into ids. One durable work item
 * ({@link #ID}) serves all nodes sharing the store: it carries the temporaries it saw to its next
 * run. A writer whose temporary was swept after all (stalled for an hour) fails when it closes.
 */
public final class BlobSweeper {
    static final String KIND = "blob.sweep";
    static final String ID = "blob.sweep";
    static final Duration EVERY = Duration.ofHours(1);

    private final List<Blobs> stores;

    BlobSweeper(List<Blobs> stores) {
        this.stores = List.copyOf(stores);
    }

    /** Registers the sweep with {@code workers} and makes sure its item exists (once, whichever node is first). */
    public static void schedule(Jdbc jdbc, WorkQueue queue, Workers workers, SlipwayClock clock, List<Blobs> stores) {
        BlobSweeper sweeper = new BlobSweeper(stores);
        workers.register(KIND, item -> {
            String seen = sweeper.sweep(item.payload());
            jdbc.runInTransaction(tx -> {
                if (!queue.complete(tx, item)) {
                    throw new ConcurrentUpdateException("blob sweep taken over by another node");
                }
                queue.enqueue(tx, ID, KIND, seen, clock.now().plus(interval(clock)));
            });
        });
        try {
            jdbc.runInTransaction(tx -> queue.enqueue(tx, ID, KIND, "", clock.now().plus(interval(clock))));
        } catch (DuplicateKeyException e) {
            // scheduled already, by this store's first start or another node
        }
    }

    /**
     * An hour of real time in Slipway time: under {@code --time-scale} an upload stalls in real time,
     * and a sweep every scaled hour (a second at 3600) would take uploads that merely paused.
     */
    static Duration interval(SlipwayClock clock) {
        Duration real = clock.toRealDelay(EVERY);
        return real.compareTo(EVERY) >= 0 ? EVERY
                : Duration.ofNanos(Math.round(EVERY.toNanos() * ((double) EVERY.toNanos() / real.toNanos())));
    }

    /**
     * Deletes the temporaries that {@code previous} saw at the same progress, and returns what
     * this sweep saw, one {@code <store> <progress> <id>} a line, for the next.
     */
    String sweep(String previous) {
        Map<String, Long> before = new HashMap<>();
        for (String line : previous.split("\n")) {
            String[] f = line.split(" ", 3);
            if (f.length == 3) {
                before.put(f[0] + " " + f[2], Long.parseLong(f[1]));
            }
        }
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < stores.size(); i++) {
            Blobs store = stores.get(i);
            for (Map.Entry<String, Long> t : store.temporaries().entrySet()) {
                Long then = before.get(i + " " + t.getKey());
                if (t.getValue().equals(then)) {
                    store.deleteTemporary(t.getKey());
                } else {
                    seen.append(i).append(' ').append(t.getValue()).append(' ').append(t.getKey()).append('\n');
                }
            }
        }
        return seen.toString();
    }
}
