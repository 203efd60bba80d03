package io.slipway.engine.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep as the engine runs it: one durable item, hourly, on any node. */
class BlobSweeperTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aTemporaryLeftByADeadWriterGoesAfterTwoHourlySweepsAndTheItemStaysOne() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
        try (Database db = Database.open(DatabaseConfig.h2InMemory())) {
            WorkQueue queue = new WorkQueue(db.jdbc(), clock, IdGenerator.uuid());
            Blobs blobs = Blobs.inDatabase(db.jdbc(), "s3", IdGenerator.uuid());
            BlobOutput left = blobs.create("orphan");
            left.write(new byte[BlobsContract.MIB + 1]);
            left.flush();
            try (Workers a = new Workers(queue, clock, WorkersConfig.defaults("node-a"));
                 Workers b = new Workers(queue, clock, WorkersConfig.defaults("node-b"))) {
                BlobSweeper.schedule(db.jdbc(), queue, a, clock, List.of(blobs));
                BlobSweeper.schedule(db.jdbc(), queue, b, clock, List.of(blobs)); // a second node schedules nothing more
                a.start();
                b.start();
                assertThat(queue.count()).isEqualTo(1);

                clock.advance(BlobSweeper.EVERY);
                assertThat(a.awaitIdle(WAIT) && b.awaitIdle(WAIT)).isTrue();
                assertThat(blobs.temporaries()).hasSize(1); // seen once: could be an upload under way
                clock.advance(BlobSweeper.EVERY);
                assertThat(a.awaitIdle(WAIT) && b.awaitIdle(WAIT)).isTrue();
                assertThat(blobs.temporaries()).isEmpty();
                assertThat(queue.count()).isEqualTo(1);
            }
        }
    }

    @Test
    void theSweepWaitsAnHourOfRealTimeWhateverTheTimeScale() {
        assertThat(BlobSweeper.interval(new io.slipway.engine.clock.ScaledClock(60))).isEqualTo(Duration.ofHours(60));
        assertThat(BlobSweeper.interval(new io.slipway.engine.clock.RealClock())).isEqualTo(Duration.ofHours(1));
        assertThat(BlobSweeper.interval(new ManualClock(Instant.EPOCH))).isEqualTo(Duration.ofHours(1));
    }
}
