package io.slipway.app;

import io.slipway.codedeploy.deployment.HookFunctions;
import io.slipway.core.Namespace;

import java.util.Optional;

/**
 * CodeDeploy hook functions, called through {@link FunctionCalls}. A function without a target is
 * not called: its hook waits for a report from outside (listed at
 * /_slipway/codedeploy/hook-executions), as a hook would on AWS whose function never answers.
 */
final class HookCalls implements HookFunctions {
    private final FunctionCalls functions;

    HookCalls(FunctionCalls functions) {
        this.functions = functions;
    }

    @Override
    public Optional<Failure> invoke(Namespace ns, String function, String eventJson) throws InterruptedException {
        return switch (functions.call(ns, function, eventJson)) {
            case FunctionCalls.Outcome.Failed failed -> Optional.of(new Failure(failed.detail(), failed.logTail()));
            case FunctionCalls.Outcome.NoFunction none -> {
                System.err.println("slipway: no target is configured for function " + function
                        + "; its hook waits for a PutLifecycleEventHookExecutionStatus report");
                yield Optional.empty();
            }
            case FunctionCalls.Outcome.Ran ran -> Optional.empty();
        };
    }
}
