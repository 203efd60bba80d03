package io.slipway.examples.jobworker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The worker's "build": the output artifact is a zip of the input artifacts' files with a
 * {@code build.txt} that says what was built. One input keeps its paths; several go below folders
 * named after their artifacts. An input that is not a zip becomes one file named after its artifact.
 */
public final class BuildOutput {
    public static final String BUILD_TXT = "build.txt";

    /** An input artifact as downloaded. */
    public record Input(String name, byte[] bytes) {
    }

    private BuildOutput() {
    }

    /** The output zip: every input's files, then {@code build.txt} listing {@code facts} as {@code key=value} lines. */
    public static byte[] zip(List<Input> inputs, Map<String, String> facts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Set<String> written = new HashSet<>(Set.of(BUILD_TXT)); // an input's own build.txt gives way to this build's
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Input input : inputs) {
                String prefix = inputs.size() == 1 ? "" : input.name() + "/";
                if (!copyEntries(input.bytes(), prefix, zip, written)) {
                    put(zip, written, prefix.isEmpty() ? input.name() : prefix + input.name(), input.bytes());
                }
            }
            StringBuilder text = new StringBuilder();
            facts.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            zip.putNextEntry(new ZipEntry(BUILD_TXT));
            zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Names of the files in a zip, in order (for tests and logs). */
    public static List<String> entries(byte[] zipBytes) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            List<String> names = new java.util.ArrayList<>();
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One file of a zip, if it is there. */
    public static java.util.Optional<byte[]> read(byte[] zipBytes, String name) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return java.util.Optional.of(in.readAllBytes());
                }
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short digest of an artifact, standing in for a commit id when its revision is unknown. */
    public static String shortDigest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** False when the bytes are not a zip (no entries could be read). */
    private static boolean copyEntries(byte[] bytes, String prefix, ZipOutputStream zip, Set<String> written)
            throws IOException {
        boolean any = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                any = true;
                if (!e.isDirectory()) {
                    put(zip, written, prefix + e.getName(), in.readAllBytes());
                }
            }
        } catch (java.util.zip.ZipException e) {
            if (!any) {
                return false;
            }
            throw e;
        }
        return any;
    }

    private static void put(ZipOutputStream zip, Set<String> written, String name, byte[] bytes) throws IOException {
        if (!written.add(name)) {
            return; // the first input that has a path wins
        }
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
