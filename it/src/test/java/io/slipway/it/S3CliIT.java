package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS CLI's high-level {@code aws s3} commands against Slipway: what people type to move bundles around. */
class S3CliIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    @BeforeAll
    static void cli() {
        AwsCli.requireCli();
    }

    private static AwsCli.Result aws(String... args) {
        return AwsCli.at(slipway.endpoint(), args);
    }

    private static AwsCli.Result ok(String... args) {
        AwsCli.Result r = aws(args);
        assertThat(r.exitCode()).as("aws %s: %s", String.join(" ", args), r.stderr()).isZero();
        return r;
    }

    private static String md5(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static Path randomFile(Path file, long size) throws IOException {
        Random random = new Random(size);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buf.length) {
                random.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
        return file;
    }

    @Test
    void mbCpLsAndRb(@TempDir Path dir) throws Exception {
        ok("s3", "mb", "s3://cli-small");
        Path small = Files.writeString(dir.resolve("hello.txt"), "hello from the CLI\n");
        ok("s3", "cp", small.toString(), "s3://cli-small/docs/hello.txt");

        assertThat(ok("s3", "ls", "s3://cli-small/docs/").stdout()).contains("hello.txt").contains("19");
        assertThat(ok("s3", "ls").stdout()).contains("cli-small");
        assertThat(ok("s3", "ls", "s3://cli-small/").stdout()).contains("PRE docs/");

        Path back = dir.resolve("back.txt");
        ok("s3", "cp", "s3://cli-small/docs/hello.txt", back.toString());
        assertThat(Files.readString(back)).isEqualTo("hello from the CLI\n");

        AwsCli.Result missing = aws("s3", "cp", "s3://cli-small/docs/none.txt", dir.resolve("none").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("404");

        AwsCli.Result notEmpty = aws("s3", "rb", "s3://cli-small");
        assertThat(notEmpty.exitCode()).isNotZero();
        assertThat(notEmpty.stderr()).contains("BucketNotEmpty");
        ok("s3", "rb", "s3://cli-small", "--force");
        assertThat(ok("s3", "ls").stdout()).doesNotContain("cli-small");
    }

    @Test
    void aHundredMegabytesGoUpInPartsAndComeBackWhole(@TempDir Path dir) throws Exception {
        ok("s3", "mb", "s3://cli-large");
        Path big = randomFile(dir.resolve("bundle.bin"), 100L * 1024 * 1024);
        ok("s3", "cp", big.toString(), "s3://cli-large/bundle.bin", "--only-show-errors");

        // The CLI switched to multipart above 8 MB: the ETag says how many parts made the object.
        AwsCli.Result head = ok("s3api", "head-object", "--bucket", "cli-large", "--key", "bundle.bin");
        assertThat(head.stdout()).contains("\"ContentLength\": 104857600").containsPattern("\"ETag\": \"\\\\\"[0-9a-f]{32}-13\\\\\"\"");

        Path back = dir.resolve("back.bin");
        ok("s3", "cp", "s3://cli-large/bundle.bin", back.toString(), "--only-show-errors");
        assertThat(Files.size(back)).isEqualTo(Files.size(big));
        assertThat(md5(back)).isEqualTo(md5(big));
    }

    @Test
    void syncUploadsOnlyWhatChanged(@TempDir Path dir) throws Exception {
        ok("s3", "mb", "s3://cli-sync");
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>v1</h1>");
        Files.createDirectories(site.resolve("css"));
        Files.writeString(site.resolve("css/app.css"), "body{}");
        Files.writeString(site.resolve("ünïcödé name.txt"), "unicode");

        String first = ok("s3", "sync", site.toString(), "s3://cli-sync/site").stdout();
        assertThat(first).contains("index.html").contains("css/app.css").contains("ünïcödé name.txt");
        assertThat(ok("s3", "sync", site.toString(), "s3://cli-sync/site").stdout()).as("nothing changed").isBlank();

        Files.writeString(site.resolve("index.html"), "<h1>version two</h1>");
        String second = ok("s3", "sync", site.toString(), "s3://cli-sync/site").stdout();
        assertThat(second).contains("index.html").doesNotContain("app.css");

        Path copy = dir.resolve("copy");
        ok("s3", "sync", "s3://cli-sync/site", copy.toString());
        assertThat(Files.readString(copy.resolve("index.html"))).isEqualTo("<h1>version two</h1>");
        assertThat(Files.readString(copy.resolve("css/app.css"))).isEqualTo("body{}");
        assertThat(Files.readString(copy.resolve("ünïcödé name.txt"))).isEqualTo("unicode");

        Files.delete(site.resolve("css/app.css"));
        ok("s3", "sync", site.toString(), "s3://cli-sync/site", "--delete");
        assertThat(ok("s3", "ls", "--recursive", "s3://cli-sync/").stdout()).doesNotContain("app.css").contains("index.html");
    }
}
