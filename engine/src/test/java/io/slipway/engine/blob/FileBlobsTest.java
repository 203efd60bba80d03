package io.slipway.engine.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's kind: files under a directory. */
class FileBlobsTest extends BlobsContract {
    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return Database.open(DatabaseConfig.h2InMemory());
    }

    @Override
    protected Blobs blobsOver(Database db, IdGenerator ids) {
        return Blobs.of(db, dir, "s3", ids);
    }

    @Override
    protected long storedPieces() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aBlobIsTheFileItsIdNames() {
        blobs.write("buckets/b1/objects/o1", new byte[] {1});
        assertThat(dir.resolve("buckets/b1/objects/o1")).hasBinaryContent(new byte[] {1});
    }
}
