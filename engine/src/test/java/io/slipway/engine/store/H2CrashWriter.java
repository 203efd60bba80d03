package io.slipway.engine.store;

import io.slipway.engine.clock.RealClock;
import java.nio.file.Path;
import java.util.Optional;

/** Child process for the crash test: commits resources forever, printing each id once committed. */
public final class H2CrashWriter {

    private H2CrashWriter() {
    }

    public static void main(String[] args) {
        Database db = Database.open(DatabaseConfig.h2File(Path.of(args[0])));
        ResourceStore store = new ResourceStore(db.jdbc(), new RealClock());
        WorkQueue queue = new WorkQueue(db.jdbc(), new RealClock(), IdGenerator.uuid());
        for (int i = 0; ; i++) {
            String id = "r" + i;
            db.jdbc().runInTransaction(tx -> {
                store.insert(tx, new ResourceKey("1", "r", "k", id), Optional.empty(), "{\"n\":\"" + id + "\"}");
                queue.enqueue(tx, "job/" + id, "job", id, java.time.Instant.EPOCH);
            });
            System.out.println(id);
            System.out.flush();
        }
    }
}
