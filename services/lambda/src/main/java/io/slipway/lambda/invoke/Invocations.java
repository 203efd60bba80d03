package io.slipway.lambda.invoke;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.WorkItem;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.lambda.functions.Aliases;
import io.slipway.lambda.functions.FunctionName;
import io.slipway.lambda.functions.Functions;
import io.slipway.lambda.runtime.FunctionCode;
import io.slipway.lambda.runtime.InvocationOutcome;
import io.slipway.lambda.runtime.LocalRuntime;
import io.slipway.model.lambda.AliasConfiguration;
import io.slipway.model.lambda.FunctionConfiguration;
import io.slipway.model.lambda.InvocationType;
import io.slipway.model.lambda.State;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

import static io.slipway.model.lambda.LambdaErrors.REQUEST_TOO_LARGE;
import static io.slipway.model.lambda.LambdaErrors.RESOURCE_CONFLICT;

/**
 * Invoke: resolves the qualifier (an alias may split invocations between two versions by its
 * routing weights), then runs the function in the local runtime, now (RequestResponse) or from a
 * durable work item (Event, answered 202 at once), or only checks that it could (DryRun, 204).
 */
public final class Invocations {
    static final String ASYNC = "lambda.invoke.async";
    /** AWS's payload limits: 6 MB for synchronous invocations, 256 KB for asynchronous ones. */
    static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    static final int MAX_ASYNC_PAYLOAD = 256 * 1024;
    private final Functions functions;
    private final Aliases aliases;
    private final LocalRuntime runtime;
    private final DocumentStore store;
    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final RandomGenerator random;
    private final RecentInvocations recent = new RecentInvocations();

    public Invocations(Functions functions, Aliases aliases, LocalRuntime runtime, DocumentStore store, WorkQueue queue,
                       SlipwayClock clock, RandomGenerator random) {
        this.functions = functions;
        this.aliases = aliases;
        this.runtime = runtime;
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.random = random;
    }

    public void register(Workers workers) {
        workers.register(ASYNC, this::runAsync);
    }

    /** What Invoke answers: the status code, the function's payload, and the Lambda headers. */
    public record Result(int statusCode, byte[] payload, Optional<String> functionError, Optional<String> logResult,
                         String executedVersion) {
    }

    public Result invoke(Namespace ns, String functionName, String qualifier, InvocationType type, boolean tail,
                         byte[] payload) {
        FunctionName fn = FunctionName.of(functionName, ns, "InvokeFunction");
        FunctionConfiguration config = resolve(ns, fn.name(), qualifier != null ? qualifier : fn.qualifier().orElse(null));
        if (config.state() == State.PENDING || config.state() == State.FAILED) {
            throw RESOURCE_CONFLICT.exception("The operation cannot be performed at this time. The function is currently "
                    + "in the following state: " + config.state().value());
        }
        switch (type) {
            case DRY_RUN -> {
                return new Result(204, new byte[0], Optional.empty(), Optional.empty(), config.version());
            }
            case EVENT -> {
                if (payload.length > MAX_ASYNC_PAYLOAD) {
                    throw REQUEST_TOO_LARGE.exception("Request must be smaller than " + MAX_ASYNC_PAYLOAD + " bytes for the InvokeAsync operation");
                }
                store.inTransaction(tx -> queue.enqueue(tx, ASYNC, ns.account() + "\n" + ns.region() + "\n" + config.functionName()
                        + "\n" + config.version() + "\n" + Base64.getEncoder().encodeToString(payload), clock.now()));
                return new Result(202, new byte[0], Optional.empty(), Optional.empty(), config.version());
            }
            default -> {
                if (payload.length > MAX_SYNC_PAYLOAD) {
                    throw REQUEST_TOO_LARGE.exception("Request must be smaller than " + MAX_SYNC_PAYLOAD + " bytes for the Invoke operation");
                }
                InvocationOutcome outcome = run(ns, config, payload);
                return new Result(200, outcome.payload(), outcome.functionError(),
                        tail ? Optional.of(Base64.getEncoder().encodeToString(tail(outcome.logTail()))) : Optional.empty(),
                        config.version());
            }
        }
    }

    /**
     * Runs a Slipway-hosted function for another service (a CodeDeploy hook), if the caller has one
     * by that name. A name whose ARN points into another namespace is none of the caller's: callers
     * ask {@link FunctionName#problem} first to say why.
     */
    public Optional<InvocationOutcome> invokeIfHosted(Namespace ns, String functionName, byte[] payload) {
        FunctionName fn = FunctionName.parse(functionName);
        if (fn.problem(ns, "InvokeFunction").isPresent()) {
            return Optional.empty();
        }
        FunctionConfiguration config;
        try {
            config = resolve(ns, fn.name(), fn.qualifier().orElse(null));
        } catch (io.slipway.model.runtime.AwsException notHosted) {
            return Optional.empty();
        }
        return Optional.of(run(ns, config, payload));
    }

    /** The last invocations of each function on this node, for the console. */
    public RecentInvocations recent() {
        return recent;
    }

    private InvocationOutcome run(Namespace ns, FunctionConfiguration config, byte[] payload) {
        String requestId = UUID.randomUUID().toString();
        Instant startedAt = clock.now();
        try {
            InvocationOutcome outcome = runtime.invoke(code(config), payload, requestId);
            recent.add(ns, config.functionName(), new RecentInvocations.Invocation(requestId, config.version(), startedAt,
                    outcome.duration(), outcome.functionError().orElse(""), outcome.logTail()));
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + config.functionArn() + " ran", e);
        }
    }

    private FunctionCode code(FunctionConfiguration config) {
        Map<String, String> env = config.environment() == null || config.environment().variables() == null ? Map.of()
                : config.environment().variables();
        String qualified = config.version().equals(Functions.LATEST) ? config.functionArn() + ":$LATEST" : config.functionArn();
        return new FunctionCode(config.functionName(), config.version(), qualified, config.runtime().value(),
                config.handler(), functions.codeDirectory(config), env, config.timeout(), config.memorySize(),
                config.role() == null ? "" : config.role());
    }

    /** The version an invocation runs: the one named, or for an alias its version or, by weight, its other one. */
    private FunctionConfiguration resolve(Namespace ns, String name, String qualifier) {
        if (qualifier == null || qualifier.equals(Functions.LATEST) || qualifier.matches("\\d+")) {
            return functions.get(ns, name, qualifier);
        }
        AliasConfiguration alias = aliases.get(ns, name, qualifier);
        String version = alias.functionVersion();
        if (alias.routingConfig() != null && alias.routingConfig().additionalVersionWeights() != null) {
            for (Map.Entry<String, Double> w : alias.routingConfig().additionalVersionWeights().entrySet()) {
                if (random.nextDouble() < w.getValue()) {
                    version = w.getKey();
                }
            }
        }
        return functions.get(ns, name, version);
    }

    private void runAsync(WorkItem item) {
        String[] p = item.payload().split("\n", 5);
        Namespace ns = new Namespace(p[0], p[1]);
        FunctionConfiguration config = functions.get(ns, p[2], p[3]);
        InvocationOutcome outcome = run(ns, config, Base64.getDecoder().decode(p[4]));
        if (outcome.functionError().isPresent()) {
            System.err.println("slipway: asynchronous invocation of " + config.functionArn() + " failed: "
                    + new String(outcome.payload(), StandardCharsets.UTF_8));
        }
    }

    /** The last 4 KB of the log, as X-Amz-Log-Result carries it. */
    private static byte[] tail(String log) {
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 4096 ? bytes : java.util.Arrays.copyOfRange(bytes, bytes.length - 4096, bytes.length);
    }
}
