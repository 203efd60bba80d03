package io.slipway.app;

import io.slipway.cloudformation.hooks.HookFunctions;
import io.slipway.core.Namespace;

import java.util.concurrent.CancellationException;

/**
 * CloudFormation Lambda hook functions, called through {@link FunctionCalls} and read for their
 * answer. Only functions created in Slipway's Lambda give one back: the engine's invoker keeps no
 * response from operator-configured targets, so such a hook fails with a reason that says so.
 */
final class CloudFormationHookCalls implements HookFunctions {
    private final FunctionCalls functions;

    CloudFormationHookCalls(FunctionCalls functions) {
        this.functions = functions;
    }

    @Override
    public Answer call(Namespace ns, String function, String requestJson) {
        try {
            return switch (functions.call(ns, function, requestJson)) {
                case FunctionCalls.Outcome.Ran ran -> ran.response().<Answer>map(Answer.Returned::new).orElseGet(() ->
                        new Answer.Failed("Function " + function + " ran on an operator-configured target, which "
                                + "returns no response; create the function in Slipway's Lambda"));
                case FunctionCalls.Outcome.Failed failed -> new Answer.Failed(failed.detail());
                case FunctionCalls.Outcome.NoFunction none -> new Answer.Failed("Function not found: " + function);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Slipway is stopping");
        }
    }
}
