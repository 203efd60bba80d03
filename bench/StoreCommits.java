import io.slipway.engine.clock.RealClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.ResourceKey;
import io.slipway.engine.store.ResourceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable commits per second on the embedded store: THREADS threads each insert one small resource
 * per transaction, as fast as they can, into a new data directory. Every commit is written before
 * it returns, as for every request Slipway acknowledges. With READERS, that many threads beside
 * them read one resource a transaction: a read made while a writer's change is unwritten waits for
 * it to be written (what a reader may have seen survives {@code kill -9}), which is what this shows.
 *
 * <p>Run with the JDK's source launcher and Slipway's jars: {@code java -cp 'app/target/lib/*'
 * bench/StoreCommits.java THREADS WARMUP_SECONDS SECONDS [READERS]}. Prints commits per second and,
 * with readers, reads per second.
 */
public final class StoreCommits {

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        Duration warmup = Duration.ofSeconds(Long.parseLong(args[1]));
        Duration measured = Duration.ofSeconds(Long.parseLong(args[2]));
        int readers = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Path dir = Files.createTempDirectory("slipway-store-commits");
        try (Database db = Database.open(DatabaseConfig.h2File(dir))) {
            ResourceStore store = new ResourceStore(db.jdbc(), new RealClock());
            AtomicLong commits = new AtomicLong();
            AtomicLong reads = new AtomicLong();
            long end = System.nanoTime() + warmup.plus(measured).toNanos();
            List<Thread> running = new ArrayList<>();
            ResourceKey read = new ResourceKey("000000000000", "us-east-1", "bench", "read");
            store.insert(read, Optional.empty(), "{\"n\":0}");
            for (int r = 0; r < readers; r++) {
                running.add(Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() < end) {
                        store.get(read).orElseThrow();
                        reads.incrementAndGet();
                    }
                }));
            }
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-";
                running.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        ResourceKey key = new ResourceKey("000000000000", "us-east-1", "bench", prefix + i);
                        db.jdbc().runInTransaction(tx -> store.insert(tx, key, Optional.empty(), "{\"n\":1}"));
                        commits.incrementAndGet();
                    }
                }));
            }
            Thread.sleep(warmup);
            long before = commits.get();
            long readBefore = reads.get();
            long started = System.nanoTime();
            for (Thread t : running) {
                t.join();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(readers == 0 ? "%.0f%n" : "%.0f %.0f%n", (commits.get() - before) / seconds,
                    (reads.get() - readBefore) / seconds);
        }
    }
}
