package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.hooks.HookOutcome;
import io.slipway.cloudformation.hooks.HookRun;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceProviders;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.cloudformation.stack.StoredStack.Operation;
import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.cloudformation.template.Dependencies;
import io.slipway.cloudformation.template.Evaluator;
import io.slipway.cloudformation.template.Resource;
import io.slipway.cloudformation.template.Template;
import io.slipway.cloudformation.template.SsmParameters;
import io.slipway.cloudformation.template.DynamicReferences;
import io.slipway.cloudformation.template.TemplateException;
import io.slipway.core.Namespace;
import io.slipway.core.codec.JsonCodec;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DocumentTooLargeException;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.engine.store.WorkItem;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.WorkKey;
import io.slipway.engine.work.Workers;
import io.slipway.model.cloudformation.ResourceStatus;
import io.slipway.model.cloudformation.StackStatus;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs stack operations one step at a time: each step provisions, updates or deletes one resource
 * (hooks first, the provider outside any transaction), then records the outcome and its events in
 * one transaction. The stored state is the plan: a step works out what to do next from the
 * template and the resources as they stand, so after {@code kill -9} the operation's work item
 * runs again and carries on where it stopped (providers adopt what they already made).
 *
 * <p>Phases: STACK_HOOKS (hooks on the stack as a whole), RUN (resources to the template, in
 * dependency order), CLEANUP (resources the template dropped and replaced ones go, in reverse
 * order), and on failure ROLLBACK (a create deletes everything; an update runs back to the
 * previous template) followed by ROLLBACK_CLEANUP. A delete is one DELETE phase.
 */
public final class StackEngine {
    static final String WORK = "cloudformation.stack-operation";
    /** Attempts a stack operation's work gets when a step fails unexpectedly (1 s, 2 s, 4 s, 8 s apart), before it fails. */
    static final int ATTEMPTS = 5;
    /** The reason an operation or resource shows for a failure that is Slipway's, not the template's; the log has the detail. */
    static final String INTERNAL_FAILURE = "Internal Failure";
    private static final Shape DOCUMENT = StoredResource.DOCUMENT;

    /** Created on first use, like the workers' logger. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(StackEngine.class.getName());
    }

    private final CloudFormationStore store;
    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final StackEvents events;
    private final ResourceProviders providers;
    private final StackHooks hooks;
    private final Exports exports;
    private final ChangeSetEnd changeSetEnd;
    private final SsmParameters ssm;

    /** Told when an operation that a change set started has ended. */
    interface ChangeSetEnd {
        void ended(Tx tx, Namespace ns, String changeSetId, boolean succeeded);
    }

    StackEngine(CloudFormationStore store, WorkQueue queue, SlipwayClock clock, StackEvents events,
                ResourceProviders providers, StackHooks hooks, Exports exports, ChangeSetEnd changeSetEnd,
                SsmParameters ssm) {
        this.ssm = ssm;
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.events = events;
        this.providers = providers;
        this.hooks = hooks;
        this.exports = exports;
        this.changeSetEnd = changeSetEnd;
    }

    void register(Workers workers) {
        workers.register(WORK, this::perform, ATTEMPTS, this::abandon);
    }

    /** Starts the stack's operation once the caller's transaction commits. */
    void start(Tx tx, Namespace ns, String stackKey) {
        queue.enqueue(tx, WORK + "/" + stackKey, WORK, WorkKey.payload(ns, stackKey), clock.now());
    }

    /** Starts the stack's operation afresh, replacing any work an older version of Slipway left for the stack. */
    void restart(Tx tx, Namespace ns, String stackKey) {
        queue.cancel(tx, WORK + "/" + stackKey);
        start(tx, ns, stackKey);
    }

    /**
     * A step kept failing with something the template does not explain: the operation fails as AWS
     * fails one, with an Internal Failure as its reason. A create or update rolls back (or stops,
     * with rollback disabled) and the work goes on with fresh attempts; a rollback or a delete ends
     * FAILED and the work ends.
     */
    private void abandon(WorkItem item, Throwable failure) {
        WorkKey key = WorkKey.parse(item);
        Namespace ns = key.ns();
        store.inRetriedTransaction(tx -> {
            Optional<StoredStack> read = store.get(tx, Stacks.STACK, ns, key.id()).map(Versioned::value)
                    .filter(s -> s.operation().isPresent());
            if (read.isPresent()) {
                failUnexpectedly(tx, ns, key.id(), read.get());
            }
            boolean goesOn = read.isPresent() && reload(tx, ns, key.id()).operation().isPresent();
            if (goesOn) {
                queue.reschedule(tx, item, clock.now());
            } else {
                queue.complete(tx, item);
            }
        });
    }

    private void failUnexpectedly(Tx tx, Namespace ns, String stackKey, StoredStack s) {
        Operation o = s.operation().orElseThrow();
        String reason = INTERNAL_FAILURE + ". ";
        if (!o.phase().startsWith("ROLLBACK")) {
            fail(tx, ns, stackKey, s, reason);
            return;
        }
        s = status(tx, ns, s, o.kind().equals("CREATE") ? "ROLLBACK_FAILED" : "UPDATE_ROLLBACK_FAILED", reason);
        endChangeSet(tx, ns, o, false);
        save(tx, ns, stackKey, s.withOperation(Optional.empty()));
    }

    /** A resource's reason for a failure that is Slipway's: no Java names, only the store's own words where it refused a record. */
    private static String internalFailure(String logicalId, RuntimeException e) {
        Log.LOG.log(System.Logger.Level.WARNING, "resource " + logicalId + " failed unexpectedly", e);
        return e instanceof DocumentTooLargeException ? INTERNAL_FAILURE + ": " + e.getMessage() : INTERNAL_FAILURE;
    }

    private void perform(WorkItem item) {
        WorkKey key = WorkKey.parse(item);
        while (step(key.ns(), key.id())) {
            // one resource (or phase change) per step, each recorded before the next begins
        }
        store.inTransaction(tx -> queue.complete(tx, item));
    }

    /** Does the next thing the stack's operation needs; false when there is nothing left to do. */
    boolean step(Namespace ns, String stackKey) {
        Versioned<StoredStack> current = store.inTransaction(tx -> store.get(tx, Stacks.STACK, ns, stackKey)).orElse(null);
        if (current == null || current.value().operation().isEmpty()) {
            return false;
        }
        StoredStack stack = current.value();
        Operation op = stack.operation().get();
        return switch (op.phase()) {
            case "STACK_HOOKS" -> stackHooks(ns, stackKey, stack, op);
            case "RUN" -> converge(ns, stackKey, stack, op, stack.templateBody(), stack.parameters(), false);
            case "ROLLBACK" -> op.kind().equals("CREATE") ? deleteAll(ns, stackKey, stack, op, true)
                    : converge(ns, stackKey, stack, op, op.previousTemplateBody(), op.previousParameters(), true);
            case "CLEANUP", "ROLLBACK_CLEANUP" -> cleanup(ns, stackKey, stack, op);
            case "DELETE" -> deleteAll(ns, stackKey, stack, op, false);
            default -> throw new IllegalStateException("unknown phase " + op.phase());
        };
    }

    // ---- phases ----

    private boolean stackHooks(Namespace ns, String stackKey, StoredStack stack, Operation op) {
        String action = op.kind();
        String template = action.equals("DELETE") ? "" : stack.templateBody();
        String previous = action.equals("CREATE") ? "" : Optional.ofNullable(op.previousTemplateBody()).orElse("");
        HookOutcome outcome = hooks.stack(ns, stack.stackName(), stack.stackId(), action, template, previous);
        store.inRetriedTransaction(tx -> {
            StoredStack s = reload(tx, ns, stackKey);
            for (HookRun run : outcome.runs()) {
                events.hook(tx, ns, s, s.stackName(), s.stackId(), StackEvents.STACK_TYPE,
                        ResourceStatus.fromValue(s.view().stackStatus().value()), run);
            }
            if (outcome.blocked()) {
                fail(tx, ns, stackKey, s, outcome.failureReason());
            } else {
                save(tx, ns, stackKey, s.withOperation(Optional.of(op.inPhase(action.equals("DELETE") ? "DELETE" : "RUN", null))));
            }
        });
        return true;
    }

    /**
     * Brings the resources to {@code body} with {@code parameters}: the first resource, in
     * dependency order, that is missing, unfinished or provisioned with other properties gets one
     * step. When none needs one, the phase moves on to its cleanup.
     */
    private boolean converge(Namespace ns, String stackKey, StoredStack stack, Operation op, String body,
                             Map<String, String> parameters, boolean rollingBack) {
        Template template = Template.parse(body);
        Map<String, StoredResource> resources = resources(ns, stack.stackId());
        Evaluator evaluator = new Evaluator(template, parameters, context(ns, stack, resources));
        List<String> order = order(template, evaluator);
        for (String logicalId : order) {
            Resource declared = template.resources().get(logicalId);
            StoredResource r = resources.get(logicalId);
            Map<String, Object> properties;
            try {
                properties = evaluator.properties(declared);
            } catch (TemplateException | IllegalStateException e) {
                StoredResource failed = (r == null ? StoredResource.started(logicalId, declared.type(), clock.now()) : r)
                        .in(r == null || r.physicalId().isEmpty() ? ResourceStatus.CREATE_FAILED : ResourceStatus.UPDATE_FAILED,
                                Optional.of(e.getMessage()), clock.now());
                resourceFailed(ns, stackKey, failed, rollingBack);
                return true;
            }
            if (r == null || r.physicalId().isEmpty() || r.status() == ResourceStatus.DELETE_COMPLETE) {
                create(ns, stackKey, stack, op, declared, properties, rollingBack);
                return true;
            }
            if (!r.complete() || !sameProperties(r.properties(), properties)) {
                update(ns, stackKey, stack, op, r, properties, rollingBack);
                return true;
            }
        }
        String next = rollingBack ? "ROLLBACK_CLEANUP" : "CLEANUP";
        store.inRetriedTransaction(tx -> {
            StoredStack s = reload(tx, ns, stackKey);
            Operation o = s.operation().orElseThrow();
            if (o.kind().equals("UPDATE")) {
                String status = rollingBack ? "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS" : "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS";
                s = status(tx, ns, s, status, null);
            }
            save(tx, ns, stackKey, s.withOperation(Optional.of(o.inPhase(next, null))));
        });
        return true;
    }

    private void create(Namespace ns, String stackKey, StoredStack stack, Operation op, Resource declared,
                        Map<String, Object> properties, boolean rollingBack) {
        String logicalId = declared.logicalId();
        StoredResource started = store.inTransaction(tx -> {
            Optional<Versioned<StoredResource>> existing = store.get(tx, Stacks.RESOURCE, ns, resourceKey(stack, logicalId));
            if (existing.isPresent() && existing.get().value().status() == ResourceStatus.CREATE_IN_PROGRESS) {
                return existing.get().value(); // resuming after a restart: the event is already there
            }
            StoredResource r = StoredResource.started(logicalId, declared.type(), clock.now());
            put(tx, ns, stack, r);
            events.resource(tx, ns, stack, r, null);
            return r;
        });
        if (!rollingBack) {
            HookOutcome outcome = hooks.resource(ns, stack.stackName(), stack.stackId(), op.changeSetId(), "CREATE",
                    logicalId, declared.type(), properties, Map.of());
            if (hookEvents(ns, stack, started, outcome, ResourceStatus.CREATE_IN_PROGRESS)) {
                resourceFailed(ns, stackKey, started.in(ResourceStatus.CREATE_FAILED,
                        Optional.of(outcome.failureReason()), clock.now()), false);
                return;
            }
        }
        Provisioned[] made = new Provisioned[1];
        try {
            Provisioned p = provider(declared.type()).create(resolved(request(ns, stack, logicalId, declared.type(), properties,
                    Map.of())));
            made[0] = p;
            store.inRetriedTransaction(tx -> {
                StoredResource done = started.provisioned(ResourceStatus.CREATE_IN_PROGRESS, p, properties, clock.now());
                events.resource(tx, ns, stack, done, "Resource creation Initiated");
                done = done.in(ResourceStatus.CREATE_COMPLETE, Optional.empty(), clock.now());
                put(tx, ns, stack, done);
                events.resource(tx, ns, stack, done, null);
            });
        } catch (ResourceFailure e) {
            resourceFailed(ns, stackKey, started.in(ResourceStatus.CREATE_FAILED, Optional.of(e.getMessage()), clock.now()),
                    rollingBack);
        } catch (RuntimeException e) {
            // made but not recorded (the store refused what the provider answered): keep its id, so a rollback deletes it
            StoredResource failed = made[0] == null ? started : started.provisioned(ResourceStatus.CREATE_FAILED,
                    new Provisioned(made[0].physicalId(), Map.of()), Map.of(), clock.now());
            resourceFailed(ns, stackKey, failed.in(ResourceStatus.CREATE_FAILED,
                    Optional.of(internalFailure(logicalId, e)), clock.now()), rollingBack);
        }
    }

    private void update(Namespace ns, String stackKey, StoredStack stack, Operation op, StoredResource r,
                        Map<String, Object> properties, boolean rollingBack) {
        StoredResource started = r.in(ResourceStatus.UPDATE_IN_PROGRESS, Optional.empty(), clock.now());
        store.inRetriedTransaction(tx -> {
            put(tx, ns, stack, started);
            events.resource(tx, ns, stack, started, null);
        });
        if (!rollingBack) {
            HookOutcome outcome = hooks.resource(ns, stack.stackName(), stack.stackId(), op.changeSetId(), "UPDATE",
                    r.logicalId(), r.type(), properties, r.properties());
            if (hookEvents(ns, stack, started, outcome, ResourceStatus.UPDATE_IN_PROGRESS)) {
                resourceFailed(ns, stackKey, started.in(ResourceStatus.UPDATE_FAILED,
                        Optional.of(outcome.failureReason()), clock.now()), false);
                return;
            }
        }
        try {
            Provisioned old = r.current().orElseThrow();
            Provisioned p = provider(r.type()).update(resolved(request(ns, stack, r.logicalId(), r.type(), properties,
                    r.properties())), old);
            List<StoredResource.Retired> retired = new ArrayList<>(r.retired());
            if (!p.physicalId().equals(old.physicalId())) {
                retired.add(new StoredResource.Retired(old.physicalId(), r.properties(), old.attributes()));
            }
            store.inRetriedTransaction(tx -> {
                StoredResource done = started.withRetired(List.copyOf(retired))
                        .provisioned(ResourceStatus.UPDATE_COMPLETE, p, properties, clock.now());
                put(tx, ns, stack, done);
                events.resource(tx, ns, stack, done, null);
            });
        } catch (ResourceFailure e) {
            resourceFailed(ns, stackKey, started.in(ResourceStatus.UPDATE_FAILED, Optional.of(e.getMessage()), clock.now()),
                    rollingBack);
        } catch (RuntimeException e) {
            resourceFailed(ns, stackKey, started.in(ResourceStatus.UPDATE_FAILED,
                    Optional.of(internalFailure(r.logicalId(), e)), clock.now()), rollingBack);
        }
    }

    /** Deletes what the template no longer has, and physical resources that were replaced; then ends the operation. */
    private boolean cleanup(Namespace ns, String stackKey, StoredStack stack, Operation op) {
        boolean rollingBack = op.phase().equals("ROLLBACK_CLEANUP");
        String body = rollingBack ? op.previousTemplateBody() : stack.templateBody();
        Map<String, String> parameters = rollingBack ? op.previousParameters() : stack.parameters();
        Template template = Template.parse(body);
        Map<String, StoredResource> resources = resources(ns, stack.stackId());
        Evaluator evaluator = new Evaluator(template, parameters, context(ns, stack, resources));
        List<String> order = order(template, evaluator);
        for (StoredResource r : resources.values()) {
            if (!r.retired().isEmpty()) {
                StoredResource.Retired old = r.retired().getFirst();
                try {
                    provider(r.type()).delete(request(ns, stack, r.logicalId(), r.type(), old.properties(), Map.of()),
                            new Provisioned(old.physicalId(), old.attributes()));
                } catch (RuntimeException e) {
                    // AWS leaves a resource it cannot clean up behind and completes the update
                }
                store.inRetriedTransaction(tx -> put(tx, ns, stack, r.withRetired(r.retired().subList(1, r.retired().size()))));
                return true;
            }
        }
        List<StoredResource> dropped = new ArrayList<>(resources.values().stream()
                .filter(r -> !order.contains(r.logicalId()) && r.status() != ResourceStatus.DELETE_COMPLETE
                        && r.status() != ResourceStatus.DELETE_SKIPPED).toList());
        if (!dropped.isEmpty()) {
            deleteOne(ns, stack, dropped.getLast(), false);
            return true;
        }
        Outputs outputs = rollingBack ? null : Outputs.of(template, evaluator);
        store.inRetriedTransaction(tx -> finish(tx, ns, stackKey, reload(tx, ns, stackKey), outputs, rollingBack));
        return true;
    }

    /** Deletes every resource, last created first; a rollback after a failed create ends in ROLLBACK_COMPLETE. */
    private boolean deleteAll(Namespace ns, String stackKey, StoredStack stack, Operation op, boolean rollback) {
        Map<String, StoredResource> resources = resources(ns, stack.stackId());
        List<String> order = deletionOrder(ns, stack, resources);
        for (String logicalId : order) {
            StoredResource r = resources.get(logicalId);
            if (r.status() == ResourceStatus.DELETE_COMPLETE || r.status() == ResourceStatus.DELETE_SKIPPED) {
                continue;
            }
            if (r.status() == ResourceStatus.DELETE_FAILED && !rollback && op.reason() != null) {
                continue;
            }
            Optional<String> failure = deleteOne(ns, stack, r, !rollback);
            if (failure.isPresent()) {
                store.inRetriedTransaction(tx -> {
                    StoredStack s = reload(tx, ns, stackKey);
                    save(tx, ns, stackKey, s.withOperation(Optional.of(s.operation().orElseThrow().inPhase(op.phase(),
                            "The following resource(s) failed to delete: [" + logicalId + "]. "))));
                });
            }
            return true;
        }
        store.inRetriedTransaction(tx -> {
            StoredStack s = reload(tx, ns, stackKey);
            Operation o = s.operation().orElseThrow();
            boolean anyFailed = resources.values().stream().anyMatch(r -> r.status() == ResourceStatus.DELETE_FAILED);
            String status = rollback ? (anyFailed ? "ROLLBACK_FAILED" : "ROLLBACK_COMPLETE")
                    : anyFailed ? "DELETE_FAILED" : "DELETE_COMPLETE";
            s = status(tx, ns, s, status, anyFailed ? o.reason() : null);
            exports.remove(tx, ns, s.stackId());
            if (status.equals("DELETE_COMPLETE")) {
                s = s.withView(s.view().toBuilder().deletionTime(clock.now()).build());
                store.delete(tx, Stacks.NAME, ns, s.stackName());
                // a deleted stack's change sets go with it: executing one would bring the stack back to life
                for (String changeSet : store.ids(tx, ChangeSets.TYPE, ns, s.stackId())) {
                    store.delete(tx, ChangeSets.TYPE, ns, changeSet);
                }
            }
            if (o.changeSetId() != null) {
                changeSetEnd.ended(tx, ns, o.changeSetId(), false);
            }
            save(tx, ns, stackKey, s.withOperation(Optional.empty()));
        });
        return true;
    }

    /** Deletes one resource; answers why it could not be deleted, if it could not. */
    private Optional<String> deleteOne(Namespace ns, StoredStack stack, StoredResource r, boolean askHooks) {
        Resource declared = declaredIn(stack, r.logicalId());
        if (declared != null && declared.deletionPolicy().filter("Retain"::equals).isPresent() && !r.status().value().startsWith("CREATE_FAILED")) {
            store.inRetriedTransaction(tx -> {
                StoredResource skipped = r.in(ResourceStatus.DELETE_SKIPPED, Optional.empty(), clock.now());
                put(tx, ns, stack, skipped);
                events.resource(tx, ns, stack, skipped, null);
            });
            return Optional.empty();
        }
        StoredResource started = r.in(ResourceStatus.DELETE_IN_PROGRESS, Optional.empty(), clock.now());
        store.inRetriedTransaction(tx -> {
            put(tx, ns, stack, started);
            events.resource(tx, ns, stack, started, null);
        });
        if (askHooks && r.physicalId().isPresent()) {
            HookOutcome outcome = hooks.resource(ns, stack.stackName(), stack.stackId(), null, "DELETE", r.logicalId(),
                    r.type(), Map.of(), r.properties());
            if (hookEvents(ns, stack, started, outcome, ResourceStatus.DELETE_IN_PROGRESS)) {
                return deleteFailed(ns, stack, started, outcome.failureReason());
            }
        }
        try {
            if (r.physicalId().isPresent()) {
                provider(r.type()).delete(request(ns, stack, r.logicalId(), r.type(), r.properties(), Map.of()),
                        r.current().orElseThrow());
            }
        } catch (ResourceFailure e) {
            return deleteFailed(ns, stack, started, e.getMessage());
        } catch (RuntimeException e) {
            return deleteFailed(ns, stack, started, internalFailure(r.logicalId(), e));
        }
        store.inRetriedTransaction(tx -> {
            StoredResource done = started.in(ResourceStatus.DELETE_COMPLETE, Optional.empty(), clock.now());
            put(tx, ns, stack, done);
            events.resource(tx, ns, stack, done, null);
        });
        return Optional.empty();
    }

    private Optional<String> deleteFailed(Namespace ns, StoredStack stack, StoredResource started, String why) {
        store.inRetriedTransaction(tx -> {
            StoredResource failed = started.in(ResourceStatus.DELETE_FAILED, Optional.of(why), clock.now());
            put(tx, ns, stack, failed);
            events.resource(tx, ns, stack, failed, why);
        });
        return Optional.of(why);
    }

    // ---- ends of operations ----

    private void resourceFailed(Namespace ns, String stackKey, StoredResource failed, boolean rollingBack) {
        store.inRetriedTransaction(tx -> {
            StoredStack s = reload(tx, ns, stackKey);
            put(tx, ns, s, failed);
            events.resource(tx, ns, s, failed, failed.reason().orElse(null));
            String verb = failed.status() == ResourceStatus.CREATE_FAILED ? "create" : "update";
            String reason = "The following resource(s) failed to " + verb + ": [" + failed.logicalId() + "]. ";
            if (rollingBack) {
                Operation o = s.operation().orElseThrow();
                s = status(tx, ns, s, o.kind().equals("CREATE") ? "ROLLBACK_FAILED" : "UPDATE_ROLLBACK_FAILED", reason);
                save(tx, ns, stackKey, s.withOperation(Optional.empty()));
            } else {
                fail(tx, ns, stackKey, s, reason);
            }
        });
    }

    /** The operation failed: roll back, or stop where it is when the stack disables rollback. */
    private void fail(Tx tx, Namespace ns, String stackKey, StoredStack s, String reason) {
        Operation o = s.operation().orElseThrow();
        boolean disableRollback = Boolean.TRUE.equals(s.view().disableRollback());
        switch (o.kind()) {
            case "DELETE" -> {
                s = status(tx, ns, s, "DELETE_FAILED", reason);
                save(tx, ns, stackKey, s.withOperation(Optional.empty()));
            }
            case "CREATE" -> {
                if (disableRollback) {
                    s = status(tx, ns, s, "CREATE_FAILED", reason);
                    endChangeSet(tx, ns, o, false);
                    save(tx, ns, stackKey, s.withOperation(Optional.empty()));
                } else {
                    s = status(tx, ns, s, "ROLLBACK_IN_PROGRESS", reason + "Rollback requested by user.");
                    save(tx, ns, stackKey, s.withOperation(Optional.of(o.inPhase("ROLLBACK", reason))));
                }
            }
            default -> {
                if (disableRollback) {
                    s = status(tx, ns, s, "UPDATE_FAILED", reason);
                    endChangeSet(tx, ns, o, false);
                    save(tx, ns, stackKey, s.withOperation(Optional.empty()));
                } else {
                    s = status(tx, ns, s, "UPDATE_ROLLBACK_IN_PROGRESS", reason);
                    save(tx, ns, stackKey, s.withOperation(Optional.of(o.inPhase("ROLLBACK", reason))));
                }
            }
        }
    }

    /** The stack's outputs and exports, evaluated outside any transaction; {@code error} when they cannot be. */
    private record Outputs(List<io.slipway.model.cloudformation.Output> views, Map<String, String> exported, String error) {
        static Outputs of(Template template, Evaluator evaluator) {
            try {
                Map<String, String> exported = evaluator.exports();
                List<io.slipway.model.cloudformation.Output> views = new ArrayList<>();
                evaluator.outputs().forEach((name, value) -> {
                    io.slipway.cloudformation.template.Output declared = template.outputs().get(name);
                    Object exportName = declared.exportName().map(evaluator::evaluate).orElse(null);
                    views.add(io.slipway.model.cloudformation.Output.builder().outputKey(name).outputValue(value)
                            .description(declared.description().orElse(null))
                            .exportName(exportName == null ? null : String.valueOf(exportName)).build());
                });
                return new Outputs(views, exported, null);
            } catch (TemplateException | IllegalStateException e) {
                return new Outputs(List.of(), Map.of(), e.getMessage());
            }
        }
    }

    private void finish(Tx tx, Namespace ns, String stackKey, StoredStack s, Outputs outputs, boolean rolledBack) {
        Operation o = s.operation().orElseThrow();
        if (rolledBack) {
            s = new StoredStack(s.view(), o.previousTemplateBody(), o.previousParameters(), s.operation());
            s = status(tx, ns, s, "UPDATE_ROLLBACK_COMPLETE", null);
            endChangeSet(tx, ns, o, false);
            save(tx, ns, stackKey, s.withOperation(Optional.empty()));
            return;
        }
        try {
            if (outputs.error() != null) {
                throw new TemplateException(outputs.error());
            }
            exports.replace(tx, ns, s.stackId(), outputs.exported());
        } catch (TemplateException | Exports.Conflict e) {
            fail(tx, ns, stackKey, s, e.getMessage() + " ");
            return;
        }
        s = s.withView(s.view().toBuilder().outputs(outputs.views().isEmpty() ? null : outputs.views()).build());
        s = status(tx, ns, s, o.kind().equals("CREATE") ? "CREATE_COMPLETE" : "UPDATE_COMPLETE", null);
        endChangeSet(tx, ns, o, true);
        save(tx, ns, stackKey, s.withOperation(Optional.empty()));
    }

    private void endChangeSet(Tx tx, Namespace ns, Operation o, boolean succeeded) {
        if (o.changeSetId() != null) {
            changeSetEnd.ended(tx, ns, o.changeSetId(), succeeded);
        }
    }

    // ---- helpers ----

    /**
     * Properties as stored (read back from JSON) against properties just evaluated: compared as
     * JSON text, because a number may come back as another Java type with the same value.
     */
    private static boolean sameProperties(Map<String, Object> stored, Map<String, Object> evaluated) {
        return stored.equals(evaluated) || java.util.Arrays.equals(JsonCodec.writeRestJsonValue(DOCUMENT, stored),
                JsonCodec.writeRestJsonValue(DOCUMENT, evaluated));
    }

    /** Records hook outcomes as events on the resource; true when one of them blocks. */
    private boolean hookEvents(Namespace ns, StoredStack stack, StoredResource r, HookOutcome outcome, ResourceStatus status) {
        if (outcome.runs().isEmpty()) {
            return false;
        }
        store.inRetriedTransaction(tx -> {
            for (HookRun run : outcome.runs()) {
                events.hook(tx, ns, stack, r.logicalId(), r.physicalId().orElse(""), r.type(), status, run);
            }
            if (!outcome.blocked() && status == ResourceStatus.CREATE_IN_PROGRESS) {
                events.resource(tx, ns, stack, r, "Hook invocations complete.  Resource creation initiated");
            }
        });
        return outcome.blocked();
    }

    private StoredStack status(Tx tx, Namespace ns, StoredStack s, String status, String reason) {
        StoredStack next = s.withView(s.view().toBuilder().stackStatus(StackStatus.fromValue(status))
                .stackStatusReason(reason).lastUpdatedTime(s.view().stackStatus() == StackStatus.REVIEW_IN_PROGRESS
                        || status.startsWith("CREATE") || status.startsWith("ROLLBACK") ? s.view().lastUpdatedTime() : clock.now())
                .build());
        events.stack(tx, ns, next, status, reason);
        return next;
    }

    private List<String> order(Template template, Evaluator evaluator) {
        Set<String> included = new java.util.LinkedHashSet<>();
        template.resources().values().stream().filter(evaluator::included).forEach(r -> included.add(r.logicalId()));
        return Dependencies.creationOrder(template, Dependencies.of(template, included));
    }

    /** Last created first: the reverse of the template's order, resources it no longer has before those. */
    private List<String> deletionOrder(Namespace ns, StoredStack stack, Map<String, StoredResource> resources) {
        List<String> order = new ArrayList<>();
        try {
            Template template = Template.parse(stack.templateBody());
            Evaluator evaluator = new Evaluator(template, stack.parameters(), context(ns, stack, resources));
            order.addAll(order(template, evaluator));
        } catch (TemplateException | IllegalStateException e) {
            // fall back to creation time alone
        }
        List<String> result = new ArrayList<>(resources.keySet().stream().filter(id -> !order.contains(id))
                .sorted(java.util.Comparator.comparing((String id) -> resources.get(id).updatedAt()).reversed()).toList());
        for (int i = order.size() - 1; i >= 0; i--) {
            if (resources.containsKey(order.get(i))) {
                result.add(order.get(i));
            }
        }
        return result;
    }

    private Resource declaredIn(StoredStack stack, String logicalId) {
        try {
            return Template.parse(stack.templateBody()).resources().get(logicalId);
        } catch (TemplateException e) {
            return null;
        }
    }

    private ResourceProvider provider(String type) {
        return providers.find(type).orElseThrow(() -> new ResourceFailure("Resource type " + type
                + " is not supported by Slipway. Slipway creates: " + String.join(", ", new java.util.TreeSet<>(providers.types()))));
    }

    /** The resource types stacks can use: those Slipway runs and those it records. */
    ResourceProviders providers() {
        return providers;
    }

    /** Systems Manager parameters, as the stack's template parameters and dynamic references read them. */
    SsmParameters ssmParameters() {
        return ssm;
    }

    /**
     * The request with its dynamic references replaced by the parameters' values, read now, as a
     * resource is created or updated; a reference to a missing parameter fails the resource.
     */
    private ResourceRequest resolved(ResourceRequest r) {
        try {
            return new ResourceRequest(r.ns(), r.stackName(), r.stackId(), r.logicalId(), r.type(),
                    DynamicReferences.resolve(r.ns(), r.properties(), ssm),
                    DynamicReferences.resolve(r.ns(), r.previousProperties(), ssm));
        } catch (TemplateException e) {
            throw new ResourceFailure(e.getMessage());
        }
    }

    private static ResourceRequest request(Namespace ns, StoredStack stack, String logicalId, String type,
                                           Map<String, Object> properties, Map<String, Object> previous) {
        return new ResourceRequest(ns, stack.stackName(), stack.stackId(), logicalId, type, properties, previous);
    }

    private StackContext context(Namespace ns, StoredStack stack, Map<String, StoredResource> resources) {
        return new StackContext(ns, stack, resources, name -> exports.value(ns, name));
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

    private void put(Tx tx, Namespace ns, StoredStack stack, StoredResource r) {
        String key = resourceKey(stack, r.logicalId());
        Optional<Versioned<StoredResource>> existing = store.get(tx, Stacks.RESOURCE, ns, key);
        if (existing.isPresent()) {
            store.replace(tx, Stacks.RESOURCE, ns, key, existing.get(), r);
        } else {
            store.insert(tx, Stacks.RESOURCE, ns, key, Optional.of(stack.stackId()), r);
        }
    }

    static String resourceKey(StoredStack stack, String logicalId) {
        return Stacks.key(stack.stackId()) + "/" + logicalId;
    }

    private StoredStack reload(Tx tx, Namespace ns, String stackKey) {
        return store.get(tx, Stacks.STACK, ns, stackKey).orElseThrow().value();
    }

    private void save(Tx tx, Namespace ns, String stackKey, StoredStack next) {
        Versioned<StoredStack> current = store.get(tx, Stacks.STACK, ns, stackKey).orElseThrow();
        store.replace(tx, Stacks.STACK, ns, stackKey, current, next);
    }
}
