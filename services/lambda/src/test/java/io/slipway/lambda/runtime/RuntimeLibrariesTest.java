package io.slipway.lambda.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeLibrariesTest {

    @TempDir
    Path tmp;

    /** A checkout with runtimes/node installed: package.json and node_modules/@aws-sdk. */
    private Path checkout(boolean installed) throws Exception {
        Path runtimes = tmp.resolve("checkout").resolve("runtimes");
        Files.createDirectories(runtimes.resolve("node"));
        Files.writeString(runtimes.resolve("node").resolve("package.json"), "{}");
        if (installed) {
            Files.createDirectories(runtimes.resolve("node").resolve("node_modules").resolve("@aws-sdk").resolve("client-sts"));
        }
        Files.createDirectories(tmp.resolve("checkout").resolve("app").resolve("target").resolve("classes"));
        return runtimes;
    }

    @Test
    void theCheckoutsRuntimesAreFoundAboveTheRunningCode() throws Exception {
        Path runtimes = checkout(true);
        RuntimeLibraries found = RuntimeLibraries.locate(Optional.empty(),
                Optional.of(tmp.resolve("checkout/app/target/classes")));
        assertThat(found.directory()).contains(runtimes);
        assertThat(found.nodeModules()).contains(runtimes.resolve("node/node_modules"));
        assertThat(found.nodeStatus()).isEqualTo("AWS SDK for JavaScript v3 from " + runtimes.resolve("node/node_modules"));
    }

    @Test
    void theConfiguredDirectoryWins() throws Exception {
        checkout(true);
        Path elsewhere = tmp.resolve("elsewhere");
        RuntimeLibraries found = RuntimeLibraries.locate(Optional.of(elsewhere.toString()),
                Optional.of(tmp.resolve("checkout/app/target/classes")));
        assertThat(found.directory()).contains(elsewhere);
        assertThat(found.nodeModules()).isEmpty();
        assertThat(found.nodeStatus()).startsWith("missing: run " + elsewhere.resolve("install.sh"));
    }

    @Test
    void notInstalledOrNotFoundIsSaidWithWhatToDo() throws Exception {
        checkout(false);
        RuntimeLibraries notInstalled = RuntimeLibraries.locate(Optional.empty(), Optional.of(tmp.resolve("checkout/app")));
        assertThat(notInstalled.nodeModules()).isEmpty();
        assertThat(notInstalled.nodeStatus()).contains("npm ci in " + tmp.resolve("checkout/runtimes/node"));
        RuntimeLibraries none = RuntimeLibraries.locate(Optional.empty(), Optional.of(tmp.resolve("nowhere")));
        assertThat(none.directory()).isEmpty();
        assertThat(none.nodeStatus()).isEqualTo("missing: no runtimes directory (set SLIPWAY_RUNTIME_LIBRARIES)");
    }

    @Test
    void esModulesFindTheSdkThroughALinkBesideTheCodeThatNeverReplacesARealDirectory() throws Exception {
        Path runtimes = checkout(true);
        RuntimeLibraries libraries = new RuntimeLibraries(Optional.of(runtimes));
        Path code = Files.createDirectories(tmp.resolve("code").resolve("sha-1"));
        libraries.linkBeside(code);
        assertThat(Files.readSymbolicLink(tmp.resolve("code/node_modules"))).isEqualTo(runtimes.resolve("node/node_modules"));

        // a link to an older location is moved to the current one
        Path other = Files.createDirectories(tmp.resolve("other").resolve("sha-2"));
        Files.createSymbolicLink(tmp.resolve("other/node_modules"), tmp.resolve("old"));
        libraries.linkBeside(other);
        assertThat(Files.readSymbolicLink(tmp.resolve("other/node_modules"))).isEqualTo(runtimes.resolve("node/node_modules"));

        Path own = Files.createDirectories(tmp.resolve("own").resolve("sha-3"));
        Files.createDirectories(tmp.resolve("own/node_modules/left-pad"));
        libraries.linkBeside(own);
        assertThat(Files.isSymbolicLink(tmp.resolve("own/node_modules"))).isFalse();
        assertThat(tmp.resolve("own/node_modules/left-pad")).isDirectory();
    }

    @Test
    void withoutTheSdkNoLinkIsMadeAndTheRuntimeSaysSo() throws Exception {
        Path runtimes = checkout(false);
        RuntimeLibraries libraries = new RuntimeLibraries(Optional.of(runtimes));
        Path code = Files.createDirectories(tmp.resolve("code").resolve("sha-1"));
        libraries.linkBeside(code);
        assertThat(tmp.resolve("code/node_modules")).doesNotExist();
        try (LocalRuntime runtime = new LocalRuntime(new RuntimeSettings(() -> "http://127.0.0.1:1", "us-east-1",
                "123456789012", 2, 1, tmp.resolve("work"), libraries), InstantSource.system(), Map.of("PATH", ""))) {
            assertThat(runtime.libraries()).containsEntry("nodejs", libraries.nodeStatus());
            // boto3 is looked up aside: the first answer may say so, a later one has the result
            Map<String, String> answer = runtime.libraries();
            for (int i = 0; i < 200 && answer.get("python").startsWith("checking:"); i++) {
                Thread.sleep(10);
                answer = runtime.libraries();
            }
            assertThat(answer).containsEntry("python", "missing: python3 on PATH cannot import boto3 (install python3-boto3)");
        }
    }
}
