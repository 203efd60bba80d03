package io.slipway.app.resources;

import io.slipway.cloudformation.stack.StackEngine;
import io.slipway.codedeploy.deployment.DeploymentEnds;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.WorkQueue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The stacks whose alias updates wait on a CodeDeploy deployment: when one ends, the stack is woken
 * in the same transaction, so the alias resource completes at once instead of at its next look
 * ({@link AliasDeployments#POLL}). The map is only a shortcut: after a restart it is empty until
 * each waiting alias has looked once, and the look finds the end all the same.
 */
public final class AliasDeploymentWaits implements DeploymentEnds {
    private record Key(Namespace ns, String deploymentId) {
    }

    private final Map<Key, String> stackIds = new ConcurrentHashMap<>();
    private final BiConsumer<Tx, String> wakeStack;

    /** @param wakeStack wakes the stack with this id within the transaction */
    public AliasDeploymentWaits(BiConsumer<Tx, String> wakeStack) {
        this.wakeStack = wakeStack;
    }

    /** Waits that wake stacks through CloudFormation's work queue. */
    public static AliasDeploymentWaits on(WorkQueue queue, SlipwayClock clock) {
        return new AliasDeploymentWaits((tx, stackId) -> StackEngine.wake(queue, tx, stackId, clock.now()));
    }

    void waiting(Namespace ns, String deploymentId, String stackId) {
        stackIds.put(new Key(ns, deploymentId), stackId);
    }

    void over(Namespace ns, String deploymentId) {
        stackIds.remove(new Key(ns, deploymentId));
    }

    @Override
    public void ended(Tx tx, Namespace ns, String deploymentId) {
        String stackId = stackIds.get(new Key(ns, deploymentId));
        if (stackId != null) {
            wakeStack.accept(tx, stackId);
        }
    }
}
