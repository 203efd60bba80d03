package io.slipway.app;

import io.slipway.codedeploy.deployment.HookFunctions;
import io.slipway.core.Namespace;
import io.slipway.engine.invoke.FunctionInvoker;
import io.slipway.engine.invoke.FunctionTargets;
import io.slipway.engine.invoke.InvocationEnvironment;
import io.slipway.engine.invoke.InvocationResult;
import io.slipway.lambda.invoke.Invocations;

import java.util.function.Supplier;

/**
 * Hook functions: a function created in Slipway's Lambda runs there; otherwise the engine's
 * function invoker calls the target the operator configured for it. A function without a target is not called: its hook waits for a report
 * from outside (listed at /_slipway/codedeploy/hook-executions), as a hook would on AWS whose
 * function never answers.
 */
final class HookCalls implements HookFunctions {
    private final Invocations hosted;
    private final FunctionTargets targets;
    private final Supplier<String> endpoint;
    private final FunctionInvoker invoker = new FunctionInvoker();

    HookCalls(Invocations hosted, FunctionTargets targets, Supplier<String> endpoint) {
        this.hosted = hosted;
        this.targets = targets;
        this.endpoint = endpoint;
    }

    @Override
    public void invoke(Namespace ns, String function, String eventJson) throws InterruptedException {
        // functions created in Slipway's own Lambda come first, then the operator's configured targets
        var outcome = hosted.invokeIfHosted(ns, function, eventJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (outcome.isPresent()) {
            if (outcome.get().functionError().isPresent()) {
                System.err.println("slipway: function " + function + " failed: "
                        + new String(outcome.get().payload(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return;
        }
        var target = targets.resolve(function, ns.region(), ns.account());
        if (target.isEmpty()) {
            System.err.println("slipway: no target is configured for function " + function
                    + "; its hook waits for a PutLifecycleEventHookExecutionStatus report");
            return;
        }
        InvocationResult result = invoker.invoke(target.get(), eventJson,
                new InvocationEnvironment(function, endpoint.get(), ns.region(), ns.account()));
        if (!result.succeeded()) {
            System.err.println("slipway: function " + function + " failed: " + result.detail());
        }
    }
}
