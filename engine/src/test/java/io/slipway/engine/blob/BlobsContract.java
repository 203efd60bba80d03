package io.slipway.engine.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.engine.store.Database;
import io.slipway.engine.store.IdGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every kind of blob store must do, run per kind and database by the subclasses. */
abstract class BlobsContract {
    static final int MIB = 1024 * 1024;

    protected Database db;
    protected Blobs blobs;

    /** An open, empty store. */
    protected abstract Database openDatabase();

    /** The blob store under test, over {@link #db}. */
    protected abstract Blobs blobsOver(Database db, IdGenerator ids);

    /** Pieces of storage in use (rows or files), to prove nothing was left behind. */
    protected abstract long storedPieces();

    protected void dropDatabase() {
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        blobs = blobsOver(db, IdGenerator.uuid());
    }

    @AfterEach
    void close() {
        db.close();
        dropDatabase();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private byte[] readFrom(String id, long offset) throws IOException {
        try (OpenBlob blob = blobs.open(id).orElseThrow(); InputStream in = blob.stream(offset)) {
            return in.readAllBytes();
        }
    }

    private byte[] range(String id, long offset, long length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OpenBlob blob = blobs.open(id).orElseThrow()) {
            blob.transferTo(offset, length, out);
        }
        return out.toByteArray();
    }

    @Test
    void aBodyOfSeveralChunksReadsBackWholeAndFromAnyOffset() throws IOException {
        byte[] body = random(2 * MIB + MIB / 2, 1);
        try (BlobOutput out = blobs.create("objects/one")) {
            // odd write sizes, so chunk edges fall inside writes
            for (int at = 0; at < body.length; at += 100_003) {
                out.write(body, at, Math.min(100_003, body.length - at));
            }
        }
        assertThat(readFrom("objects/one", 0)).isEqualTo(body);
        for (long offset : new long[] {1, MIB - 1, MIB, MIB + 7, 2L * MIB, body.length - 1, body.length}) {
            assertThat(readFrom("objects/one", offset)).as("from %d", offset)
                    .isEqualTo(Arrays.copyOfRange(body, (int) offset, body.length));
        }
        assertThat(range("objects/one", MIB - 10, 20)).isEqualTo(Arrays.copyOfRange(body, MIB - 10, MIB + 10));
        assertThat(range("objects/one", 5, 3)).isEqualTo(Arrays.copyOfRange(body, 5, 8));
        assertThatThrownBy(() -> range("objects/one", body.length - 2, 3)).isInstanceOf(IOException.class);
    }

    @Test
    void anEmptyBodyExistsAndReadsEmpty() throws IOException {
        blobs.write("empty", new byte[0]);
        assertThat(blobs.exists("empty")).isTrue();
        assertThat(blobs.read("empty")).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(range("empty", 0, 0)).isEmpty();
    }

    @Test
    void aBodyIsInvisibleUntilClosedAndAnAbortLeavesNothing() throws IOException {
        long before = storedPieces();
        BlobOutput out = blobs.create("parts/p1");
        out.write(random(MIB + 1, 2)); // at least one chunk already stored
        assertThat(blobs.exists("parts/p1")).isFalse();
        assertThat(blobs.open("parts/p1")).isEmpty();
        out.abort();
        assertThat(blobs.exists("parts/p1")).isFalse();
        assertThat(storedPieces()).isEqualTo(before);
    }

    @Test
    void closingReplacesABodyAlreadyThere() throws IOException {
        blobs.write("code/abc.zip", random(MIB + 5, 3));
        byte[] second = random(10, 4);
        blobs.write("code/abc.zip", second);
        assertThat(readFrom("code/abc.zip", 0)).isEqualTo(second);
    }

    @Test
    void deletingGoesWithTheTransactionThatStopsNamingTheBlobAndReadersUnderWayReadOn() throws IOException {
        long empty = storedPieces();
        byte[] body = random(MIB * 2 + 3, 5);
        blobs.write("a", body);
        assertThatThrownBy(() -> db.jdbc().runInTransaction(tx -> {
            blobs.delete(tx, "a");
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        assertThat(blobs.exists("a")).isTrue();
        try (OpenBlob reading = blobs.open("a").orElseThrow(); InputStream in = reading.stream(10)) {
            in.readNBytes(100);
            db.jdbc().runInTransaction(tx -> blobs.delete(tx, "a"));
            assertThat(blobs.exists("a")).isFalse();
            assertThat(blobs.open("a")).isEmpty();
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(body, 110, body.length));
        }
        // what deleted rows still take is the sweeper's: gone on its second sighting
        BlobSweeper sweeper = new BlobSweeper(java.util.List.of(blobs));
        sweeper.sweep(sweeper.sweep(""));
        assertThat(storedPieces()).isEqualTo(empty);
    }

    @Test
    void deletingUnderAPrefixTakesOnlyItsOwnBlobs() {
        blobs.write("buckets/b_1/objects/x", random(3, 6));
        blobs.write("buckets/b_1/parts/y", random(3, 7));
        blobs.write("buckets/bx1/objects/x", random(3, 8)); // "_" matches any character in LIKE
        blobs.write("buckets/b_10/objects/x", random(3, 9));
        db.jdbc().runInTransaction(tx -> blobs.deleteUnder(tx, "buckets/b_1"));
        assertThat(blobs.exists("buckets/b_1/objects/x")).isFalse();
        assertThat(blobs.exists("buckets/b_1/parts/y")).isFalse();
        assertThat(blobs.exists("buckets/bx1/objects/x")).isTrue();
        assertThat(blobs.exists("buckets/b_10/objects/x")).isTrue();
    }

    @Test
    void idsThatCouldEscapeTheirRootAreRefused() {
        for (String bad : new String[] {"../x", "a/../../x", "a//b", "/abs", "a/.", "", "a\\b", "a b"}) {
            assertThatThrownBy(() -> blobs.create(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(blobs.exists("abc-DEF_1.zip")).isFalse();
    }

    @Test
    void aSweepRemovesOnlyTemporariesThatMadeNoProgressSinceTheLastOne() throws IOException {
        BlobSweeper sweeper = new BlobSweeper(java.util.List.of(blobs));
        BlobOutput abandoned = blobs.create("abandoned"); // as a process killed mid-upload leaves it
        abandoned.write(random(MIB + 1, 12));
        abandoned.flush();
        BlobOutput alive = blobs.create("alive");
        alive.write(random(MIB + 1, 13));
        alive.flush();
        blobs.write("finished", random(10, 14));

        String seen = sweeper.sweep("");
        assertThat(blobs.temporaries()).hasSize(2); // first seen: nothing is deleted yet
        alive.write(random(MIB, 15));
        alive.flush();
        sweeper.sweep(seen);
        assertThat(blobs.temporaries()).hasSize(1);

        alive.close();
        assertThat(blobs.exists("alive")).isTrue();
        assertThat(blobs.exists("finished")).isTrue();
        // had the writer been alive after all, it fails rather than keep a body with holes
        assertThatThrownBy(abandoned::close).isInstanceOfAny(IOException.class, RuntimeException.class);
        assertThat(blobs.exists("abandoned")).isFalse();
        assertThat(blobs.temporaries()).isEmpty();
    }

    @Test
    void twoStoresOverTheSameDatabaseShareTheirBodies() {
        Blobs other = blobsOver(db, IdGenerator.uuid());
        byte[] body = random(MIB + 3, 10);
        blobs.write("shared", body);
        assertThat(other.read("shared")).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
    }
}
