package io.slipway.s3.storage;

import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
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
import java.util.Optional;

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

    S3Storage newStorage() {
        return new S3Storage(db.jdbc(), new ResourceStore(db.jdbc(), clock), root, clock, IdGenerator.uuid(), collateC());
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
        try {
            return Files.readString(s3.bodyFile(info));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String get(String bucket, String key) {
        return read(s3.getObject(ACCOUNT, bucket, key, Optional.empty()));
    }

    static void assertError(ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((AwsException) e).error().code()).isEqualTo(code));
    }
}
