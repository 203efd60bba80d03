package io.slipway.app;

import io.slipway.cloudformation.hooks.HookFunctions;
import io.slipway.core.Namespace;
import io.slipway.lambda.invoke.Invocations;
import io.slipway.lambda.runtime.InvocationOutcome;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * CloudFormation's Lambda hooks, called in Slipway's Lambda as RequestResponse invocations: the
 * hook's answer is the function's result. The function's own timeout bounds the call (AWS gives a
 * hook function 30 seconds). Functions outside Slipway (--function targets) give no result back,
 * so a hook must be a Slipway function.
 */
final class CloudFormationHookCalls implements HookFunctions {
    private final Invocations hosted;

    CloudFormationHookCalls(Invocations hosted) {
        this.hosted = hosted;
    }

    @Override
    public Answer call(Namespace ns, String function, String requestJson) {
        Optional<InvocationOutcome> outcome = hosted.invokeIfHosted(ns, function, requestJson.getBytes(StandardCharsets.UTF_8));
        if (outcome.isEmpty()) {
            return new Answer.Failed("The hook's Lambda function " + function + " does not exist in Slipway's Lambda");
        }
        String payload = new String(outcome.get().payload(), StandardCharsets.UTF_8);
        return outcome.get().functionError().isPresent()
                ? new Answer.Failed("The hook's Lambda function " + function + " failed: " + payload)
                : new Answer.Returned(payload);
    }
}
