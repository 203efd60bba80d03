package io.slipway.codepipeline.execution;

import io.slipway.codepipeline.job.JobRecord;
import io.slipway.codepipeline.job.JobResults;
import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.WorkKey;
import io.slipway.engine.work.Workers;
import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.ActionExecutionDetail;
import io.slipway.model.codepipeline.ActionExecutionStatus;
import io.slipway.model.codepipeline.ErrorDetails;
import io.slipway.model.codepipeline.ExecutionMode;
import io.slipway.model.codepipeline.FailureDetails;
import io.slipway.model.codepipeline.GetPipelineStateOutput;
import io.slipway.model.codepipeline.JobStatus;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.PipelineExecutionStatus;
import io.slipway.model.codepipeline.StageDeclaration;
import io.slipway.model.codepipeline.StageExecution;
import io.slipway.model.codepipeline.StageExecutionStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs pipeline executions (AWS-BEHAVIOUR.md B.2): stages in order, the actions of a stage by
 * runOrder (equal runOrder together), a failure stopping the execution at its stage. In SUPERSEDED
 * mode a stage holds one execution at a time and a newer execution waiting in front of it
 * supersedes an older one; QUEUED lets them in one by one; PARALLEL runs them independently. Every
 * step is one transaction that changes the execution, the pipeline's state and the work that
 * follows, so a restart carries on.
 */
public final class ExecutionEngine implements JobResults {
    static final String STEP = "codepipeline.execution.step";

    private final CodePipelineStore store;
    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final PipelineDefinitions definitions;
    private final ActionStarts actions;

    public ExecutionEngine(CodePipelineStore store, WorkQueue queue, SlipwayClock clock, PipelineDefinitions definitions,
                           ActionStarts actions) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.definitions = definitions;
        this.actions = actions;
    }

    public void register(Workers workers) {
        workers.register(STEP, item -> store.inRetriedTransaction(tx -> {
            WorkKey key = WorkKey.parse(item);
            advance(tx, key.ns(), key.id());
        }));
        actions.register(workers, this);
    }

    void schedule(Tx tx, Namespace ns, String executionId) {
        queue.enqueue(tx, STEP, WorkKey.payload(ns, executionId), clock.now());
    }

    Instant now() {
        return clock.now();
    }

    // ---- the pipeline's state document ----

    Versioned<GetPipelineStateOutput> state(Tx tx, Namespace ns, PipelineDeclaration pipeline) {
        Optional<Versioned<GetPipelineStateOutput>> stored = store.get(tx, PipelineState.TYPE, ns, pipeline.name());
        if (stored.isEmpty()) {
            store.insert(tx, PipelineState.TYPE, ns, pipeline.name(), Optional.empty(), PipelineState.of(pipeline).value());
            return store.get(tx, PipelineState.TYPE, ns, pipeline.name()).orElseThrow();
        }
        return stored.get();
    }

    void saveState(Tx tx, Namespace ns, Versioned<GetPipelineStateOutput> stored, PipelineState state) {
        if (!state.value().equals(stored.value())) {
            store.replace(tx, PipelineState.TYPE, ns, state.value().pipelineName(), stored, state.value());
        }
    }

    // ---- stepping an execution ----

    /** Moves an execution on as far as it can go without waiting for an action or a stage. */
    void advance(Tx tx, Namespace ns, String executionId) {
        Optional<Execution> found = Execution.load(tx, store, ns, executionId);
        if (found.isEmpty() || found.get().isDone()) {
            return;
        }
        Execution e = found.get();
        // the state follows the pipeline's latest version; the execution runs the version it started on
        Optional<PipelineDeclaration> latest = definitions.declaration(tx, ns, e.run.pipelineName());
        Optional<PipelineDeclaration> pipeline = latest.filter(p -> p.version() == e.run.pipelineVersion())
                .or(() -> definitions.declaration(tx, ns, e.run.pipelineName(), e.run.pipelineVersion()));
        if (pipeline.isEmpty() || latest.isEmpty()) {
            e.status(PipelineExecutionStatus.CANCELLED, "The pipeline was deleted", now());
            e.save(tx, store);
            return;
        }
        Versioned<GetPipelineStateOutput> stored = state(tx, ns, latest.get());
        PipelineState state = new PipelineState(stored.value()).syncedTo(latest.get());
        state = step(tx, e, pipeline.get(), state);
        e.save(tx, store);
        saveState(tx, ns, stored, state);
    }

    private PipelineState step(Tx tx, Execution e, PipelineDeclaration pipeline, PipelineState state) {
        while (true) {
            if (e.run.runOrder() == 0) {
                return enter(tx, e, pipeline, Math.max(e.run.stage(), 0), state);
            }
            StageDeclaration stage = pipeline.stages().get(e.run.stage());
            if (e.run.stop() == ExecutionRun.Stop.NONE && stage.actions().stream().anyMatch(a -> runOrder(a) == e.run.runOrder()
                    && e.run.actionExecutionId(stage.name(), a.name()) == null)) {
                return startGroup(tx, e, pipeline, stage, state); // a retried stage runs its actions again
            }
            List<ActionExecutionDetail> group = group(tx, e, stage, e.run.runOrder());
            boolean running = group.stream().anyMatch(a -> a.status() == ActionExecutionStatus.IN_PROGRESS);
            if (running) {
                return state;
            }
            if (e.run.stop() != ExecutionRun.Stop.NONE) {
                e.status(PipelineExecutionStatus.STOPPED, "Stopped: " + Objects.requireNonNullElse(
                        e.summary.stopTrigger() == null ? null : e.summary.stopTrigger().reason(), "by a user"), now());
                return release(tx, e, stage.name(), StageExecutionStatus.STOPPED, state);
            }
            Optional<ActionExecutionDetail> failed = group.stream().filter(a -> a.status() != ActionExecutionStatus.SUCCEEDED)
                    .findFirst();
            if (failed.isPresent()) {
                e.status(PipelineExecutionStatus.FAILED, "Failed in stage " + stage.name() + ": action "
                        + failed.get().actionName() + " did not succeed", now());
                return release(tx, e, stage.name(), StageExecutionStatus.FAILED, state);
            }
            Optional<Integer> next = runOrders(stage).stream().filter(r -> r > e.run.runOrder()).findFirst();
            if (next.isPresent()) {
                e.run = e.run.at(e.run.stage(), next.get());
                return startGroup(tx, e, pipeline, stage, state);
            }
            state = release(tx, e, stage.name(), StageExecutionStatus.SUCCEEDED, state);
            if (e.run.stage() == pipeline.stages().size() - 1) {
                e.status(PipelineExecutionStatus.SUCCEEDED, null, now());
                return state;
            }
            e.run = e.run.at(e.run.stage() + 1, 0);
        }
    }

    /**
     * Enters a stage if its inbound transition is enabled and no other execution holds it (PARALLEL
     * executions hold nothing); else the execution waits in front of it, superseding an older one
     * waiting there in SUPERSEDED mode, or queueing behind it in QUEUED mode. A QUEUED execution
     * enters only from the head of the queue and keeps its place while it waits, so none overtakes
     * one that started before it (see {@link #queueAtStart}).
     */
    private PipelineState enter(Tx tx, Execution e, PipelineDeclaration pipeline, int index, PipelineState state) {
        StageDeclaration stage = pipeline.stages().get(index);
        ExecutionMode mode = e.summary.executionMode() == null ? ExecutionMode.SUPERSEDED : e.summary.executionMode();
        List<StageExecution> waiting = state.waiting(stage.name());
        boolean first = waiting.isEmpty() || waiting.getFirst().pipelineExecutionId().equals(e.id());
        boolean free = state.transitionEnabled(stage.name()) && (mode == ExecutionMode.PARALLEL
                || (!state.heldByAnother(stage.name(), e.id()) && (mode != ExecutionMode.QUEUED || first)));
        e.run = e.run.at(index, 0);
        if (!free) {
            if (mode == ExecutionMode.SUPERSEDED) {
                for (StageExecution older : waiting) {
                    if (!older.pipelineExecutionId().equals(e.id())) {
                        supersede(tx, e.ns, older.pipelineExecutionId(), e.id());
                    }
                }
                state = state.withWaiting(stage.name(), List.of());
            }
            return state.waitingFor(stage.name(), e.id());
        }
        state = state.withoutWaiting(stage.name(), e.id()).withLatest(stage.name(), e.id(), StageExecutionStatus.IN_PROGRESS);
        e.run = e.run.at(index, runOrders(stage).getFirst());
        return startGroup(tx, e, pipeline, stage, state);
    }

    /**
     * QUEUED: a new execution takes its place in front of the first stage in the transaction that
     * starts it. Its first step is a work item that may run after the step of an execution started
     * later; holding the place keeps them in the order they started, as AWS runs queued executions.
     */
    void queueAtStart(Tx tx, Namespace ns, PipelineDeclaration pipeline, String executionId) {
        if (pipeline.executionMode() != ExecutionMode.QUEUED) {
            return;
        }
        Versioned<GetPipelineStateOutput> stored = state(tx, ns, pipeline);
        PipelineState state = new PipelineState(stored.value()).syncedTo(pipeline);
        saveState(tx, ns, stored, state.waitingFor(pipeline.stages().getFirst().name(), executionId));
    }

    private void supersede(Tx tx, Namespace ns, String executionId, String by) {
        Execution.load(tx, store, ns, executionId).filter(x -> !x.isDone()).ifPresent(x -> {
            x.status(PipelineExecutionStatus.SUPERSEDED, "Superseded by " + by, now());
            x.save(tx, store);
        });
    }

    private PipelineState startGroup(Tx tx, Execution e, PipelineDeclaration pipeline, StageDeclaration stage,
                                     PipelineState state) {
        for (ActionDeclaration a : stage.actions()) {
            if (runOrder(a) == e.run.runOrder() && e.run.actionExecutionId(stage.name(), a.name()) == null) {
                state = actions.start(tx, e, pipeline, stage, a, state);
            }
        }
        schedule(tx, e.ns, e.id()); // an action may have ended as it started (a bad variable, an unsupported type)
        return state;
    }

    /** Ends the execution's hold on a stage and lets in the execution waiting in front of it. */
    private PipelineState release(Tx tx, Execution e, String stageName, StageExecutionStatus status, PipelineState state) {
        state = state.withLatest(stageName, e.id(), status);
        wakeWaiting(tx, e.ns, state, stageName);
        return state;
    }

    void wakeWaiting(Tx tx, Namespace ns, PipelineState state, String stageName) {
        List<StageExecution> waiting = state.waiting(stageName);
        if (!waiting.isEmpty()) {
            schedule(tx, ns, waiting.getFirst().pipelineExecutionId());
        }
    }

    /** The latest execution of each action of a runOrder group in this execution. */
    List<ActionExecutionDetail> group(Tx tx, Execution e, StageDeclaration stage, int runOrder) {
        List<ActionExecutionDetail> out = new ArrayList<>();
        for (ActionDeclaration a : stage.actions()) {
            if (runOrder(a) != runOrder) {
                continue;
            }
            String id = e.run.actionExecutionId(stage.name(), a.name());
            if (id != null) {
                store.get(tx, ActionStarts.ACTION, e.ns, id).map(Versioned::value).ifPresent(out::add);
            }
        }
        return out;
    }

    static int runOrder(ActionDeclaration a) {
        return a.runOrder() == null ? 1 : a.runOrder();
    }

    static List<Integer> runOrders(StageDeclaration stage) {
        return stage.actions().stream().map(ExecutionEngine::runOrder).distinct().sorted().toList();
    }

    // ---- action outcomes ----

    /** An action ended: its execution, the pipeline's state and the execution's outputs change together. */
    void actionEnded(Tx tx, Namespace ns, String actionExecutionId, ActionOutcome outcome) {
        Optional<Versioned<ActionExecutionDetail>> stored = store.get(tx, ActionStarts.ACTION, ns, actionExecutionId);
        if (stored.isEmpty() || stored.get().value().status() != ActionExecutionStatus.IN_PROGRESS) {
            return;
        }
        ActionExecutionDetail detail = stored.get().value();
        Optional<Execution> found = Execution.load(tx, store, ns, detail.pipelineExecutionId());
        if (found.isEmpty()) {
            return;
        }
        Execution e = found.get();
        ActionExecutionDetail ended = outcome.applyTo(detail, now());
        store.replace(tx, ActionStarts.ACTION, ns, actionExecutionId, stored.get(), ended);
        actions.cancelTimeout(tx, actionExecutionId);
        if (outcome.status() == ActionExecutionStatus.SUCCEEDED) {
            e.run = e.run.withOutputs(outcome.namespacedVariables(detail.input() == null ? null : detail.input().namespace()),
                    outcome.artifacts(), outcome.revision() == null ? null : outcome.revision().revisionId());
        }
        definitions.declaration(tx, ns, e.run.pipelineName()).ifPresent(p -> {
            Versioned<GetPipelineStateOutput> st = state(tx, ns, p);
            PipelineState updated = new PipelineState(st.value()).syncedTo(p).withAction(detail.stageName(),
                    detail.actionName(), outcome.latest(actionExecutionId, new PipelineState(st.value())
                            .latest(detail.stageName(), detail.actionName()).orElse(null), now()), outcome.revision());
            saveState(tx, ns, st, updated);
        });
        e.save(tx, store);
        schedule(tx, ns, e.id());
    }

    @Override
    public void succeeded(Tx tx, Namespace ns, JobRecord job, Success success) {
        if (success.continuationToken().isPresent()) {
            actions.continueJob(tx, ns, job, success);
            return;
        }
        actionEnded(tx, ns, job.actionExecutionId(), ActionOutcome.succeeded(job, success));
    }

    @Override
    public void failed(Tx tx, Namespace ns, JobRecord job, FailureDetails failure) {
        actionEnded(tx, ns, job.actionExecutionId(), ActionOutcome.failed(new ErrorDetails(failure.type().value(),
                failure.message())));
    }

    /** Ends the execution's in-progress actions as Abandoned (StopPipelineExecution with abandon). */
    void abandon(Tx tx, Namespace ns, String executionId) {
        List<String> running = store.list(tx, ActionStarts.ACTION, ns, Optional.of(executionId), Optional.empty(), 10_000)
                .items().stream().map(k -> k.value()).filter(a -> a.status() == ActionExecutionStatus.IN_PROGRESS)
                .map(ActionExecutionDetail::actionExecutionId).toList();
        for (String id : running) {
            actions.cancelJobs(tx, ns, id, JobStatus.FAILED);
            actionEnded(tx, ns, id, ActionOutcome.abandoned());
        }
    }
}
