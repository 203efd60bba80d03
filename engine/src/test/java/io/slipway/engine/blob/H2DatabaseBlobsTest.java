package io.slipway.engine.blob;

import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;

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

    static long chunkRows(Database db) {
        return db.jdbc().queryOne("SELECT COUNT(*) FROM blob_chunk", Jdbc.Binder.NONE, rs -> rs.getLong(1)).orElseThrow();
    }
}
