package io.slipway.app;

import io.slipway.cloudformation.hooks.HookFunctions;
import io.slipway.core.Namespace;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * CloudFormation Lambda hook functions, called through {@link FunctionCalls} and read for their
 * answer. Only functions created in Slipway's Lambda give one back: the engine's invoker keeps no
 * response from operator-configured targets, so such a hook fails with a reason that says so.
 * A call gets {@link #TIMEOUT} (AWS gives a hook's function 30 seconds); a function still running
 * then is left to finish on its own and the hook fails.
 */
final class CloudFormationHookCalls implements HookFunctions {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Calls one function; {@link FunctionCalls#call} in the app. */
    @FunctionalInterface
    interface Call {
        FunctionCalls.Outcome call(Namespace ns, String function, String event) throws InterruptedException;
    }

    /** Invokes one function asynchronously; {@link FunctionCalls#invokeEvent} in the app. */
    @FunctionalInterface
    interface EventCall {
        FunctionCalls.Outcome invoke(Namespace ns, String function, String event);
    }

    private final Call functions;
    private final EventCall events;
    private final Duration timeout;

    CloudFormationHookCalls(FunctionCalls functions) {
        this(functions::call, functions::invokeEvent, TIMEOUT);
    }

    CloudFormationHookCalls(Call functions, Duration timeout) {
        this(functions, (ns, function, event) -> new FunctionCalls.Outcome.Denied("no asynchronous route to " + function), timeout);
    }

    CloudFormationHookCalls(Call functions, EventCall events, Duration timeout) {
        this.functions = functions;
        this.events = events;
        this.timeout = timeout;
    }

    /** A custom resource's request: the function is invoked with InvocationType Event, as CloudFormation invokes it. */
    @Override
    public Answer invokeEvent(Namespace ns, String function, String eventJson) {
        return switch (events.invoke(ns, function, eventJson)) {
            case FunctionCalls.Outcome.Ran ran -> new Answer.Returned("");
            case FunctionCalls.Outcome.Failed failed -> new Answer.Failed(failed.detail());
            case FunctionCalls.Outcome.NoFunction none -> new Answer.Failed("Function not found: " + function);
            case FunctionCalls.Outcome.Denied denied -> new Answer.Failed(denied.reason());
        };
    }

    @Override
    public Answer call(Namespace ns, String function, String requestJson) {
        FutureTask<FunctionCalls.Outcome> call = new FutureTask<>(() -> functions.call(ns, function, requestJson));
        Thread.ofVirtual().name("hook-call").start(call);
        try {
            return switch (call.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                case FunctionCalls.Outcome.Ran ran -> ran.response().<Answer>map(Answer.Returned::new).orElseGet(() ->
                        new Answer.Failed("Function " + function + " ran on an operator-configured target, which "
                                + "returns no response; create the function in Slipway's Lambda"));
                case FunctionCalls.Outcome.Failed failed -> new Answer.Failed(failed.detail());
                case FunctionCalls.Outcome.NoFunction none -> new Answer.Failed("Function not found: " + function);
                case FunctionCalls.Outcome.Denied denied -> new Answer.Failed(denied.reason());
            };
        } catch (TimeoutException e) {
            return new Answer.Failed("Function " + function + " did not answer within " + timeout.toSeconds() + " seconds");
        } catch (ExecutionException e) {
            return new Answer.Failed("Function " + function + " could not be called: " + e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("Slipway is stopping");
        }
    }
}
