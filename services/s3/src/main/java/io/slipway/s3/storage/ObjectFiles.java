package io.slipway.s3.storage;

import io.slipway.core.codec.Checksums;
import io.slipway.engine.store.IdGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bodies on disk. Every file name is generated, never derived from a key, so nothing a client
 * sends can name a path outside the root: {@code root/tmp/<id>} while a body streams in, then
 * {@code root/buckets/<bucket store id>/objects/<id>} and {@code .../parts/<id>}. A body becomes a
 * file in its final place before the metadata that points to it commits; a file no committed
 * metadata points to is garbage, never the other way round.
 */
final class ObjectFiles {
    static final long MAX_PUT_SIZE = 5L * 1024 * 1024 * 1024;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int BUFFER = 1024 * 1024;

    private final Path root;
    private final Path tmp;
    private final IdGenerator ids;

    ObjectFiles(Path root, IdGenerator ids) {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve("tmp");
        this.ids = ids;
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create S3 storage directory " + tmp, e);
        }
    }

    /** A new name safe for a file or a namespace column: the generated id if it is plain, else its hash. */
    String newName() {
        String id = ids.newId();
        if (SAFE.matcher(id).matches()) {
            return id;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path bucketDir(String storeId) {
        return root.resolve("buckets").resolve(checked(storeId));
    }

    Path objectFile(String storeId, String file) {
        return bucketDir(storeId).resolve("objects").resolve(checked(file));
    }

    Path partFile(String storeId, String file) {
        return bucketDir(storeId).resolve("parts").resolve(checked(file));
    }

    /**
     * Streams {@code body} into a temporary file, computing the MD5 and the requested checksums.
     * Reads exactly {@code expectedLength} bytes when known (fewer is IncompleteBody), else to the
     * end. On any failure the temporary file is gone before the exception leaves.
     *
     * <p>MD5 is slower than loopback and disk (about 700 MB/s on one core), so the digests of one
     * block run on a second thread while the next block is read and written; two blocks take turns.
     */
    ReceivedBody receive(InputStream body, long expectedLength, long maxSize, Collection<ChecksumAlgorithm> algorithms) {
        return receive(body, expectedLength, maxSize, algorithms, false);
    }

    /** As above, also computing the body's SHA-256 when {@code payloadSha256} (to check, never to store). */
    ReceivedBody receive(InputStream body, long expectedLength, long maxSize, Collection<ChecksumAlgorithm> algorithms,
                         boolean payloadSha256) {
        if (expectedLength > maxSize) {
            throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size");
        }
        Path file = tmp.resolve(newName());
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
        try (OutputStream out = Files.newOutputStream(file)) {
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
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("body upload failed", e);
        } finally {
            join(digesting);
            if (!done) {
                deleteQuietly(file);
            }
        }
        Map<ChecksumAlgorithm, byte[]> values = new EnumMap<>(ChecksumAlgorithm.class);
        algorithms.forEach(a -> values.put(a, sums.value(a.computed())));
        return new ReceivedBody(file, size, sums.value(Checksums.Algorithm.MD5), values,
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

    /** Moves a received body to its final place; it is still invisible until metadata names it. */
    void publish(Path received, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(received, target);
            }
        } catch (IOException e) {
            deleteQuietly(received);
            throw new UncheckedIOException("cannot store body at " + target, e);
        }
    }

    /** A new empty temporary file, for bodies this engine assembles itself (copies, multipart). */
    Path newTemp() {
        return tmp.resolve(newName());
    }

    void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for a cleanup: an unreferenced file is garbage, never visible.
        }
    }

    void deleteTreeQuietly(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(this::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // Left for a cleanup.
        }
    }

    private static String checked(String name) {
        if (!SAFE.matcher(name).matches()) {
            throw new IllegalStateException("not a generated file name: " + name);
        }
        return name;
    }
}
