package io.slipway.app.resources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A function's source written inline in the template (Code.ZipFile), packaged as CloudFormation
 * packages it: one file named {@code index} with the runtime's extension, zipped. The entry's
 * time is fixed, so the same source always makes the same package and CodeSha256, and an
 * unchanged template leaves the function's code as it is.
 */
final class InlineCode {
    private static final FileTime FIXED = FileTime.fromMillis(315_532_800_000L); // 1980-01-01, the zip epoch

    private InlineCode() {
    }

    /** The file the source goes in for a runtime, if inline source is allowed for it (Node.js and Python only). */
    static Optional<String> fileName(String runtime) {
        if (runtime.startsWith("python")) {
            return Optional.of("index.py");
        }
        if (runtime.startsWith("nodejs")) {
            return Optional.of("index.js");
        }
        return Optional.empty();
    }

    static byte[] zip(String fileName, String source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(fileName);
            entry.setLastModifiedTime(FIXED);
            zip.putNextEntry(entry);
            zip.write(source.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
