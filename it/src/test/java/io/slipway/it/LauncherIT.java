package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./slipway} launcher as a new user meets it: on a checkout that was never built, it
 * builds Slipway in place (never installing into the user's Maven repository) and runs it. Maven is
 * replaced by a stand-in on PATH that records its arguments and lays out the jars this build made.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theFirstRunBuildsInPlaceWithoutInstallingIntoTheUsersMavenRepository(@TempDir Path checkout) throws Exception {
        Files.createDirectories(checkout.resolve("scripts"));
        Files.copy(ROOT.resolve("slipway"), checkout.resolve("slipway"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(ROOT.resolve("scripts/jdk.sh"), checkout.resolve("scripts/jdk.sh"));
        Path bin = Files.createDirectories(checkout.resolve("fake-bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, """
                #!/bin/sh
                echo "$@" >> "%s"
                mkdir -p app/target/lib
                cp "%s" app/target/slipway.jar
                cp "%s"/*.jar app/target/lib/
                """.formatted(checkout.resolve("mvn-args"), ROOT.resolve("app/target/slipway.jar"),
                ROOT.resolve("app/target/lib")));
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        Process p = launcher(checkout, bin, "--version").start();
        String output;
        try (var in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("slipway 0.1.0");
        List<String> builds = Files.readAllLines(checkout.resolve("mvn-args"));
        assertThat(builds).hasSize(1);
        assertThat(List.of(builds.getFirst().split(" "))).contains("package").doesNotContain("install", "deploy");
    }

    /** Runs the launcher with the stand-in Maven first on PATH. */
    private static ProcessBuilder launcher(Path checkout, Path bin, String... args) {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(checkout.resolve("slipway").toString()),
                Stream.of(args)).toList()).directory(checkout.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return pb;
    }
}
