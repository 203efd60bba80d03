package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.hooks.HookRun;
import io.slipway.cloudformation.registry.PropertyValidation;
import io.slipway.model.cloudformation.DetailedStatus;
import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Tx;
import io.slipway.model.cloudformation.CloudFormationModel;
import io.slipway.model.cloudformation.HookFailureMode;
import io.slipway.model.cloudformation.HookInvocationPoint;
import io.slipway.model.cloudformation.HookStatus;
import io.slipway.model.cloudformation.ResourceStatus;
import io.slipway.model.cloudformation.StackEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stack's events, newest first as DescribeStackEvents lists them: stored under the stack id
 * with keys that sort in reverse order of time.
 */
final class StackEvents {
    static final DocumentType<StackEvent> TYPE = new DocumentType<>("cloudformation.stack-event",
            CloudFormationModel.MODEL.shape("StackEvent"), StackEvent::fromDocument);
    static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    private final CloudFormationStore store;
    private final SlipwayClock clock;
    private final IdGenerator ids;
    /** Orders events written in the same millisecond. */
    private final AtomicLong sequence = new AtomicLong();

    StackEvents(CloudFormationStore store, SlipwayClock clock, IdGenerator ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /** An event of the stack itself. */
    void stack(Tx tx, Namespace ns, StoredStack stack, String status, String reason) {
        add(tx, ns, base(stack).logicalResourceId(stack.stackName()).physicalResourceId(stack.stackId())
                .resourceType(STACK_TYPE).resourceStatus(ResourceStatus.fromValue(status))
                .resourceStatusReason(reason).build());
    }

    void resource(Tx tx, Namespace ns, StoredStack stack, StoredResource r, String reason) {
        add(tx, ns, base(stack).logicalResourceId(r.logicalId()).physicalResourceId(r.physicalId().orElse(""))
                .resourceType(r.type()).resourceStatus(r.status()).resourceStatusReason(reason)
                .detailedStatus(reason != null && reason.startsWith(PropertyValidation.PREFIX)
                        && r.status().value().endsWith("_FAILED") ? DetailedStatus.VALIDATION_FAILED : null).build());
    }

    /** An event of a physical resource that {@code r} replaced, deleted in the update's cleanup: under its old physical id. */
    void retired(Tx tx, Namespace ns, StoredStack stack, StoredResource r, String oldPhysicalId, ResourceStatus status,
                 String reason) {
        add(tx, ns, base(stack).logicalResourceId(r.logicalId()).physicalResourceId(oldPhysicalId)
                .resourceType(r.type()).resourceStatus(status).resourceStatusReason(reason).build());
    }

    /** A hook's outcome, on the resource (or stack) it ran for. */
    void hook(Tx tx, Namespace ns, StoredStack stack, String logicalId, String physicalId, String type,
              ResourceStatus status, HookRun run) {
        add(tx, ns, base(stack).logicalResourceId(logicalId).physicalResourceId(physicalId).resourceType(type)
                .resourceStatus(status).hookType(run.typeName()).hookStatus(HookStatus.fromValue(run.status()))
                .hookStatusReason(run.statusReason()).hookInvocationPoint(HookInvocationPoint.PRE_PROVISION)
                .hookInvocationId(run.hookResultId()).hookFailureMode(HookFailureMode.fromValue(run.failureMode()))
                .build());
    }

    /** A page of the stack's events, newest first; {@code next} is told where the following page starts. */
    List<StackEvent> list(Namespace ns, String stackId, Optional<String> after, int limit,
                          java.util.function.Consumer<Optional<String>> next) {
        var page = store.list(TYPE, ns, Optional.of(stackId), after, limit);
        next.accept(page.nextAfterId());
        return page.items().stream().map(k -> k.value()).toList();
    }

    private StackEvent.Builder base(StoredStack stack) {
        return StackEvent.builder().stackId(stack.stackId()).stackName(stack.stackName()).eventId(ids.newId())
                .timestamp(clock.now());
    }

    private void add(Tx tx, Namespace ns, StackEvent event) {
        Instant at = event.timestamp();
        long order = at.toEpochMilli() * 1000 + sequence.getAndIncrement() % 1000;
        // newest first by the inverted time; the event id keeps keys unique across nodes and instances
        String key = Stacks.key(event.stackId()) + "/" + String.format("%019d", Long.MAX_VALUE - order) + "/" + event.eventId();
        store.insert(tx, TYPE, ns, key, Optional.of(event.stackId()), event);
    }
}
