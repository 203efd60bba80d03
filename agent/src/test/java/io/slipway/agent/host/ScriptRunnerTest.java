package io.slipway.agent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.agent.spec.AppSpec.HookScript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {
    private static final Map<String, String> ENV = Map.of("LIFECYCLE_EVENT", "BeforeInstall", "DEPLOYMENT_ID", "d-ABCDEFGH1",
            "BUNDLE_BUCKET", "bundles");

    @TempDir
    Path dir;
    private Path archive;
    private ScriptLog log;
    private final ScriptRunner runner = new ScriptRunner(RunningUser.current());

    @BeforeEach
    void setUp() throws IOException {
        archive = Files.createDirectories(dir.resolve("deployment-archive"));
        log = new ScriptLog(dir.resolve("logs/scripts.log"), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws IOException {
        log.close();
    }

    private void script(String location, String body, String mode) throws IOException {
        Path file = archive.resolve(location);
        Files.createDirectories(file.getParent());
        Files.writeString(file, body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private void run(String location, int timeoutSeconds) throws Exception {
        runner.run(new HookScript(location, timeoutSeconds, Optional.empty()), archive, ENV, log);
    }

    @Test
    void runsTheScriptWithTheDeploymentsVariablesInTheArchive() throws Exception {
        script("scripts/a.sh", "#!/bin/sh\necho \"event=$LIFECYCLE_EVENT id=$DEPLOYMENT_ID bucket=$BUNDLE_BUCKET\"\npwd\necho warn >&2\n",
                "rwxr-xr-x");

        run("scripts/a.sh", 60);

        assertThat(log.tail()).startsWith("Script - scripts/a.sh\n")
                .contains("[stdout]event=BeforeInstall id=d-ABCDEFGH1 bucket=bundles\n")
                .contains("[stdout]" + archive.toRealPath() + "\n")
                .contains("[stderr]warn\n");
        assertThat(Files.readString(dir.resolve("logs/scripts.log")))
                .containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\[stdout\\]event=BeforeInstall");
    }

    @Test
    void theShebangPicksTheInterpreter() throws Exception {
        script("notes.txt", "#!/bin/cat\nnot a shell script\n", "rwxr-xr-x");

        run("notes.txt", 60);

        assertThat(log.tail()).contains("[stdout]#!/bin/cat\n[stdout]not a shell script\n");
    }

    @Test
    void aNonZeroExitIsScriptFailedWithTheLastOutput() throws Exception {
        script("scripts/fail.sh", "#!/bin/sh\necho first\necho last words\nexit 3\n", "rwxr-xr-x");

        assertThatThrownBy(() -> run("scripts/fail.sh", 60)).isInstanceOfSatisfying(CommandFailure.class, f -> {
            assertThat(f.errorCode()).isEqualTo(ErrorCode.SCRIPT_FAILED);
            assertThat(f.scriptName()).isEqualTo("scripts/fail.sh");
        }).hasMessage("Script at specified location: scripts/fail.sh failed with exit code 3");
        assertThat(log.tail()).endsWith("[stdout]first\n[stdout]last words\n");
    }

    @Test
    void aMissingScriptIsScriptMissing() throws IOException {
        assertThatThrownBy(() -> run("scripts/nope.sh", 60)).isInstanceOfSatisfying(CommandFailure.class,
                f -> assertThat(f.errorCode()).isEqualTo(ErrorCode.SCRIPT_MISSING))
                .hasMessage("Script does not exist at specified location: " + archive.resolve("scripts/nope.sh"));
    }

    @Test
    void aScriptThatIsNotExecutableIsMadeSo() throws Exception {
        script("scripts/plain.sh", "#!/bin/sh\necho ran\n", "rw-r--r--");

        run("scripts/plain.sh", 60);

        assertThat(Files.isExecutable(archive.resolve("scripts/plain.sh"))).isTrue();
        assertThat(log.tail()).contains("[stdout]ran\n");
    }

    @Test
    void aScriptOverItsTimeoutIsKilledWithItsChildren() throws Exception {
        script("scripts/slow.sh", "#!/bin/sh\necho started\nsleep 30 &\nsleep 30\n", "rwxr-xr-x");
        long start = System.nanoTime();

        assertThatThrownBy(() -> run("scripts/slow.sh", 1)).isInstanceOfSatisfying(CommandFailure.class,
                f -> assertThat(f.errorCode()).isEqualTo(ErrorCode.SCRIPT_TIMED_OUT))
                .hasMessage("Script at specified location: scripts/slow.sh failed to complete in 1 seconds");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(log.tail()).contains("[stdout]started\n");
    }

    @Test
    void theLogTailKeepsTheLast4096Characters() throws Exception {
        script("scripts/chatty.sh", "#!/bin/sh\ni=0\nwhile [ $i -lt 500 ]; do echo \"line $i of chatter\"; i=$((i+1)); done\necho the end\n",
                "rwxr-xr-x");

        run("scripts/chatty.sh", 60);

        assertThat(log.tail()).hasSize(ScriptLog.TAIL_CHARS).endsWith("[stdout]line 499 of chatter\n[stdout]the end\n");
        assertThat(Files.readString(dir.resolve("logs/scripts.log"))).contains("[stdout]line 0 of chatter");
    }

    @Test
    void aLocationOutsideTheArchiveIsRefused() {
        assertThatThrownBy(() -> run("../../bin/sh", 60)).isInstanceOfSatisfying(CommandFailure.class,
                f -> assertThat(f.errorCode()).isEqualTo(ErrorCode.UNKNOWN_ERROR)).hasMessageContaining("outside the deployment archive");
    }
}
