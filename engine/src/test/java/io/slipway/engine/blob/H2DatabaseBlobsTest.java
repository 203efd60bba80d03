package io.slipway.engine.blob;

import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Chunk rows on H2: the same SQL PostgreSQL runs, proven on the embedded database too. */
class H2DatabaseBlobsTest extends BlobsContract {

    @Override
    protected Database openDatabase() {
        return Database.open(DatabaseConfig.h2InMemory());
    }

    @Override
    protected Blobs blobsOver(Database db, IdGenerator ids) {
        return Blobs.inDatabase(db.jdbc(), "s3", ids);
    }

    @Override
    protected long storedPieces() {
        return chunkRows(db);
    }

    @Test
    void bodiesKeptAsFilesBeforeAreImportedOnceAndSetAside(@TempDir Path data) throws Exception {
        Path dir = data.resolve("s3");
        Blobs files = Blobs.inFiles(dir, IdGenerator.uuid());
        byte[] big = random(2 * MIB + 1, 20);
        files.write("buckets/b1/objects/o1", big);
        files.write("buckets/b1/parts/p1", new byte[0]);
        files.write("unpacked/index.js", new byte[] {1}); // not chosen: stays where it is
        blobs.write("buckets/b1/objects/o2", new byte[] {7}); // another node imported this one already
        files.write("buckets/b1/objects/o2", new byte[] {7});

        assertThat(FileImport.intoDatabase(blobs, dir, id -> id.startsWith("buckets/"))).isEqualTo(2);
        assertThat(blobs.read("buckets/b1/objects/o1")).hasValueSatisfying(b -> assertThat(b).isEqualTo(big));
        assertThat(blobs.exists("buckets/b1/parts/p1")).isTrue();
        assertThat(blobs.read("buckets/b1/objects/o2")).hasValueSatisfying(b -> assertThat(b).containsExactly(7));
        assertThat(blobs.exists("unpacked/index.js")).isFalse();
        assertThat(dir.resolve("buckets/b1/objects/o1")).doesNotExist();
        assertThat(data.resolve("s3.imported/buckets/b1/objects/o1")).hasBinaryContent(big);
        assertThat(dir.resolve("unpacked/index.js")).exists();
        assertThat(FileImport.intoDatabase(blobs, dir, id -> id.startsWith("buckets/"))).isZero();
        assertThat(FileImport.intoDatabase(files, dir, id -> true)).isZero(); // files stay files
        assertThat(dir.resolve("unpacked/index.js")).exists();
    }

    static long chunkRows(Database db) {
        return db.jdbc().queryOne("SELECT COUNT(*) FROM blob_chunk", Jdbc.Binder.NONE, rs -> rs.getLong(1)).orElseThrow();
    }
}
