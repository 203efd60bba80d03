package io.slipway.agent.bundle;

import io.slipway.agent.spec.BundleType;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a downloaded bundle into a deployment's archive directory, refusing entries that would
 * land outside it and skipping links, and keeping the executable bits the archive records.
 */
public final class BundleUnpacker {
    private BundleUnpacker() {
    }

    public static void unpack(Path bundle, BundleType type, Path archiveDir) throws IOException {
        ArchiveTarget target = new ArchiveTarget(archiveDir);
        switch (type) {
            case ZIP -> unzip(bundle, target);
            case TAR -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(bundle))) {
                    untar(in, target);
                }
            }
            case TGZ -> {
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(bundle)), 64 * 1024)) {
                    untar(in, target);
                }
            }
        }
        stripSingleTopDirectory(archiveDir);
    }

    private static void unzip(Path bundle, ArchiveTarget target) throws IOException {
        Map<String, Integer> modes = ZipModes.read(bundle);
        try (ZipFile zip = new ZipFile(bundle.toFile(), StandardCharsets.UTF_8)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                int mode = modes.getOrDefault(entry.getName(), 0);
                if ((mode & ZipModes.TYPE_MASK) == ZipModes.SYMLINK) {
                    target.resolve(entry.getName());
                    target.skipLink(entry.getName(), "symbolic link");
                } else if (entry.isDirectory()) {
                    target.directory(entry.getName());
                } else {
                    try (InputStream content = zip.getInputStream(entry)) {
                        target.file(entry.getName(), content, mode);
                    }
                }
            }
        }
    }

    private static void untar(InputStream in, ArchiveTarget target) throws IOException {
        TarReader tar = new TarReader(in);
        for (var entry = tar.next(); entry.isPresent(); entry = tar.next()) {
            TarReader.Entry e = entry.get();
            target.resolve(e.name());
            if (e.isDirectory()) {
                target.directory(e.name());
            } else if (e.isFile()) {
                target.file(e.name(), tar.content(), e.mode());
            } else if (e.isLink()) {
                target.skipLink(e.name(), e.type() == '2' ? "symbolic link" : "hard link");
            } else {
                target.skipLink(e.name(), "special file (type " + e.type() + ")");
            }
        }
    }

    /**
     * A bundle made by archiving a folder has that folder as its only top-level entry; when it holds
     * the AppSpec file, its contents become the archive, as the official agent does.
     */
    private static void stripSingleTopDirectory(Path archiveDir) throws IOException {
        List<Path> top;
        try (Stream<Path> list = Files.list(archiveDir)) {
            top = list.toList();
        }
        if (top.size() != 1 || !Files.isDirectory(top.get(0)) || Files.isSymbolicLink(top.get(0))) {
            return;
        }
        boolean hasAppSpec;
        try (Stream<Path> inner = Files.list(top.get(0))) {
            hasAppSpec = inner.anyMatch(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).contains("appspec"));
        }
        if (!hasAppSpec) {
            return;
        }
        Path temporary = archiveDir.resolveSibling(archiveDir.getFileName() + "-temp");
        Files.move(archiveDir, temporary);
        Files.move(temporary.resolve(top.get(0).getFileName()), archiveDir);
        Files.delete(temporary);
    }
}
