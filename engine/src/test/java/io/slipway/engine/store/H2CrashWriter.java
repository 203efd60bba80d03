package io.slipway.engine.store;

import io.slipway.engine.clock.RealClock;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Child process for the crash test: four threads commit resources forever, printing each id once
 * its commit returned. Several writers make commits share written chunks (group commit).
 */
public final class H2CrashWriter {

    private static final int WRITERS = 4;

    private H2CrashWriter() {
    }

    public static void main(String[] args) {
        Database db = Database.open(DatabaseConfig.h2File(Path.of(args[0])));
        ResourceStore store = new ResourceStore(db.jdbc(), new RealClock());
        WorkQueue queue = new WorkQueue(db.jdbc(), new RealClock(), IdGenerator.uuid());
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    String id = "r" + writer + "-" + i;
                    db.jdbc().runInTransaction(tx -> {
                        store.insert(tx, new ResourceKey("1", "r", "k", id), Optional.empty(), "{\"n\":\"" + id + "\"}");
                        queue.enqueue(tx, "job/" + id, "job", id, java.time.Instant.EPOCH);
                    });
                    synchronized (System.out) {
                        System.out.println(id);
                        System.out.flush();
                    }
                }
            });
        }
    }
}
