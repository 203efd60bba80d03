package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.resource.ResourceProviders;
import io.slipway.cloudformation.stack.StoredStack.Operation;
import io.slipway.cloudformation.store.CloudFormationStore;
import io.slipway.cloudformation.template.SsmParameters;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.engine.store.WorkItem;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.WorkKey;
import io.slipway.engine.work.Workers;

import java.util.Map;
import java.util.Optional;

/**
 * Runs stack operations one step at a time: each step provisions, updates or deletes one resource
 * ({@link ResourceActions}: hooks first, the provider outside any transaction), then records the
 * outcome and its events in one transaction. The stored state is the plan: a step works out what
 * to do next from the template and the resources as they stand ({@link StackPhases}), so after
 * {@code kill -9} the operation's work item runs again and carries on where it stopped (providers
 * adopt what they already made; a provider that waits resumes from its stored callback context).
 *
 * <p>Phases: STACK_HOOKS (hooks on the stack as a whole), RUN (resources to the template, in
 * dependency order), CLEANUP (resources the template dropped and replaced ones go, in reverse
 * order), and on failure ROLLBACK (a create deletes everything; an update runs back to the
 * previous template) followed by ROLLBACK_CLEANUP. A delete is one DELETE phase. How each ends is
 * {@link OperationEnds}.
 *
 * <p>When a provider answers in progress, the operation's work item is given back, due when the
 * provider asked to be called again; {@link #wake} makes it due at once when what the provider
 * waits for has arrived. No worker is held while a resource waits.
 */
public final class StackEngine {
    static final String WORK = "cloudformation.stack-operation";
    /** Attempts a stack operation's work gets when a step fails unexpectedly (1 s, 2 s, 4 s, 8 s apart), before it fails. */
    static final int ATTEMPTS = 5;
    /** The reason an operation or resource shows for a failure that is Slipway's, not the template's; the log has the detail. */
    static final String INTERNAL_FAILURE = "Internal Failure";

    private final CloudFormationStore store;
    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final StackRecords records;
    private final OperationEnds ends;
    private final StackPhases phases;
    private final SsmParameters ssm;
    private final ResourceProviders providers;

    /** Told when an operation that a change set started has ended. */
    interface ChangeSetEnd {
        void ended(Tx tx, Namespace ns, String changeSetId, boolean succeeded);
    }

    StackEngine(CloudFormationStore store, WorkQueue queue, SlipwayClock clock, StackEvents events,
                ResourceProviders providers, StackHooks hooks, Exports exports, ChangeSetEnd changeSetEnd,
                SsmParameters ssm) {
        this.ssm = ssm;
        this.providers = providers;
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.records = new StackRecords(store, clock, events);
        this.ends = new OperationEnds(records, exports, changeSetEnd);
        this.phases = new StackPhases(records, ends, new ResourceActions(records, ends, providers, hooks, ssm), hooks, exports);
    }

    /** The resource types stacks can use: those Slipway runs and those it records. */
    ResourceProviders providers() {
        return providers;
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
     * Makes the stack's waiting operation due now, once the caller's transaction commits: what a
     * resource of the stack waits for (a custom resource's response) has arrived. False when the
     * operation is not waiting (it runs now, or is over).
     */
    public static boolean wake(WorkQueue queue, Tx tx, String stackId, java.time.Instant now) {
        return queue.wake(tx, WORK + "/" + Stacks.key(stackId), now);
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
                ends.failUnexpectedly(tx, ns, key.id(), read.get());
            }
            boolean goesOn = read.isPresent() && records.reload(tx, ns, key.id()).operation().isPresent();
            if (goesOn) {
                queue.reschedule(tx, item, clock.now());
            } else {
                queue.complete(tx, item);
            }
        });
    }

    private void perform(WorkItem item) {
        WorkKey key = WorkKey.parse(item);
        // the first step after a claim looks at every waiting resource: the work was due, or woken, or Slipway restarted
        Next next = step(key.ns(), key.id(), true);
        while (next instanceof Next.More || next instanceof Next.WaitUntil w && !w.at().isAfter(clock.now())) {
            // a step's resources (or a phase change) are recorded before the next step begins
            next = step(key.ns(), key.id(), false);
        }
        if (next instanceof Next.WaitUntil wait) {
            store.inTransaction(tx -> queue.reschedule(tx, item, wait.at()));
        } else {
            store.inTransaction(tx -> queue.complete(tx, item));
        }
    }

    /** Does the next thing the stack's operation needs; {@code woken}: waiting resources are looked at before their time. */
    Next step(Namespace ns, String stackKey, boolean woken) {
        Versioned<StoredStack> current = store.inTransaction(tx -> store.get(tx, Stacks.STACK, ns, stackKey)).orElse(null);
        if (current == null || current.value().operation().isEmpty()) {
            return Next.DONE;
        }
        StoredStack stack = current.value();
        Operation op = stack.operation().get();
        return switch (op.phase()) {
            case "STACK_HOOKS" -> phases.stackHooks(ns, stackKey, stack, op);
            case "RUN" -> phases.converge(ns, stackKey, stack, op, stack.templateBody(), stack.parameters(), false, woken);
            case "ROLLBACK" -> op.kind().equals("CREATE") ? phases.deleteAll(ns, stackKey, stack, op, true, woken)
                    : phases.converge(ns, stackKey, stack, op, op.previousTemplateBody(), op.previousParameters(), true, woken);
            case "CLEANUP", "ROLLBACK_CLEANUP" -> phases.cleanup(ns, stackKey, stack, op);
            case "DELETE" -> phases.deleteAll(ns, stackKey, stack, op, false, woken);
            default -> throw new IllegalStateException("unknown phase " + op.phase());
        };
    }

    /** Systems Manager parameters, as the stack's template parameters and dynamic references read them. */
    SsmParameters ssmParameters() {
        return ssm;
    }

    Map<String, StoredResource> resources(Namespace ns, String stackId) {
        return records.resources(ns, stackId);
    }

    /** The stack's resources by logical id. */
    Map<String, StoredResource> resources(Tx tx, Namespace ns, String stackId) {
        return records.resources(tx, ns, stackId);
    }
}
