package io.slipway.codedeploy.deployment;

import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.WorkItem;
import io.slipway.engine.work.WorkKey;
import io.slipway.model.codedeploy.Diagnostics;
import io.slipway.model.codedeploy.ErrorCode;
import io.slipway.model.codedeploy.LifecycleErrorCode;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Calls a lifecycle hook's function, outside any transaction (a slow function must not hold the
 * store), and records what the call itself says. The call happens at most once per execution id:
 * the execution is marked invoked, and that committed, before the function is called. If Slipway
 * stops or dies during the call, the work item runs again (after the restart, or on the node that
 * took over) and finds the mark: the hook then waits, as on AWS, for the function's report or its
 * timeout. A function that outlives its node reports through whichever node it reaches.
 */
final class HookInvocations {
    private static final Logger LOG = Logger.getLogger("io.slipway.codedeploy");
    /** As much of a failure as an event's diagnostics keep (the agent's scripts' log tails are as long). */
    private static final int DIAGNOSTIC_CHARACTERS = 4096;

    private final CodeDeployStore store;
    private final HookFunctions functions;
    private final SlipwayClock clock;
    private final DeploymentEngine engine;

    HookInvocations(CodeDeployStore store, HookFunctions functions, SlipwayClock clock, DeploymentEngine engine) {
        this.store = store;
        this.functions = functions;
        this.clock = clock;
        this.engine = engine;
    }

    void invoke(WorkItem item) throws InterruptedException {
        WorkKey key = WorkKey.parse(item);
        Optional<HookExecution> pending = Retry.onConflict(() -> store.inTransaction(tx -> store.get(tx, HookExecution.TYPE,
                key.ns(), key.id()).map(v -> v.value())
                .filter(exec -> exec.status() == HookExecution.Status.PENDING && exec.invokedAt() == null)
                .map(exec -> {
                    HookExecution invoked = exec.invoked(clock.now());
                    engine.replaceExecution(tx, key.ns(), invoked);
                    return invoked;
                })));
        if (pending.isEmpty()) {
            return; // ended, or called already: called again, a function would act twice on one execution id
        }
        HookExecution exec = pending.get();
        String event = "{\"DeploymentId\":\"" + exec.deploymentId() + "\",\"LifecycleEventHookExecutionId\":\""
                + exec.executionId() + "\"}";
        switch (functions.invoke(key.ns(), exec.functionName(), event)) {
            case HookFunctions.Outcome.Failed failed -> failed(key.ns(), exec, failed);
            case HookFunctions.Outcome.Refused refused -> refused(key.ns(), exec, refused.reason());
            case HookFunctions.Outcome.Called called -> {
            }
        }
    }

    /**
     * As on AWS, a hook whose function failed still waits for its report until it times out; the
     * failure is logged and kept on the execution (the pending-hook listing) and as the running
     * event's diagnostics (GetDeploymentTarget), so that the wait has a visible reason.
     */
    private void failed(Namespace ns, HookExecution exec, HookFunctions.Outcome.Failed failure) {
        LOG.warning(() -> "hook function " + exec.functionName() + " of " + exec.deploymentId() + " ("
                + exec.lifecycleEventName() + ") failed: " + failure.message()
                + "; the hook waits for PutLifecycleEventHookExecutionStatus until it times out");
        String message = last("The hook function " + exec.functionName() + " failed: " + failure.message());
        String log = last(failure.logTail());
        store.inRetriedTransaction(tx -> store.get(tx, HookExecution.TYPE, ns, exec.executionId())
                .filter(v -> v.value().status() == HookExecution.Status.PENDING)
                .ifPresent(v -> DeploymentRun.load(tx, store, ns, exec.deploymentId()).ifPresent(run -> {
                    engine.replaceExecution(tx, ns, v.value().withFunctionFailure(message, log));
                    run.diagnose(exec.lifecycleEventName(), new Diagnostics(LifecycleErrorCode.UNKNOWN_ERROR,
                            exec.functionName(), message, log));
                    run.save(tx, store, clock.now());
                })));
    }

    /** Lambda refused to invoke the hook's function (another account's, named by ARN): the event fails now. UNVERIFIED wording. */
    private void refused(Namespace ns, HookExecution exec, String reason) {
        store.inRetriedTransaction(tx -> engine.endPendingHook(tx, ns, exec.executionId(), HookExecution.Status.FAILED,
                ErrorCode.HOOK_EXECUTION_FAILURE, e -> "The lifecycle event " + e.lifecycleEventName() + " failed: its hook "
                        + e.functionName() + " could not be invoked: " + reason));
    }

    private static String last(String text) {
        return text.length() <= DIAGNOSTIC_CHARACTERS ? text : text.substring(text.length() - DIAGNOSTIC_CHARACTERS);
    }
}
