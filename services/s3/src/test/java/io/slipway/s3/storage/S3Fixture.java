package io.slipway.s3.storage;

import io.slipway.engine.blob.Blobs;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.runtime.AwsException;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An S3Storage over a fresh database and root directory, per test; subclasses choose the database. */
abstract class S3Fixture {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String REGION = "eu-west-1";

    @TempDir
    Path root;

    final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    Database db;
    Blobs blobs;
    S3Storage s3;
    private String schema;

    /** "h2" or "postgres". */
    abstract String database();

    /** Whether listings use the explicit COLLATE "C" query. */
    boolean collateC() {
        return false;
    }

    @BeforeEach
    void openStorage() {
        DatabaseConfig config;
        if (database().equals("postgres")) {
            schema = TestDatabases.newSchemaName();
            config = TestDatabases.postgres(schema);
        } else {
            config = DatabaseConfig.h2InMemory();
        }
        db = Database.open(config);
        s3 = newStorage();
    }

    /** Files under {@link #root} on H2, chunk rows on PostgreSQL: the two kinds Slipway runs. */
    S3Storage newStorage() {
        blobs = Blobs.of(db, root, "s3", IdGenerator.uuid());
        return new S3Storage(db.jdbc(), new ResourceStore(db.jdbc(), clock), blobs, clock, IdGenerator.uuid(), collateC());
    }

    /** Bodies in the store, finished or not, and not deleted. */
    long storedBodies() {
        // deleted rows wait as gone:<id> for readers under way, then for the sweeper: no longer bodies
        return onFiles() ? filesUnder(root).size() : chunkCount("COUNT(DISTINCT blob_id)", " WHERE blob_id NOT LIKE 'gone:%'");
    }

    /** Bodies still being written, or left by a failed write. */
    long temporaryBodies() {
        return onFiles() ? filesUnder(root.resolve("tmp")).size()
                : chunkCount("COUNT(DISTINCT blob_id)", " WHERE blob_id LIKE 'tmp:%'");
    }

    boolean onFiles() {
        return !database().equals("postgres");
    }

    private long chunkCount(String what, String where) {
        return db.jdbc().queryOne("SELECT " + what + " FROM blob_chunk" + where, Jdbc.Binder.NONE, rs -> rs.getLong(1))
                .orElseThrow();
    }

    static List<Path> filesUnder(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void closeStorage() {
        if (db != null) {
            db.close();
        }
        if (schema != null) {
            TestDatabases.dropPostgres(schema);
        }
    }

    ObjectInfo put(String bucket, String key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return s3.putObject(ACCOUNT, bucket, key, new ByteArrayInputStream(bytes), bytes.length, ObjectAttributes.none());
    }

    String read(ObjectInfo info) {
        return new String(blobs.read(s3.bodyBlob(info)).orElseThrow(), StandardCharsets.UTF_8);
    }

    boolean bodyExists(String blob) {
        return blobs.exists(blob);
    }

    String get(String bucket, String key) {
        return read(s3.getObject(ACCOUNT, bucket, key, Optional.empty()));
    }

    static void assertError(ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((AwsException) e).error().code()).isEqualTo(code));
    }
}
