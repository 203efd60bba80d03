package io.slipway.agent.bundle;

import static io.slipway.agent.testing.TestArchives.directory;
import static io.slipway.agent.testing.TestArchives.file;
import static io.slipway.agent.testing.TestArchives.hardlink;
import static io.slipway.agent.testing.TestArchives.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.agent.spec.BundleType;
import io.slipway.agent.testing.TestArchives;
import io.slipway.agent.testing.TestArchives.Entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BundleUnpackerTest {
    @TempDir
    Path dir;

    private static final List<Entry> APP = List.of(
            file("appspec.yml", "version: 0.0\nos: linux\n", 0644),
            directory("scripts"),
            file("scripts/start.sh", "#!/bin/sh\necho start\n", 0755),
            file("site/index.html", "<h1>hi</h1>", 0640));

    private static byte[] pack(BundleType type, List<Entry> entries) {
        return switch (type) {
            case ZIP -> TestArchives.zip(entries);
            case TAR -> TestArchives.tar(entries);
            case TGZ -> TestArchives.gzip(TestArchives.tar(entries));
        };
    }

    private Path unpack(BundleType type, byte[] bundle) throws IOException {
        Path file = dir.resolve("bundle." + type.value());
        Files.write(file, bundle);
        Path archive = dir.resolve("deployment-archive");
        BundleUnpacker.unpack(file, type, archive);
        return archive;
    }

    @ParameterizedTest
    @EnumSource(BundleType.class)
    void unpacksFilesAndKeepsTheirModes(BundleType type) throws IOException {
        Path archive = unpack(type, pack(type, APP));

        assertThat(archive.resolve("appspec.yml")).hasContent("version: 0.0\nos: linux");
        assertThat(archive.resolve("site/index.html")).hasContent("<h1>hi</h1>");
        assertThat(Files.isExecutable(archive.resolve("scripts/start.sh"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.resolve("scripts/start.sh")))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.resolve("site/index.html")))).isEqualTo("rw-r-----");
    }

    @ParameterizedTest
    @EnumSource(BundleType.class)
    void rejectsAnEntryThatClimbsOutOfTheArchive(BundleType type) {
        byte[] bundle = pack(type, List.of(file("ok.txt", "ok", 0644), file("scripts/../../evil.sh", "#!/bin/sh\n", 0755)));

        assertThatThrownBy(() -> unpack(type, bundle)).isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("outside the archive directory").hasMessageContaining("../../evil.sh");
        assertThat(dir.resolve("evil.sh")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(BundleType.class)
    void rejectsAnAbsoluteEntry(BundleType type) {
        byte[] bundle = pack(type, List.of(file("/etc/cron.d/evil", "* * * * * root true\n", 0644)));

        assertThatThrownBy(() -> unpack(type, bundle)).isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("absolute path");
    }

    @ParameterizedTest
    @EnumSource(BundleType.class)
    void skipsSymbolicLinks(BundleType type) throws IOException {
        byte[] bundle = pack(type, List.of(symlink("passwd", "/etc/passwd"), symlink("up", "../.."), file("real.txt", "real", 0644)));

        Path archive = unpack(type, bundle);

        assertThat(archive.resolve("real.txt")).hasContent("real");
        assertThat(Files.exists(archive.resolve("passwd"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(archive.resolve("up"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void skipsHardLinksInTars() throws IOException {
        Path archive = unpack(BundleType.TAR, TestArchives.tar(List.of(hardlink("shadow", "/etc/shadow"), file("a.txt", "a", 0644))));

        assertThat(archive.resolve("a.txt")).hasContent("a");
        assertThat(Files.exists(archive.resolve("shadow"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void neverWritesThroughALinkInTheArchiveDirectory() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path archive = Files.createDirectories(dir.resolve("deployment-archive"));
        Files.createSymbolicLink(archive.resolve("www"), outside);
        Path bundle = Files.write(dir.resolve("bundle.tar"), TestArchives.tar(List.of(file("www/index.html", "x", 0644))));

        assertThatThrownBy(() -> BundleUnpacker.unpack(bundle, BundleType.TAR, archive)).isInstanceOf(UnsafeArchiveException.class);
        assertThat(outside.resolve("index.html")).doesNotExist();
    }

    @Test
    void readsGnuLongNames() throws IOException {
        String longName = "deep/" + "d".repeat(60) + "/" + "e".repeat(60) + "/file.txt";

        Path archive = unpack(BundleType.TGZ, TestArchives.gzip(TestArchives.tar(List.of(file(longName, "long", 0644)))));

        assertThat(archive.resolve(longName)).hasContent("long");
    }

    @Test
    void readsPaxPaths() throws IOException {
        Path archive = unpack(BundleType.TAR, TestArchives.paxTar("pax/named.txt", "pax"));

        assertThat(archive.resolve("pax/named.txt")).hasContent("pax");
        assertThat(archive.resolve("short-name-ignored")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(BundleType.class)
    void liftsASingleTopDirectoryHoldingTheAppSpec(BundleType type) throws IOException {
        Path archive = unpack(type, pack(type, List.of(file("app/appspec.yml", "version: 0.0\n", 0644),
                file("app/scripts/a.sh", "#!/bin/sh\n", 0755))));

        assertThat(archive.resolve("appspec.yml")).exists();
        assertThat(archive.resolve("scripts/a.sh")).exists();
        assertThat(archive.resolve("app")).doesNotExist();
    }

    @Test
    void refusesWhatIsNotATar() throws IOException {
        Path bundle = Files.writeString(dir.resolve("bundle.tar"), "this is not a tar archive".repeat(40));

        assertThatThrownBy(() -> BundleUnpacker.unpack(bundle, BundleType.TAR, dir.resolve("out"))).isInstanceOf(IOException.class)
                .hasMessageContaining("Not a tar archive");
    }
}
