package io.slipway.engine.blob;

import io.slipway.engine.store.DuplicateKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Brings bodies that an earlier Slipway kept as files on a node using PostgreSQL (before bodies
 * moved into the database) into the database, once: every chosen file under the directory becomes
 * the blob its relative path names, unless the database has it already (another node imported the
 * same), and then moves to the same place under {@code <directory>.imported}, so later starts find
 * nothing to do and the operator can delete the copies when satisfied.
 */
public final class FileImport {
    private static final class Log {
        static final System.Logger LOG = System.getLogger(FileImport.class.getName());
    }

    private FileImport() {
    }

    /** The number of blobs imported; 0 when {@code into} keeps files itself or the directory has none. */
    public static int intoDatabase(Blobs into, Path directory, Predicate<String> chosen) {
        if (!(into instanceof DatabaseBlobs) || !Files.isDirectory(directory)) {
            return 0;
        }
        Path root = directory.toAbsolutePath().normalize();
        Path done = root.resolveSibling(root.getFileName() + ".imported");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !root.relativize(f).startsWith("tmp")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        int imported = 0;
        for (Path file : files) {
            String id = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            if (!Blobs.isId(id) || !chosen.test(id)) {
                continue; // not a body Slipway named (an unpacked function's file, say)
            }
            if (!into.exists(id)) {
                BlobOutput out = into.create(id);
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                    out.close();
                    imported++;
                } catch (DuplicateKeyException e) {
                    out.abort(); // another node imported the same body at the same moment
                } catch (IOException | RuntimeException e) {
                    out.abort();
                    throw new IllegalStateException("cannot import " + file + " into the database", e);
                }
            }
            try {
                Path kept = done.resolve(root.relativize(file));
                Files.createDirectories(kept.getParent());
                Files.move(file, kept, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("imported " + file + ", but cannot set it aside", e);
            }
        }
        if (imported > 0) {
            Log.LOG.log(Level.INFO, "imported {0} bodies from {1} into the database (the files are in {2})",
                    imported, root, done);
        }
        return imported;
    }
}
