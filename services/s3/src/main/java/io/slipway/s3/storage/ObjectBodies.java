package io.slipway.s3.storage;

import io.slipway.core.codec.Checksums;
import io.slipway.engine.blob.BlobOutput;
import io.slipway.engine.blob.Blobs;
import io.slipway.engine.blob.OpenBlob;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Tx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Object and part bodies in the blob store, under ids built from generated names only, never from a
 * key, so nothing a client sends can name a place outside the store:
 * {@code buckets/<bucket store id>/objects/<name>} and {@code .../parts/<name>} (on the embedded
 * store, these are the files under the S3 directory). A body is whole in the store before the
 * metadata that names it commits; a body no committed metadata names is garbage, never the other
 * way round.
 */
final class ObjectBodies {
    static final long MAX_PUT_SIZE = 5L * 1024 * 1024 * 1024;
    private static final int BUFFER = 1024 * 1024;

    private final Blobs blobs;
    private final IdGenerator ids;

    ObjectBodies(Blobs blobs, IdGenerator ids) {
        this.blobs = blobs;
        this.ids = ids;
    }

    /** A new name safe for a blob id or a namespace column: the generated id if it is plain, else its hash. */
    String newName() {
        return Blobs.plainName(ids.newId());
    }

    static String bucketBlobs(String storeId) {
        return "buckets/" + checked(storeId);
    }

    static String objectBlob(String storeId, String name) {
        return bucketBlobs(storeId) + "/objects/" + checked(name);
    }

    static String partBlob(String storeId, String name) {
        return bucketBlobs(storeId) + "/parts/" + checked(name);
    }

    /**
     * Streams {@code body} into the blob {@code blob}, computing the MD5 and the requested checksums.
     * Reads exactly {@code expectedLength} bytes when known (fewer is IncompleteBody), else to the
     * end. On any failure nothing of it is left in the store before the exception leaves.
     *
     * <p>MD5 is slower than loopback and disk (about 700 MB/s on one core), so the digests of one
     * block run on a second thread while the next block is read and written; two blocks take turns.
     */
    ReceivedBody receive(String blob, InputStream body, long expectedLength, long maxSize,
                         Collection<ChecksumAlgorithm> algorithms) {
        return receive(blob, body, expectedLength, maxSize, algorithms, false);
    }

    /** As above, also computing the body's SHA-256 when {@code payloadSha256} (to check, never to store). */
    ReceivedBody receive(String blob, InputStream body, long expectedLength, long maxSize,
                         Collection<ChecksumAlgorithm> algorithms, boolean payloadSha256) {
        if (expectedLength > maxSize) {
            throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size");
        }
        Set<Checksums.Algorithm> computed = EnumSet.of(Checksums.Algorithm.MD5);
        algorithms.forEach(a -> computed.add(a.computed()));
        if (payloadSha256) {
            computed.add(Checksums.Algorithm.SHA256);
        }
        Checksums sums = Checksums.of(computed);
        int blockSize = expectedLength < 0 ? BUFFER : (int) Math.clamp(expectedLength, 1, BUFFER);
        byte[][] blocks = {new byte[blockSize], null};
        Thread digesting = null;
        boolean done = false;
        long size = 0;
        BlobOutput out = blobs.create(blob);
        try {
            for (int turn = 0; expectedLength < 0 || size < expectedLength; turn ^= 1) {
                if (blocks[turn] == null) {
                    blocks[turn] = new byte[blockSize];
                }
                byte[] block = blocks[turn];
                int want = expectedLength < 0 ? block.length : (int) Math.min(block.length, expectedLength - size);
                int n = body.readNBytes(block, 0, want);
                size += n;
                if (size > maxSize) {
                    throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size");
                }
                out.write(block, 0, n);
                join(digesting);
                if (n < block.length) { // the last block: no one to overlap with
                    sums.update(block, 0, n);
                    digesting = null;
                    break;
                }
                digesting = Thread.startVirtualThread(() -> sums.update(block, 0, n));
            }
            join(digesting);
            if (expectedLength >= 0 && size < expectedLength) {
                throw S3Errors.INCOMPLETE_BODY.exception(
                        "You did not provide the number of bytes specified by the Content-Length HTTP header");
            }
            out.close();
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("body upload failed", e);
        } finally {
            join(digesting);
            if (!done) {
                out.abort();
            }
        }
        Map<ChecksumAlgorithm, byte[]> values = new EnumMap<>(ChecksumAlgorithm.class);
        algorithms.forEach(a -> values.put(a, sums.value(a.computed())));
        return new ReceivedBody(blob, size, sums.value(Checksums.Algorithm.MD5), values,
                payloadSha256 ? Optional.of(sums.value(Checksums.Algorithm.SHA256)) : Optional.empty());
    }

    private static void join(Thread digesting) {
        if (digesting == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                digesting.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the block must be digested before its buffer is reused
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    Optional<OpenBlob> open(String blob) {
        return blobs.open(blob);
    }

    /** With {@code tx}: the body goes when the transaction that stops naming it commits. */
    void delete(Tx tx, String blob) {
        blobs.delete(tx, blob);
    }

    void deleteUnder(Tx tx, String prefix) {
        blobs.deleteUnder(tx, prefix);
    }

    /** A body no commit names (refused after it was received, or its commit rolled back). */
    void deleteNow(String blob) {
        blobs.deleteNow(blob);
    }

    boolean exists(String blob) {
        return blobs.exists(blob);
    }

    private static String checked(String name) {
        if (!Blobs.PLAIN.matcher(name).matches()) {
            throw new IllegalStateException("not a generated name: " + name);
        }
        return name;
    }
}
