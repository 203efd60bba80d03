package io.slipway.codepipeline.execution;

import io.slipway.codepipeline.pipeline.PipelineChanges;
import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.ActionExecutionDetail;
import io.slipway.model.codepipeline.ActionExecutionStatus;
import io.slipway.model.codepipeline.ApprovalResult;
import io.slipway.model.codepipeline.ApprovalStatus;
import io.slipway.model.codepipeline.ArtifactRevision;
import io.slipway.model.codepipeline.ErrorDetails;
import io.slipway.model.codepipeline.ExecutionMode;
import io.slipway.model.codepipeline.ExecutionTrigger;
import io.slipway.model.codepipeline.ExecutionType;
import io.slipway.model.codepipeline.GetPipelineStateOutput;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.PipelineExecution;
import io.slipway.model.codepipeline.PipelineExecutionStatus;
import io.slipway.model.codepipeline.PipelineExecutionSummary;
import io.slipway.model.codepipeline.PipelineVariable;
import io.slipway.model.codepipeline.PipelineVariableDeclaration;
import io.slipway.model.codepipeline.ResolvedPipelineVariable;
import io.slipway.model.codepipeline.StageDeclaration;
import io.slipway.model.codepipeline.StageExecutionStatus;
import io.slipway.model.codepipeline.StageRetryMode;
import io.slipway.model.codepipeline.StageTransitionType;
import io.slipway.model.codepipeline.StopExecutionTrigger;
import io.slipway.model.codepipeline.TransitionState;
import io.slipway.model.codepipeline.TriggerType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.model.codepipeline.CodePipelineErrors.*;

/**
 * The execution operations: start, stop, retry, read and list executions and action executions,
 * the pipeline's state, stage transitions and manual approvals.
 */
public final class Executions {
    private static final int MAX_RESULTS = 100;
    private final CodePipelineStore store;
    private final ExecutionEngine engine;
    private final PipelineDefinitions definitions;
    private final SlipwayClock clock;
    private final IdGenerator ids;

    public Executions(CodePipelineStore store, ExecutionEngine engine, PipelineDefinitions definitions, SlipwayClock clock,
                      IdGenerator ids) {
        this.store = store;
        this.engine = engine;
        this.definitions = definitions;
        this.clock = clock;
        this.ids = ids;
    }

    private PipelineDeclaration pipeline(Tx tx, Namespace ns, String name) {
        return definitions.declaration(tx, ns, name).orElseThrow(() -> PIPELINE_NOT_FOUND.exception("Account '"
                + ns.account() + "' does not have a pipeline with name '" + name + "'"));
    }

    private Execution execution(Tx tx, Namespace ns, String pipelineName, String executionId) {
        return Execution.load(tx, store, ns, executionId).filter(e -> e.run.pipelineName().equals(pipelineName))
                .orElseThrow(() -> PIPELINE_EXECUTION_NOT_FOUND.exception("Pipeline execution with id '" + executionId
                        + "' does not exist in pipeline with name '" + pipelineName + "'"));
    }

    // ---- start ----

    /** StartPipelineExecution: a client token given again answers the execution it started. */
    public String start(Namespace ns, String name, List<PipelineVariable> given, String clientToken) {
        return Retry.onConflict(() -> store.inTransaction(tx -> { // a QUEUED start changes the pipeline's state
            PipelineDeclaration p = pipeline(tx, ns, name);
            if (clientToken != null) {
                Optional<String> earlier = store.get(tx, Execution.SUMMARY, ns, tokenKey(name, clientToken))
                        .map(v -> v.value().pipelineExecutionId());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            PipelineExecutionSummary summary = start(tx, ns, p, given == null ? List.of() : given,
                    TriggerType.START_PIPELINE_EXECUTION);
            if (clientToken != null) {
                store.insert(tx, Execution.SUMMARY, ns, tokenKey(name, clientToken), Optional.empty(), summary);
            }
            return summary.pipelineExecutionId();
        }));
    }

    /** Starts an execution of the pipeline's version, in the caller's transaction. */
    PipelineExecutionSummary start(Tx tx, Namespace ns, PipelineDeclaration p, List<PipelineVariable> given,
                                   TriggerType trigger) {
        String id = ids.newId();
        Map<String, String> variables = new LinkedHashMap<>(pipelineVariables(p, given));
        variables.put("codepipeline.PipelineExecutionId", id);
        Instant now = clock.now();
        PipelineExecutionSummary summary = PipelineExecutionSummary.builder().pipelineExecutionId(id)
                .status(PipelineExecutionStatus.IN_PROGRESS).startTime(now).lastUpdateTime(now)
                .trigger(new ExecutionTrigger(trigger, null))
                .executionMode(p.executionMode() == null ? ExecutionMode.SUPERSEDED : p.executionMode())
                .executionType(ExecutionType.STANDARD).build();
        Execution.insert(tx, store, ns, summary, new ExecutionRun(id, p.name(), p.version(), 0, 0, ExecutionRun.Stop.NONE,
                variables, Map.of(), Map.of(), Map.of()));
        engine.queueAtStart(tx, ns, p, id);
        engine.schedule(tx, ns, id);
        return summary;
    }

    /**
     * A pipeline's first execution when it is created, as on AWS; executions still running on an
     * older version when the pipeline is updated are Cancelled, their actions abandoned.
     */
    public PipelineChanges triggers() {
        return new PipelineChanges() {
            @Override
            public void created(Tx tx, Namespace ns, PipelineDeclaration pipeline) {
                start(tx, ns, pipeline, List.of(), TriggerType.CREATE_PIPELINE);
            }

            @Override
            public void updated(Tx tx, Namespace ns, PipelineDeclaration previous, PipelineDeclaration current) {
                for (PipelineExecutionSummary s : newestFirst(tx, ns, current.name())) {
                    if (s.status() == PipelineExecutionStatus.IN_PROGRESS || s.status() == PipelineExecutionStatus.STOPPING) {
                        cancel(tx, ns, previous, s.pipelineExecutionId());
                    }
                }
            }
        };
    }

    private void cancel(Tx tx, Namespace ns, PipelineDeclaration previous, String executionId) {
        engine.abandon(tx, ns, executionId);
        Execution e = Execution.load(tx, store, ns, executionId).orElseThrow();
        var stored = engine.state(tx, ns, previous);
        PipelineState state = new PipelineState(stored.value());
        String stage = previous.stages().get(e.run.stage()).name();
        state = state.withoutWaiting(stage, executionId);
        if (e.run.runOrder() != 0) {
            state = state.withLatest(stage, executionId, StageExecutionStatus.CANCELLED);
        }
        e.status(PipelineExecutionStatus.CANCELLED, "The pipeline was updated while this execution ran", clock.now());
        e.save(tx, store);
        engine.saveState(tx, ns, stored, state);
    }

    private static String tokenKey(String pipeline, String clientToken) {
        return "client-token/" + pipeline + "/" + clientToken;
    }

    /** A V2 pipeline's variables: each declared one given a value here or by its default. */
    private static Map<String, String> pipelineVariables(PipelineDeclaration p, List<PipelineVariable> given) {
        List<PipelineVariableDeclaration> declared = p.variables() == null ? List.of() : p.variables();
        Map<String, String> out = new LinkedHashMap<>();
        for (PipelineVariable v : given) {
            if (declared.stream().noneMatch(d -> d.name().equals(v.name()))) {
                throw VALIDATION.exception("Variable '" + v.name() + "' is not declared in pipeline '" + p.name() + "'");
            }
            if (out.put("variables." + v.name(), v.value()) != null) {
                throw VALIDATION.exception("Variable '" + v.name() + "' is given more than once");
            }
        }
        for (PipelineVariableDeclaration d : declared) {
            if (!out.containsKey("variables." + d.name())) {
                if (d.defaultValue() == null) {
                    throw VALIDATION.exception("Variable '" + d.name() + "' has no default value and was not given");
                }
                out.put("variables." + d.name(), d.defaultValue());
            }
        }
        return out;
    }

    // ---- reading ----

    public PipelineExecution get(Namespace ns, String name, String executionId) {
        return store.inTransaction(tx -> {
            pipeline(tx, ns, name);
            Execution e = execution(tx, ns, name, executionId);
            List<ResolvedPipelineVariable> variables = e.run.variables().entrySet().stream()
                    .filter(v -> v.getKey().startsWith("variables."))
                    .map(v -> new ResolvedPipelineVariable(v.getKey().substring("variables.".length()), v.getValue())).toList();
            List<ArtifactRevision> revisions = e.run.revisions().entrySet().stream().map(r -> ArtifactRevision.builder()
                    .name(r.getKey()).revisionId(r.getValue()).build()).toList();
            PipelineExecutionSummary s = e.summary;
            return PipelineExecution.builder().pipelineName(name).pipelineVersion(e.run.pipelineVersion())
                    .pipelineExecutionId(executionId).status(s.status()).statusSummary(s.statusSummary())
                    .artifactRevisions(revisions).variables(variables).trigger(s.trigger()).executionMode(s.executionMode())
                    .executionType(s.executionType()).build();
        });
    }

    public record Page<T>(List<T> items, String nextToken) {
    }

    /** ListPipelineExecutions: newest first; the token names the last execution given. */
    public Page<PipelineExecutionSummary> list(Namespace ns, String name, Integer maxResults, String nextToken) {
        return store.inTransaction(tx -> {
            pipeline(tx, ns, name);
            return page(newestFirst(tx, ns, name), maxResults, nextToken, "executions/" + name,
                    PipelineExecutionSummary::pipelineExecutionId);
        });
    }

    private List<PipelineExecutionSummary> newestFirst(Tx tx, Namespace ns, String name) {
        return store.list(tx, Execution.SUMMARY, ns, Optional.of(name), Optional.empty(), 10_000).items().stream()
                .map(k -> k.value()).sorted(Comparator.comparing(PipelineExecutionSummary::startTime).reversed()
                        .thenComparing(PipelineExecutionSummary::pipelineExecutionId)).toList();
    }

    private static <T> Page<T> page(List<T> all, Integer maxResults, String nextToken, String list,
                                    java.util.function.Function<T, String> id) {
        int size = maxResults == null ? MAX_RESULTS : maxResults;
        int from = 0;
        if (nextToken != null) {
            String after = PageToken.decode(list, nextToken).orElseThrow(() ->
                    INVALID_NEXT_TOKEN.exception("The next token is not valid"));
            from = 1 + indexOf(all, id, after);
        }
        List<T> items = all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()));
        boolean more = from + size < all.size();
        return new Page<>(items, more ? PageToken.encode(list, id.apply(items.getLast())) : null);
    }

    private static <T> int indexOf(List<T> all, java.util.function.Function<T, String> id, String wanted) {
        for (int i = 0; i < all.size(); i++) {
            if (id.apply(all.get(i)).equals(wanted)) {
                return i;
            }
        }
        throw INVALID_NEXT_TOKEN.exception("The next token is not valid");
    }

    /** ListActionExecutions: newest first, for one execution or the whole pipeline. */
    public Page<ActionExecutionDetail> listActions(Namespace ns, String name, String executionId, Integer maxResults,
                                                   String nextToken) {
        return store.inTransaction(tx -> {
            pipeline(tx, ns, name);
            List<String> executions = executionId != null ? List.of(execution(tx, ns, name, executionId).id())
                    : newestFirst(tx, ns, name).stream().map(PipelineExecutionSummary::pipelineExecutionId).toList();
            List<ActionExecutionDetail> all = new ArrayList<>();
            for (String id : executions) {
                store.list(tx, ActionStarts.ACTION, ns, Optional.of(id), Optional.empty(), 10_000).items()
                        .forEach(k -> all.add(k.value()));
            }
            all.sort(Comparator.comparing(ActionExecutionDetail::startTime).reversed()
                    .thenComparing(ActionExecutionDetail::actionExecutionId));
            return page(all, maxResults, nextToken, "action-executions/" + name, ActionExecutionDetail::actionExecutionId);
        });
    }

    /** GetPipelineState, with the pipeline's own version and times. */
    public GetPipelineStateOutput state(Namespace ns, String name) {
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            PipelineDeclaration p = pipeline(tx, ns, name);
            var meta = definitions.metadata(tx, ns, name);
            GetPipelineStateOutput state = new PipelineState(engine.state(tx, ns, p).value()).syncedTo(p).value();
            return state.toBuilder().created(meta.map(m -> m.created()).orElse(null))
                    .updated(meta.map(m -> m.updated()).orElse(null)).build();
        }));
    }

    // ---- stop and retry ----

    /**
     * StopPipelineExecution: the execution is Stopping until its running actions end (or, with
     * abandon, at once: they are Abandoned). A second stop-and-wait, or any stop after an abandon,
     * is a duplicate; an abandon after a stop-and-wait is allowed.
     */
    public String stop(Namespace ns, String name, String executionId, boolean abandon, String reason) {
        Retry.onConflict(() -> store.inTransaction(tx -> {
            pipeline(tx, ns, name);
            Execution e = execution(tx, ns, name, executionId);
            if (e.summary.status() == PipelineExecutionStatus.STOPPING) {
                if (!abandon || e.run.stop() == ExecutionRun.Stop.ABANDON) {
                    throw DUPLICATED_STOP_REQUEST.exception("Execution " + executionId + " is already being stopped");
                }
            } else if (e.summary.status() != PipelineExecutionStatus.IN_PROGRESS) {
                throw PIPELINE_EXECUTION_NOT_STOPPABLE.exception("Execution " + executionId + " is " + e.summary.status().value()
                        + " and cannot be stopped");
            }
            if (abandon) {
                engine.abandon(tx, ns, executionId);
            }
            Execution fresh = execution(tx, ns, name, executionId);
            fresh.run = fresh.run.stopping(abandon ? ExecutionRun.Stop.ABANDON : ExecutionRun.Stop.STOP);
            fresh.summary = fresh.summary.toBuilder().status(PipelineExecutionStatus.STOPPING)
                    .stopTrigger(new StopExecutionTrigger(reason)).lastUpdateTime(clock.now()).build();
            PipelineDeclaration p = pipeline(tx, ns, name);
            var stored = engine.state(tx, ns, p);
            PipelineState state = new PipelineState(stored.value()).syncedTo(p);
            String stage = p.stages().get(fresh.run.stage()).name();
            if (fresh.run.runOrder() == 0) { // waiting in front of a stage: it just leaves the queue
                state = state.withoutWaiting(stage, executionId);
                fresh.status(PipelineExecutionStatus.STOPPED, reason, clock.now());
                engine.wakeWaiting(tx, ns, state, stage); // the stage may be free: the next in line must not wait for it
            } else {
                state = state.withLatest(stage, executionId, StageExecutionStatus.STOPPING);
            }
            fresh.save(tx, store);
            engine.saveState(tx, ns, stored, state);
            engine.schedule(tx, ns, executionId);
            return null;
        }));
        return executionId;
    }

    /**
     * RetryStageExecution: the same execution runs the stage's failed actions again (FAILED_ACTIONS,
     * from the first runOrder group holding one) or all of them (ALL_ACTIONS), provided it is the
     * latest execution to have entered that stage.
     */
    public String retry(Namespace ns, String name, String stageName, String executionId, StageRetryMode mode) {
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            PipelineDeclaration p = pipeline(tx, ns, name);
            int index = stageIndex(p, stageName);
            Execution e = execution(tx, ns, name, executionId);
            if ((e.summary.status() != PipelineExecutionStatus.FAILED && e.summary.status() != PipelineExecutionStatus.STOPPED)
                    || e.run.stage() != index || e.run.pipelineVersion() != p.version()) {
                throw STAGE_NOT_RETRYABLE.exception("Stage " + stageName + " of execution " + executionId
                        + " did not fail or stop, or the pipeline has changed since");
            }
            var stored = engine.state(tx, ns, p);
            PipelineState state = new PipelineState(stored.value()).syncedTo(p);
            var latest = state.stage(stageName).map(s -> s.latestExecution()).orElse(null);
            if (latest == null || !latest.pipelineExecutionId().equals(executionId)) {
                throw NOT_LATEST_PIPELINE_EXECUTION.exception("Execution " + executionId
                        + " is not the latest execution in stage " + stageName);
            }
            StageDeclaration stage = p.stages().get(index);
            int from = Integer.MAX_VALUE;
            ExecutionRun run = e.run;
            for (ActionDeclaration a : stage.actions()) {
                String actionExecution = run.actionExecutionId(stageName, a.name());
                boolean succeeded = actionExecution != null && store.get(tx, ActionStarts.ACTION, ns, actionExecution)
                        .map(v -> v.value().status() == ActionExecutionStatus.SUCCEEDED).orElse(false);
                if (mode == StageRetryMode.ALL_ACTIONS || !succeeded) {
                    run = run.withoutAction(stageName, a.name());
                    from = Math.min(from, ExecutionEngine.runOrder(a));
                }
            }
            e.run = run.stopping(ExecutionRun.Stop.NONE).at(index, from == Integer.MAX_VALUE
                    ? ExecutionEngine.runOrders(stage).getFirst() : from);
            e.summary = e.summary.toBuilder().status(PipelineExecutionStatus.IN_PROGRESS).statusSummary(null)
                    .stopTrigger(null).lastUpdateTime(clock.now()).build();
            e.save(tx, store);
            engine.saveState(tx, ns, stored, state.withLatest(stageName, executionId, StageExecutionStatus.IN_PROGRESS));
            engine.schedule(tx, ns, executionId);
            return executionId;
        }));
    }

    private static int stageIndex(PipelineDeclaration p, String stageName) {
        for (int i = 0; i < p.stages().size(); i++) {
            if (p.stages().get(i).name().equals(stageName)) {
                return i;
            }
        }
        throw STAGE_NOT_FOUND.exception("Stage '" + stageName + "' does not exist in pipeline '" + p.name() + "'");
    }

    // ---- transitions ----

    /**
     * Disable/EnableStageTransition. An outbound transition of a stage is the next stage's inbound
     * one. Enabling lets in the execution waiting in front of the stage.
     */
    public void transition(Namespace ns, String name, String stageName, StageTransitionType type, boolean enabled,
                           String reason) {
        Retry.onConflict(() -> store.inTransaction(tx -> {
            PipelineDeclaration p = pipeline(tx, ns, name);
            int index = stageIndex(p, stageName) + (type == StageTransitionType.OUTBOUND ? 1 : 0);
            if (index >= p.stages().size()) {
                throw VALIDATION.exception("Stage '" + stageName + "' is the last stage and has no outbound transition");
            }
            String target = p.stages().get(index).name();
            var stored = engine.state(tx, ns, p);
            PipelineState state = new PipelineState(stored.value()).syncedTo(p).withStage(target, s -> s.toBuilder()
                    .inboundTransitionState(TransitionState.builder().enabled(enabled).lastChangedAt(clock.now())
                            .lastChangedBy("arn:aws:iam::" + ns.account() + ":root")
                            .disabledReason(enabled ? null : reason).build()).build());
            engine.saveState(tx, ns, stored, state);
            if (enabled) {
                engine.wakeWaiting(tx, ns, state, target);
            }
            return null;
        }));
    }

    // ---- approvals ----

    /** PutApprovalResult: Approved ends the manual approval action as Succeeded, Rejected as Failed. */
    public Instant approve(Namespace ns, String name, String stageName, String actionName, ApprovalResult result,
                           String token) {
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            PipelineDeclaration p = pipeline(tx, ns, name);
            StageDeclaration stage = p.stages().get(stageIndex(p, stageName));
            stage.actions().stream().filter(a -> a.name().equals(actionName)).findFirst().orElseThrow(() ->
                    ACTION_NOT_FOUND.exception("Action '" + actionName + "' does not exist in stage '" + stageName + "'"));
            var latest = new PipelineState(engine.state(tx, ns, p).value()).latest(stageName, actionName).orElse(null);
            if (latest == null || latest.status() != ActionExecutionStatus.IN_PROGRESS || latest.token() == null) {
                throw APPROVAL_ALREADY_COMPLETED.exception("The approval for action '" + actionName
                        + "' has already been completed or is not waiting for an answer");
            }
            if (!latest.token().equals(token)) {
                throw INVALID_APPROVAL_TOKEN.exception("The token " + token + " is not valid for action '" + actionName + "'");
            }
            Instant now = clock.now();
            String summary = result.summary();
            engine.actionEnded(tx, ns, latest.actionExecutionId(), result.status() == ApprovalStatus.APPROVED
                    ? ActionOutcome.succeeded(summary, null, Map.of(), Map.of(), null)
                    : ActionOutcome.failed(new ErrorDetails("JobFailed", "Rejected" + (summary == null || summary.isEmpty()
                            ? "" : ": " + summary))));
            return now;
        }));
    }
}
