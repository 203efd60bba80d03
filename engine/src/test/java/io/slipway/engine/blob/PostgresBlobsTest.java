package io.slipway.engine.blob;

import io.slipway.engine.store.Database;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.TestPostgres;

/** Chunk rows on PostgreSQL, each test in a fresh schema. */
class PostgresBlobsTest extends BlobsContract {
    private String schema;

    @Override
    protected Database openDatabase() {
        schema = TestPostgres.createSchema();
        return Database.open(TestPostgres.config(schema));
    }

    @Override
    protected Blobs blobsOver(Database db, IdGenerator ids) {
        return Blobs.of(db, java.nio.file.Path.of("unused"), "s3", ids);
    }

    @Override
    protected long storedPieces() {
        return H2DatabaseBlobsTest.chunkRows(db);
    }

    @Override
    protected void dropDatabase() {
        if (schema != null) {
            TestPostgres.drop(schema);
        }
    }
}
