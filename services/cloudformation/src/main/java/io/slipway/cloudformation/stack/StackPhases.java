package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.hooks.HookOutcome;
import io.slipway.cloudformation.hooks.HookRun;
import io.slipway.cloudformation.stack.StoredStack.Operation;
import io.slipway.cloudformation.template.Evaluator;
import io.slipway.cloudformation.template.ParsedTemplates;
import io.slipway.cloudformation.template.Resource;
import io.slipway.cloudformation.template.Template;
import io.slipway.cloudformation.template.TemplateException;
import io.slipway.core.Namespace;
import io.slipway.core.codec.JsonCodec;
import io.slipway.model.cloudformation.ResourceStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The phases of a stack operation, each worked out afresh from the template and the resources as
 * they stand: STACK_HOOKS, RUN (and an update's ROLLBACK: resources to a template), CLEANUP and
 * ROLLBACK_CLEANUP (what the template dropped, and replaced physical resources), DELETE (and a
 * create's ROLLBACK: everything, last created first).
 */
final class StackPhases {
    /** How many resources of one stack are worked on at once (our choice: AWS does not document its own). */
    static final int PARALLEL = 8;
    private final StackRecords records;
    private final OperationEnds ends;
    private final ResourceActions actions;
    private final StackHooks hooks;
    private final Exports exports;

    StackPhases(StackRecords records, OperationEnds ends, ResourceActions actions, StackHooks hooks, Exports exports) {
        this.records = records;
        this.ends = ends;
        this.actions = actions;
        this.hooks = hooks;
        this.exports = exports;
    }

    Next stackHooks(Namespace ns, String stackKey, StoredStack stack, Operation op) {
        String action = op.kind();
        String template = action.equals("DELETE") ? "" : stack.templateBody();
        String previous = action.equals("CREATE") ? "" : Optional.ofNullable(op.previousTemplateBody()).orElse("");
        HookOutcome outcome = hooks.stack(ns, stack.stackName(), stack.stackId(), action, template, previous);
        records.store.inRetriedTransaction(tx -> {
            StoredStack s = records.reload(tx, ns, stackKey);
            for (HookRun run : outcome.runs()) {
                records.events.hook(tx, ns, s, s.stackName(), s.stackId(), StackEvents.STACK_TYPE,
                        ResourceStatus.fromValue(s.view().stackStatus().value()), run);
            }
            if (outcome.blocked()) {
                ends.fail(tx, ns, stackKey, s, outcome.failureReason());
            } else {
                records.save(tx, ns, stackKey, s.withOperation(Optional.of(op.inPhase(action.equals("DELETE") ? "DELETE" : "RUN", null))));
            }
        });
        return Next.MORE;
    }

    /**
     * Brings the resources to {@code body} with {@code parameters}: every resource whose
     * dependencies are settled and that is missing, unfinished or provisioned with other properties
     * gets a step, up to {@link #PARALLEL} at once, on threads of their own (CloudFormation works on
     * independent resources in parallel too). A resource whose handler waits is left until its time
     * comes, or until the work is woken ({@code woken}: the first step after a claim looks at every
     * waiting resource). When none needs a step, the phase moves on to its cleanup.
     */
    Next converge(Namespace ns, String stackKey, StoredStack stack, Operation op, String body,
                  Map<String, String> parameters, boolean rollingBack, boolean woken) {
        Template template = ParsedTemplates.parse(body);
        Map<String, StoredResource> resources = records.resources(ns, stack.stackId());
        Evaluator evaluator = new Evaluator(template, parameters, context(ns, stack, resources));
        ParsedTemplates.Order plan = plan(template, evaluator);
        List<String> order = plan.creation();
        Map<String, Set<String>> dependencies = plan.dependencies();
        Instant now = records.clock.now();
        Set<String> settled = new HashSet<>();
        List<Supplier<Next>> steps = new ArrayList<>();
        Instant wake = null;
        boolean pending = false;
        for (String logicalId : order) {
            if (!settled.containsAll(dependencies.getOrDefault(logicalId, Set.of()))) {
                pending = true;
                continue;
            }
            Resource declared = template.resources().get(logicalId);
            StoredResource r = resources.get(logicalId);
            Map<String, Object> properties;
            Map<String, Object> updatePolicy;
            try {
                properties = evaluator.properties(declared);
                updatePolicy = rollingBack ? Map.of() : evaluator.updatePolicy(declared);
            } catch (TemplateException | IllegalStateException e) {
                StoredResource failed = (r == null ? StoredResource.started(logicalId, declared.type(), now) : r)
                        .in(r == null || r.physicalId().isEmpty() ? ResourceStatus.CREATE_FAILED : ResourceStatus.UPDATE_FAILED,
                                Optional.of(e.getMessage()), now);
                ends.resourceFailed(ns, stackKey, failed, rollingBack);
                return Next.MORE;
            }
            boolean create = r == null || r.physicalId().isEmpty() || r.status() == ResourceStatus.DELETE_COMPLETE;
            if (!create && r.complete() && sameProperties(r.properties(), properties)) {
                settled.add(logicalId);
                continue;
            }
            pending = true;
            if (r != null && r.waits() && !woken && !r.due(now)) {
                wake = wake == null || r.waitUntil().isBefore(wake) ? r.waitUntil() : wake;
                continue;
            }
            if (steps.size() < PARALLEL) {
                steps.add(create ? () -> actions.create(ns, stackKey, stack, op, declared, properties, rollingBack)
                        : () -> actions.update(ns, stackKey, stack, op, r, properties, updatePolicy, rollingBack));
            }
        }
        if (!steps.isEmpty()) {
            return Next.combined(runAll(steps));
        }
        if (pending) {
            return wake != null ? new Next.WaitUntil(wake) : Next.MORE;
        }
        String next = rollingBack ? "ROLLBACK_CLEANUP" : "CLEANUP";
        records.store.inRetriedTransaction(tx -> {
            StoredStack s = records.reload(tx, ns, stackKey);
            Operation o = s.operation().orElseThrow();
            if (o.kind().equals("UPDATE")) {
                String status = rollingBack ? "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS" : "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS";
                s = records.status(tx, ns, s, status, null);
            }
            records.save(tx, ns, stackKey, s.withOperation(Optional.of(o.inPhase(next, null))));
        });
        return Next.MORE;
    }

    /**
     * Runs the steps, each on a virtual thread of its own when there are several, and answers what
     * each left. Something a step threw (an engine failure, not a resource's) is thrown again here,
     * so the work item's retries and give-up apply as to a step run alone.
     */
    private static List<Next> runAll(List<Supplier<Next>> steps) {
        if (steps.size() == 1) {
            return List.of(steps.getFirst().get());
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Next>> running = steps.stream().map(step -> threads.submit(step::get)).toList();
            List<Next> results = new ArrayList<>(running.size());
            Throwable failure = null;
            for (Future<Next> f : running) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.util.concurrent.CancellationException("Slipway is stopping");
                }
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return results;
        }
    }

    /**
     * Deletes what the template no longer has, and physical resources that were replaced; then ends
     * the operation. A resource whose delete failed is left behind, as AWS leaves it.
     */
    Next cleanup(Namespace ns, String stackKey, StoredStack stack, Operation op) {
        boolean rollingBack = op.phase().equals("ROLLBACK_CLEANUP");
        String body = rollingBack ? op.previousTemplateBody() : stack.templateBody();
        Map<String, String> parameters = rollingBack ? op.previousParameters() : stack.parameters();
        Template template = ParsedTemplates.parse(body);
        Map<String, StoredResource> resources = records.resources(ns, stack.stackId());
        Evaluator evaluator = new Evaluator(template, parameters, context(ns, stack, resources));
        List<String> order = order(template, evaluator);
        for (StoredResource r : resources.values()) {
            if (!r.retired().isEmpty()) {
                return actions.deleteRetired(ns, stack, r);
            }
        }
        List<StoredResource> dropped = new ArrayList<>(resources.values().stream()
                .filter(r -> !order.contains(r.logicalId()) && r.status() != ResourceStatus.DELETE_COMPLETE
                        && r.status() != ResourceStatus.DELETE_SKIPPED && r.status() != ResourceStatus.DELETE_FAILED).toList());
        if (!dropped.isEmpty()) {
            ResourceActions.Deletion deletion = actions.delete(ns, stack, dropped.getLast(), false);
            return deletion instanceof ResourceActions.Deletion.Waiting w ? new Next.WaitUntil(w.until()) : Next.MORE;
        }
        OperationEnds.Outputs outputs = rollingBack ? null : OperationEnds.Outputs.of(template, evaluator,
                masked(ns, stack, template, parameters, resources));
        records.store.inRetriedTransaction(tx -> ends.finish(tx, ns, stackKey, records.reload(tx, ns, stackKey), outputs, rollingBack,
                order));
        return Next.MORE;
    }

    /**
     * Deletes every resource, last created first: a resource goes once nothing left in the stack
     * depends on it, up to {@link #PARALLEL} at once. A rollback after a failed create ends in
     * ROLLBACK_COMPLETE.
     */
    Next deleteAll(Namespace ns, String stackKey, StoredStack stack, Operation op, boolean rollback, boolean woken) {
        Map<String, StoredResource> resources = records.resources(ns, stack.stackId());
        List<String> order = deletionOrder(ns, stack, resources);
        Map<String, Set<String>> dependencies = dependencies(ns, stack, resources);
        Instant now = records.clock.now();
        Set<String> remaining = new HashSet<>();
        for (String logicalId : order) {
            StoredResource r = resources.get(logicalId);
            boolean gone = r.status() == ResourceStatus.DELETE_COMPLETE || r.status() == ResourceStatus.DELETE_SKIPPED
                    // a delete that failed in this operation is not tried again: a create's rollback has no earlier
                    // failures, and a DeleteStack's reason is set once one of its deletes failed
                    || r.status() == ResourceStatus.DELETE_FAILED && (rollback || op.reason() != null);
            if (!gone) {
                remaining.add(logicalId);
            }
        }
        List<Supplier<Next>> steps = new ArrayList<>();
        Instant wake = null;
        for (String logicalId : order) {
            if (!remaining.contains(logicalId)) {
                continue;
            }
            boolean needed = remaining.stream().anyMatch(other -> dependencies.getOrDefault(other, Set.of()).contains(logicalId));
            if (needed) {
                continue;
            }
            StoredResource r = resources.get(logicalId);
            if (r.waits() && !woken && !r.due(now)) {
                wake = wake == null || r.waitUntil().isBefore(wake) ? r.waitUntil() : wake;
                continue;
            }
            if (steps.size() < PARALLEL) {
                steps.add(() -> deleteStep(ns, stackKey, stack, op, r, rollback));
            }
        }
        if (!steps.isEmpty()) {
            return Next.combined(runAll(steps));
        }
        if (!remaining.isEmpty()) {
            return wake != null ? new Next.WaitUntil(wake) : Next.MORE;
        }
        records.store.inRetriedTransaction(tx -> {
            StoredStack s = records.reload(tx, ns, stackKey);
            Operation o = s.operation().orElseThrow();
            boolean anyFailed = resources.values().stream().anyMatch(r -> r.status() == ResourceStatus.DELETE_FAILED);
            String status = rollback ? (anyFailed ? "ROLLBACK_FAILED" : "ROLLBACK_COMPLETE")
                    : anyFailed ? "DELETE_FAILED" : "DELETE_COMPLETE";
            s = records.status(tx, ns, s, status, anyFailed ? o.reason() : null);
            exports.remove(tx, ns, s.stackId());
            if (status.equals("DELETE_COMPLETE")) {
                s = s.withView(s.view().toBuilder().deletionTime(records.clock.now()).build());
                records.store.delete(tx, Stacks.NAME, ns, s.stackName());
                // a deleted stack's change sets go with it: executing one would bring the stack back to life
                for (String changeSet : records.store.ids(tx, ChangeSets.TYPE, ns, s.stackId())) {
                    records.store.delete(tx, ChangeSets.TYPE, ns, changeSet);
                }
            }
            ends.endChangeSet(tx, ns, o, false);
            records.save(tx, ns, stackKey, s.withOperation(Optional.empty()));
        });
        return Next.MORE;
    }

    private Next deleteStep(Namespace ns, String stackKey, StoredStack stack, Operation op, StoredResource r, boolean rollback) {
        ResourceActions.Deletion deletion = actions.delete(ns, stack, r, !rollback);
        if (deletion instanceof ResourceActions.Deletion.Waiting w) {
            return new Next.WaitUntil(w.until());
        }
        if (deletion instanceof ResourceActions.Deletion.Failed) {
            records.store.inRetriedTransaction(tx -> {
                StoredStack s = records.reload(tx, ns, stackKey);
                Operation o = s.operation().orElseThrow();
                if (o.reason() == null || rollback) {
                    records.save(tx, ns, stackKey, s.withOperation(Optional.of(o.inPhase(op.phase(),
                            "The following resource(s) failed to delete: [" + r.logicalId() + "]. "))));
                }
            });
        }
        return Next.MORE;
    }

    /** What each resource of the stack's current template depends on; none known when the template cannot be read. */
    private Map<String, Set<String>> dependencies(Namespace ns, StoredStack stack, Map<String, StoredResource> resources) {
        try {
            Template template = ParsedTemplates.parse(stack.templateBody());
            Evaluator evaluator = new Evaluator(template, stack.parameters(), context(ns, stack, resources));
            return plan(template, evaluator).dependencies();
        } catch (TemplateException | IllegalStateException e) {
            return Map.of(); // deletion order alone, by creation time
        }
    }

    /**
     * Properties as stored (read back from JSON) against properties just evaluated: compared as
     * JSON text, because a number may come back as another Java type with the same value.
     */
    private static boolean sameProperties(Map<String, Object> stored, Map<String, Object> evaluated) {
        return stored.equals(evaluated) || java.util.Arrays.equals(JsonCodec.writeRestJsonValue(StoredResource.DOCUMENT, stored),
                JsonCodec.writeRestJsonValue(StoredResource.DOCUMENT, evaluated));
    }

    private static List<String> order(Template template, Evaluator evaluator) {
        return plan(template, evaluator).creation();
    }

    /** The resources whose conditions hold, what each depends on and their creation order (worked out once per template). */
    private static ParsedTemplates.Order plan(Template template, Evaluator evaluator) {
        Set<String> included = new LinkedHashSet<>();
        template.resources().values().stream().filter(evaluator::included).forEach(r -> included.add(r.logicalId()));
        return ParsedTemplates.order(template, included);
    }

    /** Last created first: the reverse of the template's order, resources it no longer has before those. */
    private List<String> deletionOrder(Namespace ns, StoredStack stack, Map<String, StoredResource> resources) {
        List<String> order = new ArrayList<>();
        try {
            Template template = ParsedTemplates.parse(stack.templateBody());
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

    /**
     * An evaluator that reads every attribute of a NoEcho resource as a mask, or null when the stack
     * has none: an output whose value differs under it reads a secret and is shown masked.
     */
    private Evaluator masked(Namespace ns, StoredStack stack, Template template, Map<String, String> parameters,
                             Map<String, StoredResource> resources) {
        if (resources.values().stream().noneMatch(StoredResource::noEcho)) {
            return null;
        }
        Map<String, StoredResource> masked = new java.util.LinkedHashMap<>();
        resources.forEach((id, r) -> {
            Map<String, Object> attributes = new java.util.LinkedHashMap<>();
            r.attributes().forEach((k, v) -> attributes.put(k, r.noEcho() ? OperationEnds.MASK : v));
            masked.put(id, r.withAttributes(attributes));
        });
        return new Evaluator(template, parameters, context(ns, stack, masked));
    }

    /**
     * The resource as the stack's template declares it or, for one the running update dropped, as the
     * template before the update declared it: its DeletionPolicy (Retain on SAM's old function
     * versions and layer versions) is the previous template's, as on AWS.
     */
    static Resource declaredBefore(StoredStack stack, String logicalId) {
        Resource declared = declaredIn(stack, logicalId);
        String previous = stack.operation().map(StoredStack.Operation::previousTemplateBody).orElse(null);
        if (declared != null || previous == null) {
            return declared;
        }
        try {
            return ParsedTemplates.parse(previous).resources().get(logicalId);
        } catch (TemplateException e) {
            return null;
        }
    }

    static Resource declaredIn(StoredStack stack, String logicalId) {
        try {
            return ParsedTemplates.parse(stack.templateBody()).resources().get(logicalId);
        } catch (TemplateException e) {
            return null;
        }
    }

    private StackContext context(Namespace ns, StoredStack stack, Map<String, StoredResource> resources) {
        return new StackContext(ns, stack, resources, name -> exports.value(ns, name));
    }
}
