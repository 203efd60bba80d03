package io.slipway.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandInvocationTest {

    private static final InvocationEnvironment ENV = new InvocationEnvironment(
            "arn:aws:lambda:eu-west-1:111122223333:function:my-hook:live", "http://127.0.0.1:4566", "eu-west-1",
            "111122223333");

    private final FunctionInvoker invoker = new FunctionInvoker(Duration.ofMinutes(1));

    private static CommandTarget sh(String script) {
        return new CommandTarget(List.of("sh", "-c", script));
    }

    @Test
    void thePayloadArrivesOnStdinAndTheSdkIsPointedAtSlipway() throws Exception {
        CommandTarget target = sh("cat; echo; echo \"$AWS_ENDPOINT_URL|$AWS_REGION|$AWS_DEFAULT_REGION"
                + "|$AWS_ACCESS_KEY_ID|$AWS_SECRET_ACCESS_KEY|$AWS_LAMBDA_FUNCTION_NAME|$(pwd)\"");

        InvocationResult result = invoker.invoke(target, "{\"DeploymentId\":\"d-ABC\"}", ENV);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.detail()).isEqualTo("exit code 0\n--- stdout ---\n{\"DeploymentId\":\"d-ABC\"}\n"
                + "http://127.0.0.1:4566|eu-west-1|eu-west-1|111122223333|slipway|my-hook|"
                + Path.of("").toAbsolutePath());
        assertThat(result.took()).isPositive();
    }

    @Test
    void inheritedProfilesTokensAndServiceEndpointsAreRemoved() {
        Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin", "AWS_PROFILE", "prod",
                "AWS_DEFAULT_PROFILE", "prod", "AWS_SESSION_TOKEN", "t", "AWS_ENDPOINT_URL_CODEDEPLOY", "https://real",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", "AWS_ACCESS_KEY_ID", "AKIAREAL"));

        CommandInvocation.applyEnvironment(environment, ENV);

        assertThat(environment).containsOnly(Map.entry("PATH", "/usr/bin"),
                Map.entry("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), Map.entry("AWS_REGION", "eu-west-1"),
                Map.entry("AWS_DEFAULT_REGION", "eu-west-1"), Map.entry("AWS_ACCESS_KEY_ID", "111122223333"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "slipway"), Map.entry("AWS_LAMBDA_FUNCTION_NAME", "my-hook"));
    }

    @Test
    void anAccountKeySignsInsteadOfTheAccountId() {
        Map<String, String> environment = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIAREAL"));

        CommandInvocation.applyEnvironment(environment, new InvocationEnvironment(ENV.functionName(), ENV.endpointUrl(),
                ENV.region(), ENV.accountId(), Optional.of(new InvocationEnvironment.AccountKey("AKIDOPERATOR", "s3cret"))));

        assertThat(environment).containsEntry("AWS_ACCESS_KEY_ID", "AKIDOPERATOR").containsEntry("AWS_SECRET_ACCESS_KEY", "s3cret");
    }

    @Test
    void slipwaysOwnSettingsAreRemovedAndTheOperatorsKept() {
        Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin", "HOME", "/home/op",
                "SLIPWAY_DATABASE_PASSWORD", "hunter2", "SLIPWAY_ACCOUNTS", "AKIATEAM=444455556666",
                "SLIPWAY_FUNCTIONS", "x=command:true", "MY_TOOL_SETTING", "on"));

        CommandInvocation.applyEnvironment(environment, ENV);

        assertThat(environment.keySet()).noneMatch(k -> k.startsWith("SLIPWAY_"));
        assertThat(environment).containsEntry("HOME", "/home/op").containsEntry("MY_TOOL_SETTING", "on")
                .containsEntry("PATH", "/usr/bin");
    }

    @Test
    void aNonZeroExitIsAFailedResultWithItsOutput() throws Exception {
        InvocationResult result = invoker.invoke(sh("echo checking; echo 'health check failed' >&2; exit 3"), "{}", ENV);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.detail()).isEqualTo(
                "exit code 3\n--- stdout ---\nchecking\n--- stderr ---\nhealth check failed");
    }

    @Test
    void aCommandThatCannotStartIsAFailedResult() throws Exception {
        InvocationResult result = invoker.invoke(new CommandTarget(List.of("/nonexistent/slipway-hook")), "{}", ENV);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.detail()).startsWith("could not start [/nonexistent/slipway-hook]: ");
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        FunctionInvoker impatient = new FunctionInvoker(Duration.ofSeconds(2));
        // The shell starts a grandchild and waits for it: both must be gone when invoke returns.
        CommandTarget target = sh("sleep 600 & echo $! > '" + pidFile + "'; echo started; wait");

        InvocationResult result = impatient.invoke(target, "{}", ENV);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.detail()).isEqualTo("timed out after PT2S; process tree killed\n--- stdout ---\nstarted");
        assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(running(grandchild)).as("sleep %d still running", grandchild).isFalse();
    }

    @Test
    void anInterruptKillsTheProcessTreeAndPropagates(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("started");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CommandTarget target = sh("sleep 600 & echo $! > '" + fifo + "'; wait");
        CompletableFuture<InvocationResult> invocation = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                invocation.complete(invoker.invoke(target, "{}", ENV));
            } catch (Throwable t) {
                invocation.completeExceptionally(t);
            }
        });
        long grandchild = Long.parseLong(Files.readString(fifo).strip()); // blocks until the function runs

        worker.interrupt();

        assertThatThrownBy(invocation::join).hasCauseInstanceOf(InterruptedException.class);
        assertThat(running(grandchild)).as("sleep %d still running", grandchild).isFalse();
    }

    /** Alive and not a zombie: a killed orphan may wait for a container's init to reap it. */
    private static boolean running(long pid) throws Exception {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    @Test
    void onlyTheTailOfALongOutputIsKept() throws Exception {
        InvocationResult result = invoker.invoke(new CommandTarget(List.of("seq", "1", "30000")), "{}", ENV);

        assertThat(result.succeeded()).isTrue();
        // seq 1 30000 writes 168,894 bytes
        assertThat(result.detail()).startsWith("exit code 0\n--- stdout (last 65536 of 168894 bytes) ---\n")
                .endsWith("\n29999\n30000")
                .doesNotContain("\n1\n2\n3\n");
        assertThat(result.detail().length()).isLessThan(65536 + 200);
    }

    @Test
    void aFunctionThatIgnoresALargePayloadDoesNotBlockTheInvoker() throws Exception {
        String payload = "{\"blob\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}";

        InvocationResult result = invoker.invoke(sh("echo ignored"), payload, ENV);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.detail()).isEqualTo("exit code 0\n--- stdout ---\nignored");
    }

    @Test
    void aBadFunctionNameIsTheCallersBug() {
        InvocationEnvironment env = new InvocationEnvironment("not a name", "http://127.0.0.1:4566", "eu-west-1",
                "111122223333");

        assertThatThrownBy(() -> invoker.invoke(sh("exit 0"), "{}", env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a name");
        assertThatThrownBy(() -> new InvocationEnvironment("fn", "http://127.0.0.1:4566", "eu-west-1", "1234"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 digits");
    }
}
