package io.slipway.engine.invoke;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link CommandTarget} as a child process, the way Lambda runs a handler: payload on stdin,
 * a hard timeout, output kept for the operator.
 */
final class CommandInvocation {

    /**
     * After the process ends, how long its output pipes may stay open. A background grandchild that
     * inherited them would otherwise hold the invocation (and a worker) until it exits.
     */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);
    /**
     * How long killed processes get to disappear, so "timed out" means "no longer running". A killed
     * grandchild counts as alive until some init reaps it; the JDK polls that every ~0.3 s, and in a
     * container whose init never reaps we give up after this.
     */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    /** Variables that would make the function's SDK use other credentials or another endpoint. */
    private static final List<String> REMOVED = List.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");

    private final Duration timeout;

    CommandInvocation(Duration timeout) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("command timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    FunctionInvoker.Outcome invoke(CommandTarget target, String payloadJson, InvocationEnvironment env)
            throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(target.command());
        applyEnvironment(builder.environment(), env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new FunctionInvoker.Outcome(false, "could not start " + target.command() + ": " + e.getMessage());
        }
        OutputTail stdout = new OutputTail();
        OutputTail stderr = new OutputTail();
        // Separate threads: a function that writes a lot before reading stdin (or never reads it)
        // must not deadlock against us on a full pipe.
        Thread.ofVirtual().name("function-stdin").start(() -> writeStdin(process.getOutputStream(), payloadJson));
        CompletableFuture<Void> out = drain(process, stdout, true);
        CompletableFuture<Void> err = drain(process, stderr, false);
        boolean exited;
        try {
            exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            destroyTree(process); // Slipway is stopping: the work item runs again after restart
            throw e;
        }
        if (!exited) {
            destroyTree(process);
        }
        awaitDrained(CompletableFuture.allOf(out, err));
        String status = exited ? "exit code " + process.exitValue()
                : "timed out after " + timeout + "; process tree killed";
        return new FunctionInvoker.Outcome(exited && process.exitValue() == 0,
                status + stdout.section("stdout") + stderr.section("stderr"));
    }

    /**
     * Points the function's AWS SDK at Slipway: the caller's account as access key id (Slipway maps
     * a 12-digit key id to that account), or where signatures are verified an operator key of that
     * account, and nothing inherited that would override it. A command
     * is the operator's own program and keeps the operator's environment, except Slipway's own
     * settings ({@code SLIPWAY_*}: the database password, the account map), which are no program's business.
     */
    static void applyEnvironment(Map<String, String> environment, InvocationEnvironment env) {
        REMOVED.forEach(environment::remove);
        environment.keySet().removeIf(k -> k.startsWith("SLIPWAY_"));
        // Service-specific endpoints (AWS_ENDPOINT_URL_CODEDEPLOY, ...) win over AWS_ENDPOINT_URL.
        environment.keySet().removeIf(k -> k.startsWith("AWS_ENDPOINT_URL_"));
        environment.put("AWS_ENDPOINT_URL", env.endpointUrl());
        environment.put("AWS_REGION", env.region());
        environment.put("AWS_DEFAULT_REGION", env.region());
        environment.put("AWS_ACCESS_KEY_ID", env.accountKey().map(InvocationEnvironment.AccountKey::accessKeyId)
                .orElse(env.accountId()));
        environment.put("AWS_SECRET_ACCESS_KEY", env.accountKey().map(InvocationEnvironment.AccountKey::secretAccessKey)
                .orElse("slipway"));
        environment.put("AWS_LAMBDA_FUNCTION_NAME", env.bareFunctionName());
    }

    private static void writeStdin(OutputStream stdin, String payloadJson) {
        try (stdin) {
            stdin.write(payloadJson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the function exited or closed stdin without reading it all: its exit code tells the rest
        }
    }

    private static CompletableFuture<Void> drain(Process process, OutputTail tail, boolean stdout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name(stdout ? "function-stdout" : "function-stderr").start(() -> {
            tail.drain(stdout ? process.getInputStream() : process.getErrorStream());
            done.complete(null);
        });
        return done;
    }

    private static void awaitDrained(CompletableFuture<Void> drained) throws InterruptedException {
        try {
            drained.get(DRAIN_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // a leftover grandchild keeps a pipe open: report what arrived so far
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Kills the process and everything it started. Descendants are listed first: once the parent
     * dies they are re-parented and no longer found through it.
     */
    private static void destroyTree(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + KILL_GRACE.toNanos();
        process.waitFor(KILL_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        for (ProcessHandle p : descendants) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                break; // SIGKILL was sent: it runs no more code, even if it is never reaped
            }
        }
    }
}
