package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.hooks.HookOutcome;
import io.slipway.cloudformation.stack.StoredStack.Operation;
import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.cloudformation.registry.ChangeDetails;
import io.slipway.cloudformation.template.Resource;
import io.slipway.cloudformation.template.Template;
import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.core.codec.JsonCodec;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.engine.store.WorkItem;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.WorkKey;
import io.slipway.engine.work.Workers;
import io.slipway.model.cloudformation.Change;
import io.slipway.model.cloudformation.ChangeAction;
import io.slipway.model.cloudformation.ChangeSetHook;
import io.slipway.model.cloudformation.ChangeSetHookResourceTargetDetails;
import io.slipway.model.cloudformation.ChangeSetHookTargetDetails;
import io.slipway.model.cloudformation.ChangeSetHooksStatus;
import io.slipway.model.cloudformation.ChangeSetStatus;
import io.slipway.model.cloudformation.ChangeType;
import io.slipway.model.cloudformation.DescribeChangeSetHooksOutput;
import io.slipway.model.cloudformation.DescribeChangeSetOutput;
import io.slipway.model.cloudformation.ExecutionStatus;
import io.slipway.model.cloudformation.HookFailureMode;
import io.slipway.model.cloudformation.HookInvocationPoint;
import io.slipway.model.cloudformation.HookTargetType;
import io.slipway.model.cloudformation.Replacement;
import io.slipway.model.cloudformation.ResourceChangeDetail;
import io.slipway.model.cloudformation.ResourceAttribute;
import io.slipway.model.cloudformation.ResourceChange;
import io.slipway.model.cloudformation.StackStatus;
import io.slipway.model.runtime.AwsErrors;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.model.cloudformation.CloudFormationErrors.ALREADY_EXISTS;
import static io.slipway.model.cloudformation.CloudFormationErrors.CHANGE_SET_NOT_FOUND;
import static io.slipway.model.cloudformation.CloudFormationErrors.INVALID_CHANGE_SET_STATUS;

/**
 * Change sets: what an update (or a first create) would do, worked out from the templates,
 * checked by the hooks that target change sets, and applied by ExecuteChangeSet. Stored by the
 * UUID ending their id, under their stack's id. Creation finishes in the background, as on AWS:
 * CREATE_PENDING, then CREATE_IN_PROGRESS while hooks run, then CREATE_COMPLETE or FAILED.
 */
public final class ChangeSets {
    static final DocumentType<StoredChangeSet> TYPE = new DocumentType<>("cloudformation.change-set",
            StoredChangeSet.SHAPE, StoredChangeSet::fromDocument);
    static final String WORK = "cloudformation.change-set";
    private static final Shape DOCUMENT = StoredResource.DOCUMENT;
    private static final String NO_CHANGES =
            "The submitted information didn't contain changes. Submit different information to create a change set.";

    private final CloudFormationStore store;
    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final IdGenerator ids;
    private final Stacks stacks;
    private final StackEngine engine;
    private final StackHooks hooks;
    private final StackEvents events;

    ChangeSets(CloudFormationStore store, WorkQueue queue, SlipwayClock clock, IdGenerator ids, Stacks stacks,
               StackEngine engine, StackHooks hooks, StackEvents events) {
        this.events = events;
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.ids = ids;
        this.stacks = stacks;
        this.engine = engine;
        this.hooks = hooks;
    }

    void register(Workers workers) {
        // a creation that keeps failing unexpectedly fails the change set, as a stack operation fails
        workers.register(WORK, this::finishCreation, StackEngine.ATTEMPTS, (item, failure) -> {
            WorkKey key = WorkKey.parse(item);
            setStatus(key.ns(), key.id(), ChangeSetStatus.FAILED, ExecutionStatus.UNAVAILABLE,
                    "Change set creation failed. " + StackEngine.INTERNAL_FAILURE);
        });
    }

    /** CreateChangeSet: answers the change set's id and its stack's id. */
    public String[] create(Namespace ns, Stacks.Request request, String changeSetName, String type, Optional<String> description) {
        if (type.equals("IMPORT")) {
            throw AwsErrors.VALIDATION_ERROR.exception("Slipway does not import existing resources into stacks");
        }
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            Stacks.Request in = request;
            Optional<Versioned<StoredStack>> live = stacks.live(tx, ns, in.stackName());
            StoredStack stack;
            Stacks.Checked checked;
            if (type.equals("CREATE")) {
                Stacks.requireName(in.stackName());
                if (live.isPresent() && live.get().value().view().stackStatus() != StackStatus.REVIEW_IN_PROGRESS) {
                    throw ALREADY_EXISTS.exception("Stack [" + in.stackName() + "] already exists and cannot be created "
                            + "again with the changeSet [" + changeSetName + "].");
                }
                checked = stacks.check(ns, in, Map.of(), null);
                stack = live.isPresent() ? live.get().value()
                        : stacks.newStack(tx, ns, in, checked, StackStatus.REVIEW_IN_PROGRESS, null);
            } else {
                stack = live.orElseThrow(() -> AwsErrors.VALIDATION_ERROR.exception(
                        "Stack [" + request.stackName() + "] does not exist")).value();
                if (stack.view().stackStatus() == StackStatus.REVIEW_IN_PROGRESS) {
                    throw AwsErrors.VALIDATION_ERROR.exception("Stack [" + in.stackName() + "] does not exist");
                }
                String body = in.usePreviousTemplate() ? stack.original() : in.templateBody();
                in = new Stacks.Request(in.stackName(), body, false, in.parameters(), in.usePreviousValues(), in.capabilities(),
                        in.tags(), in.disableRollback(), in.description());
                checked = stacks.check(ns, in, stack.parameters(), Template.parse(stack.templateBody()));
            }
            if (find(tx, ns, stack.stackId(), changeSetName).isPresent()) {
                throw ALREADY_EXISTS.exception("ChangeSet [" + changeSetName + "] already exists");
            }
            String uuid = ids.newId();
            String id = "arn:aws:cloudformation:" + ns.region() + ":" + ns.account() + ":changeSet/" + changeSetName + "/" + uuid;
            List<Change> changes = changes(type.equals("CREATE") ? null : Template.parse(stack.templateBody()),
                    checked.template(), engine.resources(tx, ns, stack.stackId()));
            boolean same = type.equals("UPDATE") && changes.isEmpty() && checked.parameters().equals(stack.parameters());
            DescribeChangeSetOutput view = DescribeChangeSetOutput.builder().changeSetId(id).changeSetName(changeSetName)
                    .stackId(stack.stackId()).stackName(stack.stackName()).description(description.orElse(null))
                    .parameters(Stacks.views(checked.template(), checked.parameters())).creationTime(clock.now())
                    .executionStatus(ExecutionStatus.UNAVAILABLE)
                    .status(same ? ChangeSetStatus.FAILED : ChangeSetStatus.CREATE_PENDING)
                    .statusReason(same ? NO_CHANGES : null)
                    .capabilities(in.capabilities() == null || in.capabilities().isEmpty() ? null : in.capabilities())
                    .tags(in.tags() == null || in.tags().isEmpty() ? null : in.tags()).notificationARNs(List.of())
                    .changes(changes).includeNestedStacks(false).build();
            store.insert(tx, TYPE, ns, uuid, Optional.of(stack.stackId()),
                    new StoredChangeSet(view, checked.body(), checked.parameters(), type, checked.originalOrNull()));
            if (!same) {
                queue.enqueue(tx, WORK, WorkKey.payload(ns, uuid), clock.now());
            }
            return new String[] {id, stack.stackId()};
        }));
    }

    public StoredChangeSet describe(Namespace ns, String nameOrId, Optional<String> stackName) {
        return store.inTransaction(tx -> resolve(tx, ns, nameOrId, stackName)).value();
    }

    public List<StoredChangeSet> list(Namespace ns, String stackName) {
        StoredStack stack = stacks.get(ns, stackName);
        return store.list(TYPE, ns, Optional.of(stack.stackId()), Optional.empty(), 1000).items().stream()
                .map(k -> k.value()).toList();
    }

    public void delete(Namespace ns, String nameOrId, Optional<String> stackName) {
        store.inRetriedTransaction(tx -> {
            Versioned<StoredChangeSet> cs = resolve(tx, ns, nameOrId, stackName);
            if (cs.value().view().executionStatus() == ExecutionStatus.EXECUTE_IN_PROGRESS) {
                throw INVALID_CHANGE_SET_STATUS.exception("Cannot delete ChangeSet in status EXECUTE_IN_PROGRESS");
            }
            store.delete(tx, TYPE, ns, Stacks.key(cs.value().view().changeSetId()));
        });
    }

    /** ExecuteChangeSet: the stack's create (from REVIEW_IN_PROGRESS) or update, with the change set's template. */
    public void execute(Namespace ns, String nameOrId, Optional<String> stackName, Optional<Boolean> disableRollback) {
        store.inTransaction(tx -> {
            Versioned<StoredChangeSet> read = resolve(tx, ns, nameOrId, stackName);
            StoredChangeSet cs = read.value();
            if (cs.view().executionStatus() != ExecutionStatus.AVAILABLE) {
                throw INVALID_CHANGE_SET_STATUS.exception("ChangeSet [" + cs.view().changeSetId()
                        + "] cannot be executed in its current execution status of [" + cs.view().executionStatus().value() + "]");
            }
            String stackKey = Stacks.key(cs.view().stackId());
            Versioned<StoredStack> stackRead = store.get(tx, Stacks.STACK, ns, stackKey).orElseThrow();
            StoredStack stack = stackRead.value();
            if (stack.view().stackStatus() == StackStatus.DELETE_COMPLETE) {
                throw notFound(nameOrId); // left by a version that kept a deleted stack's change sets
            }
            boolean create = stack.view().stackStatus() == StackStatus.REVIEW_IN_PROGRESS;
            if (!create && stack.operation().isPresent()) {
                throw INVALID_CHANGE_SET_STATUS.exception("Stack " + stack.stackId() + " is in " + stack.view().stackStatus().value()
                        + " state and can not be updated.");
            }
            StackStatus status = create ? StackStatus.CREATE_IN_PROGRESS : StackStatus.UPDATE_IN_PROGRESS;
            Operation op = new Operation(create ? "CREATE" : "UPDATE", "STACK_HOOKS", create ? null : stack.templateBody(),
                    create ? Map.of() : stack.parameters(), null, cs.view().changeSetId(), create ? null : stack.originalBody());
            StoredStack next = new StoredStack(stack.view().toBuilder().stackStatus(status).stackStatusReason(null)
                    .changeSetId(cs.view().changeSetId()).parameters(cs.view().parameters())
                    .capabilities(cs.view().capabilities()).tags(cs.view().tags() == null ? stack.view().tags() : cs.view().tags())
                    .disableRollback(disableRollback.orElse(stack.view().disableRollback()))
                    .lastUpdatedTime(create ? null : clock.now())
                    .description(Template.parse(cs.templateBody()).description()).build(),
                    cs.templateBody(), cs.parameters(), Optional.of(op), cs.originalBody());
            store.replace(tx, Stacks.STACK, ns, stackKey, stackRead, next);
            events.stack(tx, ns, next, status.value(), "User Initiated");
            // executing one change set retires the stack's others, as AWS does
            for (var other : store.list(tx, TYPE, ns, Optional.of(stack.stackId()), Optional.empty(), 1000).items()) {
                if (!other.id().equals(Stacks.key(cs.view().changeSetId()))) {
                    store.delete(tx, TYPE, ns, other.id());
                }
            }
            store.replace(tx, TYPE, ns, Stacks.key(cs.view().changeSetId()), read,
                    cs.withView(cs.view().toBuilder().executionStatus(ExecutionStatus.EXECUTE_IN_PROGRESS).build()));
            engine.start(tx, ns, stackKey);
            return null;
        });
    }

    /**
     * DescribeChangeSetHooks: for each resource change, the hooks whose configuration targets it
     * now (PLANNING while the change set is being created, UNAVAILABLE when it failed).
     */
    public DescribeChangeSetHooksOutput hooks(Namespace ns, String nameOrId, Optional<String> stackName,
                                              Optional<String> logicalResourceId) {
        DescribeChangeSetOutput cs = describe(ns, nameOrId, stackName).view();
        ChangeSetHooksStatus status = switch (cs.status()) {
            case CREATE_PENDING, CREATE_IN_PROGRESS -> ChangeSetHooksStatus.PLANNING;
            case CREATE_COMPLETE -> ChangeSetHooksStatus.PLANNED;
            default -> ChangeSetHooksStatus.UNAVAILABLE;
        };
        List<ChangeSetHook> planned = new ArrayList<>();
        if (status == ChangeSetHooksStatus.PLANNED) {
            for (Change c : cs.changes() == null ? List.<Change>of() : cs.changes()) {
                ResourceChange rc = c.resourceChange();
                if (logicalResourceId.isPresent() && !logicalResourceId.get().equals(rc.logicalResourceId())) {
                    continue;
                }
                String action = rc.action() == ChangeAction.ADD ? "CREATE" : rc.action() == ChangeAction.REMOVE ? "DELETE" : "UPDATE";
                for (var hook : hooks.planned(ns, cs.stackName(), cs.stackId(), cs.changeSetId(), action,
                        rc.logicalResourceId(), rc.resourceType())) {
                    planned.add(ChangeSetHook.builder().invocationPoint(HookInvocationPoint.PRE_PROVISION)
                            .failureMode(HookFailureMode.fromValue(hook.failureMode())).typeName(hook.typeName())
                            .typeVersionId(hook.typeVersionId()).typeConfigurationVersionId(hook.configurationVersionId())
                            .targetDetails(ChangeSetHookTargetDetails.builder().targetType(HookTargetType.RESOURCE)
                                    .resourceTargetDetails(ChangeSetHookResourceTargetDetails.builder()
                                            .logicalResourceId(rc.logicalResourceId()).resourceType(rc.resourceType())
                                            .resourceAction(rc.action()).build()).build()).build());
                }
            }
        }
        return DescribeChangeSetHooksOutput.builder().changeSetId(cs.changeSetId()).changeSetName(cs.changeSetName())
                .stackId(cs.stackId()).stackName(cs.stackName()).status(status).hooks(planned).build();
    }

    /** The stack operation a change set started has ended. */
    void ended(Tx tx, Namespace ns, String changeSetId, boolean succeeded) {
        String key = Stacks.key(changeSetId);
        store.get(tx, TYPE, ns, key).ifPresent(read -> store.replace(tx, TYPE, ns, key, read,
                read.value().withView(read.value().view().toBuilder().executionStatus(
                        succeeded ? ExecutionStatus.EXECUTE_COMPLETE : ExecutionStatus.EXECUTE_FAILED).build())));
    }

    // ---- creation in the background: the change-set hooks ----

    private void finishCreation(WorkItem item) {
        WorkKey key = WorkKey.parse(item);
        Namespace ns = key.ns();
        Optional<StoredChangeSet> found = store.inTransaction(tx -> store.get(tx, TYPE, ns, key.id())).map(Versioned::value)
                .filter(cs -> cs.view().status() == ChangeSetStatus.CREATE_PENDING
                        || cs.view().status() == ChangeSetStatus.CREATE_IN_PROGRESS);
        if (found.isEmpty()) {
            store.inTransaction(tx -> queue.complete(tx, item));
            return;
        }
        setStatus(ns, key.id(), ChangeSetStatus.CREATE_IN_PROGRESS, ExecutionStatus.UNAVAILABLE, null);
        StoredChangeSet cs = found.get();
        HookOutcome outcome = hooks.changeSet(ns, cs.view().stackName(), cs.view().stackId(), cs.view().changeSetId(),
                cs.templateBody(), changedResourcesJson(cs));
        if (outcome.blocked()) {
            setStatus(ns, key.id(), ChangeSetStatus.FAILED, ExecutionStatus.UNAVAILABLE,
                    "Change set creation failed. " + outcome.failureReason());
        } else {
            setStatus(ns, key.id(), ChangeSetStatus.CREATE_COMPLETE, ExecutionStatus.AVAILABLE, null);
        }
        store.inTransaction(tx -> queue.complete(tx, item));
    }

    private void setStatus(Namespace ns, String key, ChangeSetStatus status, ExecutionStatus execution, String reason) {
        store.inRetriedTransaction(tx -> store.get(tx, TYPE, ns, key).ifPresent(read -> store.replace(tx, TYPE, ns, key, read,
                read.value().withView(read.value().view().toBuilder().status(status).executionStatus(execution)
                        .statusReason(reason).build()))));
    }

    /**
     * The {@code changedResources} a change-set hook reads: each change with the resource's
     * properties before and after as JSON text, booleans and numbers as strings (as AWS sends them).
     */
    private static String changedResourcesJson(StoredChangeSet cs) {
        Template after = Template.parse(cs.templateBody());
        List<Object> changed = new ArrayList<>();
        for (Change c : cs.view().changes() == null ? List.<Change>of() : cs.view().changes()) {
            ResourceChange rc = c.resourceChange();
            Resource declared = after.resources().get(rc.logicalResourceId());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("action", rc.action() == ChangeAction.ADD ? "CREATE" : rc.action() == ChangeAction.REMOVE ? "DELETE" : "UPDATE");
            entry.put("beforeContext", rc.beforeContext() == null ? "" : rc.beforeContext());
            entry.put("afterContext", declared == null ? "" : context(declared.properties()));
            entry.put("lineNumber", 0);
            entry.put("logicalResourceId", rc.logicalResourceId());
            entry.put("resourceType", rc.resourceType());
            changed.add(entry);
        }
        return new String(JsonCodec.writeRestJsonValue(DOCUMENT, changed), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String context(Object properties) {
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("Properties", stringify(properties == null ? Map.of() : properties));
        return new String(JsonCodec.writeRestJsonValue(DOCUMENT, wrapped), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Object stringify(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), stringify(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(ChangeSets::stringify).toList();
        }
        return value instanceof Number || value instanceof Boolean ? String.valueOf(value) : value;
    }

    /** What applying {@code after} to a stack made from {@code before} changes (null before: a new stack). */
    static List<Change> changes(Template before, Template after, Map<String, StoredResource> current) {
        List<Change> out = new ArrayList<>();
        for (Resource r : after.resources().values()) {
            Resource old = before == null ? null : before.resources().get(r.logicalId());
            StoredResource existing = current.get(r.logicalId());
            if (old == null || existing == null || existing.physicalId().isEmpty()) {
                out.add(change(ChangeAction.ADD, r.logicalId(), null, r.type(), null, null, null));
            } else if (!java.util.Objects.equals(old.properties(), r.properties())) {
                List<ResourceChangeDetail> details = ChangeDetails.of(r.type(), old.properties(), r.properties());
                out.add(change(ChangeAction.MODIFY, r.logicalId(), existing.physicalId().orElse(null), r.type(),
                        ChangeDetails.replacement(details), context(existing.properties()), details));
            }
        }
        if (before != null) {
            for (Resource r : before.resources().values()) {
                if (!after.resources().containsKey(r.logicalId())) {
                    StoredResource existing = current.get(r.logicalId());
                    out.add(change(ChangeAction.REMOVE, r.logicalId(),
                            existing == null ? null : existing.physicalId().orElse(null), r.type(), null,
                            existing == null ? null : context(existing.properties()), null));
                }
            }
        }
        return out;
    }

    private static Change change(ChangeAction action, String logicalId, String physicalId, String type,
                                 Replacement replacement, String before, List<ResourceChangeDetail> details) {
        return Change.builder().type(ChangeType.RESOURCE).hookInvocationCount(0).resourceChange(ResourceChange.builder()
                .action(action).logicalResourceId(logicalId).physicalResourceId(physicalId).resourceType(type)
                .replacement(replacement).scope(action == ChangeAction.MODIFY ? List.of(ResourceAttribute.PROPERTIES) : null)
                .details(details).beforeContext(before).build()).build();
    }

    // ---- lookup ----

    private Versioned<StoredChangeSet> resolve(Tx tx, Namespace ns, String nameOrId, Optional<String> stackName) {
        if (nameOrId.startsWith("arn:")) {
            return store.get(tx, TYPE, ns, Stacks.key(nameOrId)).filter(v -> v.value().view().changeSetId().equals(nameOrId))
                    .orElseThrow(() -> notFound(nameOrId));
        }
        String stack = stackName.orElseThrow(() -> AwsErrors.VALIDATION_ERROR.exception(
                "StackName must be specified if ChangeSetName is not specified as an ARN."));
        Versioned<StoredStack> s = stacks.find(tx, ns, stack).orElseThrow(() -> notFound(nameOrId));
        return find(tx, ns, s.value().stackId(), nameOrId).orElseThrow(() -> notFound(nameOrId));
    }

    private Optional<Versioned<StoredChangeSet>> find(Tx tx, Namespace ns, String stackId, String name) {
        for (var k : store.list(tx, TYPE, ns, Optional.of(stackId), Optional.empty(), 1000).items()) {
            if (k.value().view().changeSetName().equals(name)) {
                return store.get(tx, TYPE, ns, k.id());
            }
        }
        return Optional.empty();
    }

    private static io.slipway.model.runtime.AwsException notFound(String nameOrId) {
        return CHANGE_SET_NOT_FOUND.exception("ChangeSet [" + nameOrId + "] does not exist");
    }
}
