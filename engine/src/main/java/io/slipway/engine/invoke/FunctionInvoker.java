package io.slipway.engine.invoke;

import java.time.Duration;
import java.util.Objects;

/**
 * Calls "a Lambda function" for every service: CodeDeploy lifecycle hooks, CodePipeline invoke
 * actions, CloudFormation hooks. Blocking: callers run it on a virtual thread inside a durable work
 * item. A failing, hanging or missing function is a result, never an exception; only an interrupt
 * (Slipway stopping, after which the work item runs again) and programming errors are thrown.
 *
 * <p>Timeouts are real time, not Slipway time: {@code --time-scale} compresses Slipway's own waits,
 * but a real process or server still needs its real seconds.
 */
public final class FunctionInvoker {

    /** Lambda's maximum function timeout. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(15);

    /** What a target did, before the invoker adds how long it took. */
    record Outcome(boolean succeeded, String detail) {
    }

    private final CommandInvocation commands;
    private final HttpInvocation http;

    public FunctionInvoker() {
        this(DEFAULT_COMMAND_TIMEOUT);
    }

    public FunctionInvoker(Duration commandTimeout) {
        this(commandTimeout, HttpInvocation.TIMEOUT);
    }

    /** For tests: a short HTTP timeout. */
    FunctionInvoker(Duration commandTimeout, Duration httpTimeout) {
        this.commands = new CommandInvocation(commandTimeout);
        this.http = new HttpInvocation(httpTimeout);
    }

    public InvocationResult invoke(FunctionTarget target, String payloadJson, InvocationEnvironment env)
            throws InterruptedException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(env, "env");
        env.bareFunctionName(); // a bad name is the caller's bug: fail before running anything
        long start = System.nanoTime(); // monotonic: this measures a real process, not Slipway time
        Outcome outcome = switch (target) {
            case HttpTarget t -> http.invoke(t, payloadJson, env);
            case CommandTarget t -> commands.invoke(t, payloadJson, env);
        };
        return new InvocationResult(outcome.succeeded(), outcome.detail(), Duration.ofNanos(System.nanoTime() - start));
    }
}
