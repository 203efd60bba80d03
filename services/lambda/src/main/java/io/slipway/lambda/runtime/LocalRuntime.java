package io.slipway.lambda.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs Lambda functions on this machine as local processes that speak the real Lambda Runtime API,
 * without containers. Each execution environment is one process with a Runtime API server of its own
 * on a loopback port; it stays warm for further invocations of the same function configuration.
 *
 * <p>Invocations block (run them on virtual threads). A failing, hanging or crashing function is an
 * {@link InvocationOutcome} with {@code functionError}, never an exception. {@link #invoke} throws
 * {@link InterruptedException} when the calling thread is interrupted (after killing the process) and
 * {@link IllegalStateException} after {@link #close}. Timeouts are real time.
 */
public final class LocalRuntime implements AutoCloseable {

    private static final DateTimeFormatter STREAM_DATE =
            DateTimeFormatter.ofPattern("yyyy/MM/dd", java.util.Locale.ROOT).withZone(ZoneOffset.UTC);

    private final InstantSource clock;
    private final RuntimeLauncher launcher;
    private final EnvironmentPool pool;
    private final Path root;
    private final Path environments;
    private final AtomicLong environmentIds = new AtomicLong();
    private final RuntimeSettings settings;
    private final Interpreters interpreters;
    private final Sandbox sandbox;

    public LocalRuntime(RuntimeSettings settings) {
        this(settings, System.getenv());
    }

    /**
     * @param inheritedEnvironment the environment Slipway runs in; functions never see it, only the
     *                             interpreters found on its PATH and its library path
     */
    public LocalRuntime(RuntimeSettings settings, Map<String, String> inheritedEnvironment) {
        this(settings, InstantSource.system(), inheritedEnvironment);
    }

    LocalRuntime(RuntimeSettings settings, InstantSource clock, Map<String, String> inheritedEnvironment) {
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            Files.createDirectories(settings.workDirectory());
            // Private to this instance: two Slipways sharing a work directory never touch each other's files.
            this.root = Files.createTempDirectory(settings.workDirectory(), "lambda-runtime-");
            this.environments = root.resolve("environments");
            this.settings = settings;
            this.interpreters = new Interpreters(inheritedEnvironment.get("PATH"));
            this.sandbox = Sandbox.detect(settings.sandbox(), inheritedEnvironment.get("PATH"));
            this.launcher = new RuntimeLauncher(settings, interpreters, root.resolve("bootstrap"), inheritedEnvironment,
                    sandbox);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + settings.workDirectory(), e);
        }
        this.pool = new EnvironmentPool(settings.maxEnvironments(), settings.maxPerFunction());
    }

    /**
     * Runs one invocation, in a warm environment when one is free, else in a new one (cold start), else
     * after waiting for one. An empty payload is sent as {@code {}}.
     */
    public InvocationOutcome invoke(FunctionCode code, byte[] payload, String requestId) throws InterruptedException {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(requestId, "requestId");
        byte[] event = payload == null || payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload;
        Optional<String> unavailable = unavailable(code.runtime());
        if (unavailable.isPresent()) {
            return ExecutionEnvironment.launchFailed(code, requestId,
                    Json.error("Runtime.Unavailable", unavailable.get()), unavailable.get());
        }
        EnvironmentPool.Slot slot = pool.acquire(code.key());
        boolean reusable = false;
        try {
            ExecutionEnvironment environment;
            if (slot.environment().isPresent()) {
                environment = slot.environment().get();
            } else {
                try {
                    long id = environmentIds.incrementAndGet();
                    environment = ExecutionEnvironment.start(code,
                            environments.resolve(safe(code.functionName()) + "-" + id), launcher, logStreamName(code, id));
                } catch (RuntimeLauncher.LaunchFailure f) {
                    return ExecutionEnvironment.launchFailed(code, requestId, f.document, f.getMessage());
                } catch (IOException e) {
                    String reason = "could not start an execution environment: " + e.getMessage();
                    return ExecutionEnvironment.launchFailed(code, requestId, Json.error("Runtime.Unknown", reason), reason);
                }
                if (!pool.attach(slot, environment)) {
                    environment.stop();
                    throw new IllegalStateException("the local Lambda runtime is closed");
                }
            }
            ExecutionEnvironment.Result result = environment.invoke(code, event, requestId, traceId(requestId), clock);
            reusable = result.reusable();
            return result.outcome();
        } finally {
            pool.release(slot, reusable);
        }
    }

    /**
     * Empty when this machine can run {@code runtime}, else why not. {@code nodejs<N>.x} runs on the
     * {@code node} on PATH when it is Node.js 18 or later, whatever N is; {@code python3.<N>} on the
     * {@code python3} on PATH when it is 3.8 or later; {@code java<N>} on the JDK Slipway runs on when
     * that is at least N; {@code provided*} always (whether it runs depends on the function's bootstrap).
     */
    public Optional<String> unavailable(String runtime) {
        return launcher.unavailable(Objects.requireNonNull(runtime, "runtime"));
    }

    /** Why {@code roleArn} cannot be a function's execution role in {@code account}, if it cannot. */
    public Optional<String> refusedRole(String account, String roleArn) {
        return settings.roleCredentials().refusal(account, roleArn);
    }

    /**
     * What the runtimes offer functions besides their code, by runtime family ({@code nodejs},
     * {@code python}): where it comes from, or "missing: ..." with what to do. Finding boto3 takes a
     * python3 start, which must not hold up whoever asks (the health endpoint, first thing after
     * start-up): until it is known the python answer is "checking: ...", and the question runs aside.
     */
    public Map<String, String> libraries() {
        String python = interpreters.boto3IfKnown().map(found -> found.map(v -> "boto3 " + v + " of "
                        + interpreters.python().orElseThrow().executable())
                .orElse("missing: python3 on PATH cannot import boto3 (install python3-boto3)"))
                .orElse("checking: python3 is being asked for its boto3; ask again in a moment");
        return Map.of("nodejs", settings.libraries().nodeStatus(), "python", python);
    }

    /**
     * How functions run, for {@code /_slipway/health}: {@code bubblewrap <path>} (sandboxed with Lambda's
     * file system layout) or {@code off: <why>} (plain processes); {@code checking: ...} for the few
     * milliseconds the start-up probe takes.
     */
    public String sandbox() {
        return sandbox.status();
    }

    /** Finds out aside whether functions can be sandboxed here; call once start-up is over. */
    public void probeSandbox() {
        sandbox.probeAside();
    }

    /** Stops the warm environments of a function (code or configuration changed, function deleted). */
    public void evict(String functionName) {
        pool.evict(functionName);
    }

    /** Stops every environment; invocations still running end with {@code Runtime.ExitError}. */
    @Override
    public void close() {
        pool.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers in the work directory are harmless
        }
    }

    /** Environments of a function, idle or busy. */
    int environments(String functionName) {
        return pool.environments(functionName);
    }

    /** For tests: waits until {@code count} invocations wait for a free environment. */
    boolean awaitWaiting(int count, Duration max) throws InterruptedException {
        return pool.awaitWaiting(count, max);
    }

    /** An X-Ray trace header derived from the request id: stable, and no randomness needed. */
    private String traceId(String requestId) {
        byte[] h = sha256(requestId);
        HexFormat hex = HexFormat.of();
        return "Root=1-" + String.format("%08x", clock.instant().getEpochSecond()) + "-" + hex.formatHex(h, 0, 12)
                + ";Parent=" + hex.formatHex(h, 12, 20) + ";Sampled=0";
    }

    private String logStreamName(FunctionCode code, long environmentId) {
        return STREAM_DATE.format(clock.instant()) + "/[" + code.version() + "]"
                + HexFormat.of().formatHex(sha256(code.qualifiedArn() + "#" + environmentId), 0, 16);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
