package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.stack.StoredStack.Operation;
import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.UnreadableDocumentException;
import io.slipway.model.cloudformation.Stack;
import io.slipway.model.cloudformation.StackStatus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stacks whose stored record can no longer be read (damaged, or written by a version of Slipway
 * that let it grow beyond what reads back). Listings leave them out; DeleteStack still deletes one:
 * its resources are records of their own, so the engine can delete them, last changed first, since
 * the template is lost with the record.
 */
final class UnreadableStacks {
    private final CloudFormationStore store;
    private final SlipwayClock clock;
    private final StackEngine engine;
    private final StackEvents events;

    UnreadableStacks(CloudFormationStore store, SlipwayClock clock, StackEngine engine, StackEvents events) {
        this.store = store;
        this.clock = clock;
        this.engine = engine;
        this.events = events;
    }

    /** Replaces the unreadable record with one that deletes the stack, and starts the deletion. */
    void delete(Tx tx, Namespace ns, String nameOrId, UnreadableDocumentException unreadable) {
        String ours = "arn:aws:cloudformation:" + ns.region() + ":" + ns.account() + ":stack/";
        if (nameOrId.startsWith("arn:") && !nameOrId.startsWith(ours)) {
            return; // another account's or region's id: for this caller, no such stack
        }
        String stackId = nameOrId.startsWith("arn:") ? nameOrId
                : store.get(tx, Stacks.NAME, ns, nameOrId).map(v -> v.value().stackId()).orElseThrow();
        String stackKey = unreadable.key().id();
        Stack view = Stack.builder().stackId(stackId).stackName(Stacks.nameOf(stackId)).creationTime(clock.now())
                .stackStatus(StackStatus.DELETE_IN_PROGRESS).disableRollback(false).notificationARNs(List.of())
                .enableTerminationProtection(false).build();
        StoredStack next = new StoredStack(view, "", Map.of(),
                Optional.of(new Operation("DELETE", "STACK_HOOKS", "", Map.of(), null, null)));
        if (!store.update(tx, Stacks.STACK, ns, stackKey, unreadable.version(), next)) {
            throw new ConcurrentUpdateException("stack " + stackKey);
        }
        events.stack(tx, ns, next, "DELETE_IN_PROGRESS", "User Initiated");
        engine.restart(tx, ns, stackKey);
    }
}
