package io.slipway.lambda.runtime;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One running runtime process with its Runtime API: started cold, then reused warm for one invocation
 * at a time until it fails, times out or is stopped.
 */
final class ExecutionEnvironment {

    /** Lambda's init phase limit; a function with a longer timeout may spend that long instead. */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(10);
    /** How long killed processes get to disappear, so "stopped" means "no longer running". */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** An invocation's outcome, and whether the environment may serve another one. */
    record Result(InvocationOutcome outcome, boolean reusable) {
    }

    private final FunctionCode.EnvironmentKey key;
    private final Path directory;
    private final RuntimeApiServer api;
    private final Process process;
    private final InvocationLog log;
    private final long startedNanos;
    private Duration initDuration; // set by the first invocation, which owns init
    private long runtimePid; // the process whose memory REPORT shows; found at the first report

    private ExecutionEnvironment(FunctionCode.EnvironmentKey key, Path directory, RuntimeApiServer api, Process process,
                                 InvocationLog log, long startedNanos) {
        this.key = key;
        this.directory = directory;
        this.api = api;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    static ExecutionEnvironment start(FunctionCode code, Path directory, RuntimeLauncher launcher, String logStreamName)
            throws IOException, RuntimeLauncher.LaunchFailure {
        Files.createDirectories(directory);
        RuntimeApiServer api = RuntimeApiServer.start();
        try {
            RuntimeLauncher.Launch launch = launcher.launch(code, api.address(), logStreamName, directory);
            InvocationLog log = new InvocationLog(directory.resolve("output.log"));
            ProcessBuilder builder = new ProcessBuilder(launch.command())
                    .directory(code.codeDirectory().toFile())
                    .redirectOutput(Redirect.appendTo(log.file().toFile()))
                    .redirectError(Redirect.appendTo(log.file().toFile()));
            builder.environment().clear();
            builder.environment().putAll(launch.environment());
            long started = System.nanoTime();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new RuntimeLauncher.LaunchFailure("Runtime.InvalidEntrypoint",
                        "could not start " + launch.command().getFirst() + ": " + e.getMessage());
            }
            process.getOutputStream().close(); // a runtime reads its events from the Runtime API, never stdin
            process.onExit().thenAccept(p -> api.processExited(exitStatus(p.exitValue())));
            return new ExecutionEnvironment(code.key(), directory, api, process, log, started);
        } catch (IOException | RuntimeLauncher.LaunchFailure | RuntimeException e) {
            api.close();
            throw e;
        }
    }

    FunctionCode.EnvironmentKey key() {
        return key;
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Result invoke(FunctionCode code, byte[] event, String requestId, String traceId, InstantSource clock)
            throws InterruptedException {
        boolean cold = initDuration == null;
        long logFrom = cold ? 0 : log.size(); // init output belongs to the first invocation, as in Lambda
        Duration timeout = Duration.ofSeconds(code.timeoutSeconds());
        try {
            if (cold) {
                Duration initLimit = timeout.compareTo(INIT_LIMIT) > 0 ? timeout : INIT_LIMIT;
                Optional<RuntimeReply> init = await(api.initialized(), initLimit);
                initDuration = Duration.ofNanos(System.nanoTime() - startedNanos);
                if (init.isEmpty() || !(init.get() instanceof RuntimeReply.Ready)) {
                    kill();
                    return switch (init.orElse(null)) {
                        case RuntimeReply.Error e -> finish(code, requestId, cold, logFrom, e.body(), Optional.empty(), Duration.ZERO, true);
                        case RuntimeReply.Exited x -> exited(code, requestId, cold, logFrom, x.status(), Duration.ZERO);
                        case null, default -> timedOut(code, requestId, cold, logFrom, clock, Duration.ZERO);
                    };
                }
            }
            long dispatched = System.nanoTime();
            PendingInvocation invocation = new PendingInvocation(requestId, event,
                    clock.millis() + timeout.toMillis(), code.qualifiedArn(), traceId);
            api.dispatch(invocation);
            Optional<RuntimeReply> reply = await(invocation.reply(), timeout);
            Duration took = Duration.ofNanos(System.nanoTime() - dispatched);
            return switch (reply.orElse(null)) {
                case RuntimeReply.Response r -> finish(code, requestId, cold, logFrom, r.body(), Optional.empty(), took, false);
                case RuntimeReply.Error e -> finish(code, requestId, cold, logFrom, e.body(), Optional.empty(), took, true);
                case RuntimeReply.Exited x -> exited(code, requestId, cold, logFrom, x.status(), took);
                case null, default -> {
                    kill();
                    yield timedOut(code, requestId, cold, logFrom, clock, took);
                }
            };
        } catch (InterruptedException e) {
            kill(); // Slipway is stopping: nothing may keep running the function
            throw e;
        }
    }

    /** Kills the process tree, releases the Runtime API and deletes the environment's files; idempotent. */
    void stop() {
        kill();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover log in Slipway's work directory is harmless
        }
    }

    /** Kills the process tree and releases the Runtime API, keeping the log for the outcome. */
    private void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + KILL_GRACE.toNanos();
        boolean interrupted = false;
        for (ProcessHandle p : Stream.concat(Stream.of(process.toHandle()), descendants.stream()).toList()) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            } catch (TimeoutException | ExecutionException e) {
                break; // SIGKILL was sent: it runs no more code, even if it is never reaped
            }
        }
        api.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Result timedOut(FunctionCode code, String requestId, boolean cold, long logFrom, InstantSource clock,
                            Duration took) {
        String message = TIMESTAMP.format(clock.instant()) + " " + requestId + " Task timed out after "
                + String.format(Locale.ROOT, "%.2f", (double) code.timeoutSeconds()) + " seconds";
        return finish(code, requestId, cold, logFrom, Json.message(message), Optional.of(message), took, true);
    }

    private Result exited(FunctionCode code, String requestId, boolean cold, long logFrom, String status, Duration took) {
        String message = "RequestId: " + requestId + " Error: " + (status.equals("exit status 0")
                ? "Runtime exited without providing a reason" : "Runtime exited with error: " + status);
        return finish(code, requestId, cold, logFrom, Json.error("Runtime.ExitError", message),
                Optional.of(message + "\nRuntime.ExitError"), took, true);
    }

    /**
     * The outcome with its log tail. {@code platformLine} is what Lambda itself logs when it ends an
     * invocation (timeout, exit). The environment stays only if it answered and still runs.
     */
    private Result finish(FunctionCode code, String requestId, boolean cold, long logFrom, byte[] payload,
                          Optional<String> platformLine, Duration took, boolean failed) {
        byte[] output = log.since(logFrom, InvocationLog.TAIL_BYTES);
        StringBuilder closing = new StringBuilder();
        platformLine.ifPresent(line -> closing.append(line).append('\n'));
        closing.append("END RequestId: ").append(requestId).append('\n');
        double ms = took.toNanos() / 1e6;
        closing.append(String.format(Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB",
                requestId, ms, (long) Math.ceil(ms), code.memorySizeMb()));
        maxMemoryUsedMb().ifPresent(mb -> closing.append("\tMax Memory Used: ").append(mb).append(" MB"));
        if (cold) {
            closing.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", initDuration.toNanos() / 1e6));
        }
        boolean reusable = platformLine.isEmpty() && alive()
                && api.initialized().getNow(null) instanceof RuntimeReply.Ready;
        if (reusable) {
            log.rotateIfLarge();
        }
        InvocationOutcome outcome = new InvocationOutcome(payload,
                failed ? Optional.of(InvocationOutcome.UNHANDLED) : Optional.empty(),
                InvocationLog.tail(startLine(code, requestId), output, closing.toString()), took);
        return new Result(outcome, reusable);
    }

    /** An outcome for an environment that never started, with the usual log lines. */
    static InvocationOutcome launchFailed(FunctionCode code, String requestId, byte[] document, String reason) {
        String tail = InvocationLog.tail(startLine(code, requestId), new byte[0], reason
                + "\nEND RequestId: " + requestId
                + "\nREPORT RequestId: " + requestId + "\tDuration: 0.00 ms\tBilled Duration: 0 ms\tMemory Size: "
                + code.memorySizeMb() + " MB");
        return new InvocationOutcome(document, Optional.of(InvocationOutcome.UNHANDLED), tail, Duration.ZERO);
    }

    private static String startLine(FunctionCode code, String requestId) {
        return "START RequestId: " + requestId + " Version: " + code.version();
    }

    /** The exit as Lambda words it; the JDK reports death by signal N as 128 + N. */
    static String exitStatus(int code) {
        if (code <= 128) {
            return "exit status " + code;
        }
        return "signal: " + switch (code - 128) {
            case 9 -> "killed";
            case 15 -> "terminated";
            case 6 -> "aborted";
            case 11 -> "segmentation fault";
            case 2 -> "interrupt";
            default -> "signal " + (code - 128);
        };
    }

    /**
     * Peak resident memory of the runtime process (Linux), as Lambda's REPORT shows it. In a sandbox the
     * process Slipway started is bubblewrap: the runtime is the descendant with the largest peak,
     * found once after init and read directly after that.
     */
    private OptionalLong maxMemoryUsedMb() {
        if (runtimePid == 0) {
            runtimePid = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                    .map(ProcessHandle::pid).max(Comparator.comparingLong(ExecutionEnvironment::peakKb)).orElse(process.pid());
        }
        long kb = peakKb(runtimePid);
        return kb < 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (kb + 1023) / 1024));
    }

    /** VmHWM of a process in kB, or -1 where it cannot be read (not Linux, process gone). */
    private static long peakKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    private static Optional<RuntimeReply> await(CompletableFuture<RuntimeReply> future, Duration limit)
            throws InterruptedException {
        try {
            return Optional.of(future.get(limit.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
