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
 * packages it: one file named {@code index} with the runtime's extension, and beside it the
 * cfn-response module that such functions may use to answer a custom resource (Slipway's own,
 * written for Slipway), zipped. The entry's
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

    /** The source in its file, with the runtime's cfn-response module beside it, zipped. */
    static byte[] zip(String fileName, String source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, fileName, source.getBytes(StandardCharsets.UTF_8));
            if (fileName.endsWith(".js")) {
                put(zip, "node_modules/cfn-response/index.js", module("index.js"));
            } else {
                put(zip, "cfnresponse.py", module("cfnresponse.py"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FIXED);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** Slipway's own cfn-response module for a runtime (Node.js {@code require('cfn-response')}, Python {@code import cfnresponse}). */
    private static byte[] module(String name) throws IOException {
        try (var in = InlineCode.class.getResourceAsStream("cfn-response/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the cfn-response module " + name + " is missing from Slipway's jar");
            }
            return in.readAllBytes();
        }
    }
}
