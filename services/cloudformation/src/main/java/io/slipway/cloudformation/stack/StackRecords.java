package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.cloudformation.ResourceStatus;
import io.slipway.model.cloudformation.StackStatus;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** How the stack engine reads and writes a stack and its resources, and records a stack's status with its event. */
final class StackRecords {
    final CloudFormationStore store;
    final SlipwayClock clock;
    final StackEvents events;

    StackRecords(CloudFormationStore store, SlipwayClock clock, StackEvents events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    Map<String, StoredResource> resources(Namespace ns, String stackId) {
        return store.inTransaction(tx -> resources(tx, ns, stackId));
    }

    /** The stack's resources by logical id. */
    Map<String, StoredResource> resources(Tx tx, Namespace ns, String stackId) {
        Map<String, StoredResource> byId = new LinkedHashMap<>();
        store.list(tx, Stacks.RESOURCE, ns, Optional.of(stackId), Optional.empty(), 10_000)
                .items().forEach(k -> byId.put(k.value().logicalId(), k.value()));
        return byId;
    }

    void put(Tx tx, Namespace ns, StoredStack stack, StoredResource r) {
        String key = resourceKey(stack, r.logicalId());
        Optional<Versioned<StoredResource>> existing = store.get(tx, Stacks.RESOURCE, ns, key);
        if (existing.isPresent()) {
            store.replace(tx, Stacks.RESOURCE, ns, key, existing.get(), r);
        } else {
            store.insert(tx, Stacks.RESOURCE, ns, key, Optional.of(stack.stackId()), r);
        }
    }

    /**
     * Forgets the resources an update (or its rollback) removed once it has ended, as AWS no longer lists
     * them among the stack's resources (their events stay). A delete that failed is kept, as AWS leaves it.
     */
    void forgetRemoved(Tx tx, Namespace ns, StoredStack stack, Collection<String> declared) {
        for (StoredResource r : resources(tx, ns, stack.stackId()).values()) {
            if (!declared.contains(r.logicalId())
                    && (r.status() == ResourceStatus.DELETE_COMPLETE || r.status() == ResourceStatus.DELETE_SKIPPED)) {
                store.delete(tx, Stacks.RESOURCE, ns, resourceKey(stack, r.logicalId()));
            }
        }
    }

    Optional<StoredResource> resource(Tx tx, Namespace ns, StoredStack stack, String logicalId) {
        return store.get(tx, Stacks.RESOURCE, ns, resourceKey(stack, logicalId)).map(Versioned::value);
    }

    static String resourceKey(StoredStack stack, String logicalId) {
        return Stacks.key(stack.stackId()) + "/" + logicalId;
    }

    StoredStack reload(Tx tx, Namespace ns, String stackKey) {
        return store.get(tx, Stacks.STACK, ns, stackKey).orElseThrow().value();
    }

    void save(Tx tx, Namespace ns, String stackKey, StoredStack next) {
        Versioned<StoredStack> current = store.get(tx, Stacks.STACK, ns, stackKey).orElseThrow();
        store.replace(tx, Stacks.STACK, ns, stackKey, current, next);
    }

    /** The stack in a new status, with its stack event. */
    StoredStack status(Tx tx, Namespace ns, StoredStack s, String status, String reason) {
        StoredStack next = s.withView(s.view().toBuilder().stackStatus(StackStatus.fromValue(status))
                .stackStatusReason(reason).lastUpdatedTime(s.view().stackStatus() == StackStatus.REVIEW_IN_PROGRESS
                        || status.startsWith("CREATE") || status.startsWith("ROLLBACK") ? s.view().lastUpdatedTime() : clock.now())
                .build());
        events.stack(tx, ns, next, status, reason);
        return next;
    }
}
