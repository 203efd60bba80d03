package io.slipway.engine.blob;

import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Tx;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Blobs as files: {@code root/<id>}, written to {@code root/tmp/<generated>} and moved into place
 * on close, so a blob is whole or absent. An open blob is an open file channel, which keeps its
 * bytes readable even when the blob is replaced or deleted meanwhile.
 */
final class FileBlobs implements Blobs {
    private final Path root;
    private final Path tmp;
    private final IdGenerator ids;

    FileBlobs(Path root, IdGenerator ids) {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve("tmp");
        this.ids = ids;
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create blob directory " + tmp, e);
        }
    }

    /** The file of blob {@code id}; for tests and for callers that must hand a path to a process. */
    Path file(String id) {
        return root.resolve(Blobs.checkId(id));
    }

    @Override
    public BlobOutput create(String id) {
        Path target = file(id);
        Path temp = tmp.resolve(Blobs.plainName(ids.newId()));
        OutputStream out;
        try {
            out = Files.newOutputStream(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + temp, e);
        }
        return new BlobOutput() {
            private boolean done;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                if (done) {
                    return;
                }
                out.close();
                Files.createDirectories(target.getParent());
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                done = true;
            }

            @Override
            public void abort() {
                try {
                    out.close();
                } catch (IOException e) {
                    // the file goes anyway
                }
                deleteQuietly(temp);
                done = true;
            }
        };
    }

    @Override
    public Optional<OpenBlob> open(String id) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file(id), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new OpenBlob() {
            @Override
            public InputStream stream(long offset) throws IOException {
                return Channels.newInputStream(channel.position(offset));
            }

            @Override
            public void transferTo(long offset, long length, OutputStream out) throws IOException {
                // the kernel copies file to socket where it can: what kept GETs at disk speed
                WritableByteChannel target = Channels.newChannel(out);
                long copied = 0;
                while (copied < length) {
                    long n = channel.transferTo(offset + copied, length - copied, target);
                    if (n <= 0) {
                        throw new IOException("blob " + id + " ended after " + copied + " of " + length + " bytes");
                    }
                    copied += n;
                }
            }

            @Override
            public void close() {
                try {
                    channel.close();
                } catch (IOException e) {
                    // a read-only channel loses nothing when its close fails
                }
            }
        });
    }

    @Override
    public boolean exists(String id) {
        return Files.isRegularFile(file(id));
    }

    @Override
    public void delete(Tx tx, String id) {
        Path file = file(id);
        tx.afterCommit(() -> deleteQuietly(file));
    }

    @Override
    public void deleteUnder(Tx tx, String prefix) {
        Path dir = file(prefix);
        tx.afterCommit(() -> deleteTreeQuietly(dir));
    }

    @Override
    public Map<String, Long> temporaries() {
        Map<String, Long> found = new TreeMap<>();
        try (Stream<Path> files = Files.list(tmp)) {
            files.forEach(f -> {
                try {
                    found.put(f.getFileName().toString(), Files.size(f));
                } catch (IOException e) {
                    // gone meanwhile: closed or aborted
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tmp, e);
        }
        return found;
    }

    @Override
    public void deleteTemporary(String temporaryId) {
        if (PLAIN.matcher(temporaryId).matches()) {
            deleteQuietly(tmp.resolve(temporaryId));
        }
    }

    @Override
    public void deleteNow(String id) {
        deleteQuietly(file(id));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for a cleanup: an unnamed file is garbage, never visible.
        }
    }

    private static void deleteTreeQuietly(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(FileBlobs::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // Left for a cleanup.
        }
    }
}
