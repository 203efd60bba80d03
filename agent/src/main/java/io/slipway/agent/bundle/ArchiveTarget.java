package io.slipway.agent.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The directory a bundle unpacks into. Every entry name is checked before anything is written: no
 * absolute names, nothing that normalizes to outside the directory, and no writing through a link.
 */
final class ArchiveTarget {
    private static final System.Logger LOG = System.getLogger(ArchiveTarget.class.getName());
    private final Path dir;
    private final Path realDir;

    ArchiveTarget(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.dir = dir.toAbsolutePath().normalize();
        this.realDir = dir.toRealPath();
    }

    /** Where an entry goes; empty for the archive directory itself ({@code ./}). */
    Optional<Path> resolve(String entryName) throws UnsafeArchiveException {
        if (entryName.startsWith("/") || entryName.startsWith("\\") || entryName.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException("The bundle has an entry with an absolute path: " + entryName);
        }
        Path path;
        try {
            path = dir.resolve(entryName).normalize();
        } catch (InvalidPathException e) {
            throw new UnsafeArchiveException("The bundle has an entry with an invalid name: " + entryName);
        }
        if (!path.startsWith(dir)) {
            throw new UnsafeArchiveException("The bundle has an entry outside the archive directory: " + entryName);
        }
        return path.equals(dir) ? Optional.empty() : Optional.of(path);
    }

    void directory(String entryName) throws IOException {
        Optional<Path> path = resolve(entryName);
        if (path.isPresent()) {
            Files.createDirectories(path.get());
            checkInside(path.get());
        }
    }

    /** Writes a regular file; {@code mode} is its permission bits, 0 when the archive records none. */
    void file(String entryName, InputStream content, int mode) throws IOException {
        Optional<Path> resolved = resolve(entryName);
        if (resolved.isEmpty()) {
            return;
        }
        Path path = resolved.get();
        Files.createDirectories(path.getParent());
        checkInside(path.getParent());
        if (Files.isSymbolicLink(path) || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeArchiveException("The bundle writes a file over a link or directory: " + entryName);
        }
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            content.transferTo(out);
        }
        if ((mode & 0777) != 0) {
            Files.setPosixFilePermissions(path, FileModes.permissions(mode));
        }
    }

    void skipLink(String entryName, String kind) {
        LOG.log(Level.WARNING, "Skipping {0} entry {1}: the agent does not unpack links", kind, entryName);
    }

    /** No directory on the way may be a link that leads out (the archive itself creates none). */
    private void checkInside(Path directory) throws IOException {
        if (!directory.toRealPath().startsWith(realDir)) {
            throw new UnsafeArchiveException("The bundle writes through a link outside the archive directory: " + dir.relativize(directory));
        }
    }
}
