package io.slipway.engine.blob;

import io.slipway.engine.store.Database;
import io.slipway.engine.store.Dialect;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Tx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Durable bodies (S3 objects and parts, Lambda code packages) under ids the caller chooses. A body
 * is written as a stream through {@link #create}; it appears under its id only when the stream is
 * closed whole, and {@link BlobOutput#abort} leaves nothing behind. Whatever names a blob (an
 * object version, a part, a function) is metadata the caller commits after that, so a blob no
 * commit names is garbage, never the other way round. Deleting goes with the transaction that
 * stops naming the blob ({@link #delete(Tx, String)}).
 *
 * <p>Two kinds: files under a directory (the embedded store's default, at disk speed) and chunk
 * rows in the database (when the store is PostgreSQL, so every node sharing it reads every body).
 */
public sealed interface Blobs permits FileBlobs, DatabaseBlobs {

    /** One path segment of an id: generated names, hashes and file names, never "." or "..". */
    Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,79}");
    int MAX_ID_LENGTH = 300;
    Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Where bodies of {@code space} (e.g. "s3", "lambda-code") live for this store: rows in the
     * database when it is PostgreSQL, shared by all nodes; else files under {@code directory}, which
     * an embedded store owns alone.
     */
    static Blobs of(Database database, Path directory, String space, IdGenerator ids) {
        return database.dialect() == Dialect.POSTGRES
                ? inDatabase(database.jdbc(), space, ids)
                : inFiles(directory, ids);
    }

    /** Files under {@code directory}: for a store no other process shares. */
    static Blobs inFiles(Path directory, IdGenerator ids) {
        return new FileBlobs(directory, ids);
    }

    /** Rows of the database's {@code blob_chunk} table, ids prefixed with {@code space}. */
    static Blobs inDatabase(io.slipway.engine.store.Jdbc jdbc, String space, IdGenerator ids) {
        return new DatabaseBlobs(jdbc, space, ids);
    }

    /** A stream that becomes the blob {@code id} when closed; a blob already there is replaced. */
    BlobOutput create(String id);

    /** The blob, opened for reading, or empty when there is none under {@code id}. */
    Optional<OpenBlob> open(String id);

    boolean exists(String id);

    /** Deletes the blob with {@code tx}: in it for rows, after its commit for files (which cannot roll back). */
    void delete(Tx tx, String id);

    /** Deletes every blob whose id starts with {@code prefix} + "/", with {@code tx} as above. */
    void deleteUnder(Tx tx, String prefix);

    /** Deletes a blob no commit names (an upload that failed after it was written); never throws. */
    void deleteNow(String id);

    /**
     * The temporary blobs (being written, or left by a process killed while writing) by temporary
     * id, with how far each has got; see {@link BlobSweeper}.
     */
    java.util.Map<String, Long> temporaries();

    /**
     * Deletes a temporary blob that made no progress since the last sweep. A writer that was
     * still alive after all fails on close; it never makes a blob of what is left.
     */
    void deleteTemporary(String temporaryId);

    /** Writes {@code bytes} as the blob {@code id}. */
    default void write(String id, byte[] bytes) {
        BlobOutput out = create(id);
        try {
            out.write(bytes);
            out.close();
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The whole blob, for small ones (code packages); empty when there is none. */
    default Optional<byte[]> read(String id) {
        Optional<OpenBlob> open = open(id);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        try (OpenBlob blob = open.get(); var in = blob.stream(0)) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + id, e);
        }
    }

    /**
     * A generated id as a name fit for an id segment (and a file name): as it is when plain
     * ({@code [A-Za-z0-9_-]}, at most 64), else the hex of the first half of its SHA-256.
     */
    static String plainName(String generated) {
        if (PLAIN.matcher(generated).matches()) {
            return generated;
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(generated.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ids are paths of {@link #SEGMENT}s joined by "/": nothing a client sends reaches outside a root. */
    static String checkId(String id) {
        if (!isId(id)) {
            throw new IllegalArgumentException("not a blob id: " + id);
        }
        return id;
    }

    static boolean isId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (String segment : id.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}
