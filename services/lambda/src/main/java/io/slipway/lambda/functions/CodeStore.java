package io.slipway.lambda.functions;

import io.slipway.engine.blob.Blobs;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.model.runtime.AwsException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.slipway.model.lambda.LambdaErrors.INVALID_PARAMETER_VALUE;

/**
 * Function code, kept per content: the package as uploaded is the blob {@code <sha256>.zip} (a file
 * beside the unpacked code on the embedded store, rows in the database that every node shares on
 * PostgreSQL), and {@code <root>/<sha256>/} holds its files, unpacked on this node on first use: a
 * cache, which a node that never saw the upload rebuilds from the blob. Versions that share code
 * share both. Entries that would land outside their directory (zip slip) reject the whole package.
 */
public final class CodeStore {
    /** AWS's limit for a directly uploaded package, and for what it may unpack to. */
    static final long MAX_UNZIPPED_BYTES = 250L * 1024 * 1024;
    private final Blobs packages;
    private final Path root;

    private static final java.util.concurrent.atomic.AtomicLong STAGINGS = new java.util.concurrent.atomic.AtomicLong();

    /** {@code packages} keeps the zips; {@code root} is this node's cache of unpacked code. */
    public CodeStore(Blobs packages, Path root) {
        this.packages = packages;
        this.root = root;
    }

    /** What a package is known by: AWS's CodeSha256 (base64 of SHA-256) and its size. */
    public record Package(String sha256, long size) {
    }

    public Package store(byte[] zip) {
        if (zip == null || zip.length == 0) {
            throw INVALID_PARAMETER_VALUE.exception("Code: ZipFile must not be empty");
        }
        String sha = sha256(zip);
        if (!Files.isDirectory(root.resolve(safe(sha)))) {
            unpack(zip, sha); // first, so a package that does not unpack is refused before it is kept
        }
        if (!packages.exists(zipBlob(sha))) {
            try {
                packages.write(zipBlob(sha), zip);
            } catch (DuplicateKeyException e) {
                // another node kept the same bytes at the same moment
            }
        }
        return new Package(sha, zip.length);
    }

    /** The package's files, unpacked here from the kept zip if this node has not yet done so. */
    public Path directory(String sha256) {
        Path dir = root.resolve(safe(sha256));
        if (!Files.isDirectory(dir)) {
            unpack(zip(sha256), sha256);
        }
        return dir;
    }

    /** The package as uploaded; UncheckedIOException when no package has this CodeSha256. */
    public byte[] zip(String sha256) {
        return packages.read(zipBlob(sha256)).orElseThrow(() ->
                new UncheckedIOException(new NoSuchFileException("no code package " + sha256)));
    }

    private static String safe(String sha256) {
        return sha256.replace('/', '_').replace('+', '-').replace("=", "");
    }

    private static String zipBlob(String sha256) {
        return safe(sha256) + ".zip";
    }

    private void unpack(byte[] zip, String sha) {
        Path target = root.resolve(safe(sha));
        // each call stages on its own: two uploads of the same package at once must not share files
        Path staging = target.resolveSibling(target.getFileName() + ".unpacking-" + ProcessHandle.current().pid() + "-"
                + STAGINGS.incrementAndGet());
        try {
            Files.createDirectories(staging);
            long total = 0;
            int entries = 0;
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    entries++;
                    Path file = staging.resolve(e.getName()).normalize();
                    if (!file.startsWith(staging)) {
                        throw invalidZip("entry " + e.getName() + " would be written outside the function's directory");
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(file);
                        continue;
                    }
                    Files.createDirectories(file.getParent());
                    total += copy(in, file, MAX_UNZIPPED_BYTES - total);
                    if (isExecutable(e)) {
                        file.toFile().setExecutable(true, false);
                    }
                }
            }
            if (entries == 0) {
                throw invalidZip("the package is not a zip file or is empty");
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(target)) {
                    throw e;
                } // else another upload of the same package got there first: its files are these files
            }
        } catch (IOException e) {
            throw invalidZip(e.getMessage());
        } finally {
            deleteQuietly(staging);
        }
    }

    /** Unix permission bits live in the upper half of the external attributes, which ZipEntry hides; bootstrap files need them. */
    private static boolean isExecutable(ZipEntry e) {
        String name = e.getName();
        return name.equals("bootstrap") || name.endsWith("/bootstrap") || name.endsWith(".sh");
    }

    private static long copy(InputStream in, Path file, long budget) throws IOException {
        long written = 0;
        byte[] buffer = new byte[8192];
        try (var out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                written += n;
                if (written > budget) {
                    throw invalidZip("the unzipped code is larger than " + MAX_UNZIPPED_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }

    private static AwsException invalidZip(String why) {
        return INVALID_PARAMETER_VALUE.exception("Could not unzip uploaded file. Please check your file, then try to upload again. (" + why + ")");
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a staging directory left behind is harmless: the next attempt uses a fresh one
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
