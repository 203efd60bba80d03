package io.slipway.app;

import io.slipway.codedeploy.deployment.HookFunctions;
import io.slipway.core.Namespace;


/**
 * CodeDeploy hook functions, called through {@link FunctionCalls}. A function without a target is
 * not called: its hook waits for a report from outside (listed at
 * /_slipway/codedeploy/hook-executions), as a hook would on AWS whose function never answers. A
 * function Lambda refuses to invoke for the deployment's account fails its hook at once.
 */
final class HookCalls implements HookFunctions {
    private final FunctionCalls functions;

    HookCalls(FunctionCalls functions) {
        this.functions = functions;
    }

    @Override
    public Outcome invoke(Namespace ns, String function, String eventJson) throws InterruptedException {
        return switch (functions.call(ns, function, eventJson)) {
            case FunctionCalls.Outcome.Failed failed -> new Outcome.Failed(failed.detail(), failed.logTail());
            case FunctionCalls.Outcome.Denied denied -> new Outcome.Refused(denied.reason());
            case FunctionCalls.Outcome.NoFunction none -> {
                System.err.println("slipway: no target is configured for function " + function
                        + "; its hook waits for a PutLifecycleEventHookExecutionStatus report");
                yield new Outcome.Called();
            }
            case FunctionCalls.Outcome.Ran ran -> new Outcome.Called();
        };
    }
}
