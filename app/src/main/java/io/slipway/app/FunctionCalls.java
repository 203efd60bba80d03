package io.slipway.app;

import io.slipway.core.Namespace;
import io.slipway.engine.invoke.FunctionInvoker;
import io.slipway.engine.invoke.FunctionTargets;
import io.slipway.engine.invoke.InvocationEnvironment;
import io.slipway.engine.invoke.InvocationResult;
import io.slipway.lambda.functions.FunctionName;
import io.slipway.lambda.invoke.Invocations;
import io.slipway.model.lambda.InvocationType;
import io.slipway.model.runtime.AwsException;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calls "a Lambda function" for every service: a function created in Slipway's Lambda runs there;
 * otherwise the engine's function invoker calls the target the operator configured for it. A name
 * whose ARN points at another account or region is refused before either, as Lambda refuses the
 * service that acts for the caller. A configured command signs its calls back with the key
 * {@code accountKeys} gives for the account (an operator key, in verification mode).
 */
final class FunctionCalls {
    private final Invocations hosted;
    private final FunctionTargets targets;
    private final Supplier<String> endpoint;
    private final Function<String, Optional<InvocationEnvironment.AccountKey>> accountKeys;
    private final FunctionInvoker invoker = new FunctionInvoker();

    FunctionCalls(Invocations hosted, FunctionTargets targets, Supplier<String> endpoint,
                  Function<String, Optional<InvocationEnvironment.AccountKey>> accountKeys) {
        this.hosted = hosted;
        this.targets = targets;
        this.endpoint = endpoint;
        this.accountKeys = accountKeys;
    }

    private InvocationEnvironment environment(Namespace ns, String function) {
        return new InvocationEnvironment(function, endpoint.get(), ns.region(), ns.account(), accountKeys.apply(ns.account()));
    }

    /** What became of the call: nothing to call, the function's error, or none of these (it ran). */
    sealed interface Outcome {
        /** @param response what a Slipway-hosted function returned; the engine's invoker keeps no response */
        record Ran(Optional<String> response) implements Outcome {
        }

        /**
         * @param detail  the function's error document, or the target's status line or exit code
         * @param logTail what the call logged: a hosted function's log tail (in {@code detail} for other targets)
         */
        record Failed(String detail, String logTail) implements Outcome {
        }

        record NoFunction() implements Outcome {
        }

        /** Lambda refused the call: {@code reason} is its error code and message. */
        record Denied(String reason) implements Outcome {
        }
    }

    /**
     * Invokes asynchronously (InvocationType Event): a Slipway-hosted function's event is queued
     * durably by Lambda; an operator-configured target is called on a thread of its own. Answers
     * {@link Outcome.Ran} once the event is taken.
     */
    Outcome invokeEvent(Namespace ns, String function, String eventJson) {
        Optional<AwsException> refused = FunctionName.parse(function).problem(ns, "InvokeFunction");
        if (refused.isPresent()) {
            return new Outcome.Denied(refused.get().error().type() + ": " + refused.get().getMessage());
        }
        try {
            hosted.invoke(ns, function, null, InvocationType.EVENT, false, eventJson.getBytes(StandardCharsets.UTF_8));
            return new Outcome.Ran(Optional.empty());
        } catch (AwsException notHosted) {
            if (!notHosted.error().type().equals("ResourceNotFoundException")) {
                return new Outcome.Denied(notHosted.error().type() + ": " + notHosted.getMessage());
            }
        }
        Optional<io.slipway.engine.invoke.FunctionTarget> target = targets.resolve(function, ns.region(), ns.account());
        if (target.isEmpty()) {
            return new Outcome.NoFunction();
        }
        Thread.ofVirtual().name("event-invoke").start(() -> {
            try {
                invoker.invoke(target.get(), eventJson, environment(ns, function));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // Slipway is stopping: an Event invocation may be lost, as on AWS
            }
        });
        return new Outcome.Ran(Optional.empty());
    }

    Outcome call(Namespace ns, String function, String eventJson) throws InterruptedException {
        Optional<AwsException> refused = FunctionName.parse(function).problem(ns, "InvokeFunction");
        if (refused.isPresent()) {
            return new Outcome.Denied(refused.get().error().type() + ": " + refused.get().getMessage());
        }
        var outcome = hosted.invokeIfHosted(ns, function, eventJson.getBytes(StandardCharsets.UTF_8));
        if (outcome.isPresent()) {
            return outcome.get().functionError().isPresent()
                    ? new Outcome.Failed(new String(outcome.get().payload(), StandardCharsets.UTF_8), outcome.get().logTail())
                    : new Outcome.Ran(Optional.of(new String(outcome.get().payload(), StandardCharsets.UTF_8)));
        }
        Optional<io.slipway.engine.invoke.FunctionTarget> target = targets.resolve(function, ns.region(), ns.account());
        if (target.isEmpty()) {
            return new Outcome.NoFunction();
        }
        InvocationResult result = invoker.invoke(target.get(), eventJson, environment(ns, function));
        return result.succeeded() ? new Outcome.Ran(Optional.empty()) : new Outcome.Failed(result.detail(), "");
    }
}
