package io.slipway.codepipeline.execution;

import io.slipway.core.codec.DocumentType;
import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.ActionExecution;
import io.slipway.model.codepipeline.ActionRevision;
import io.slipway.model.codepipeline.ActionState;
import io.slipway.model.codepipeline.CodePipelineModel;
import io.slipway.model.codepipeline.GetPipelineStateOutput;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.StageDeclaration;
import io.slipway.model.codepipeline.StageExecution;
import io.slipway.model.codepipeline.StageExecutionStatus;
import io.slipway.model.codepipeline.StageState;
import io.slipway.model.codepipeline.TransitionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A pipeline's state as GetPipelineState shows it, kept as one document the engine changes in the
 * same transaction as the executions: each stage's latest execution (which holds the stage while
 * it runs), the executions waiting to enter it, its inbound transition, and each action's latest
 * execution and revision.
 */
record PipelineState(GetPipelineStateOutput value) {
    static final DocumentType<GetPipelineStateOutput> TYPE = new DocumentType<>("codepipeline.pipeline-state",
            CodePipelineModel.MODEL.shape("GetPipelineStateOutput"), GetPipelineStateOutput::fromDocument);

    /** A pipeline no execution has run yet: every transition enabled, no latest executions. */
    static PipelineState of(PipelineDeclaration pipeline) {
        List<StageState> stages = pipeline.stages().stream().map(PipelineState::emptyStage).toList();
        return new PipelineState(GetPipelineStateOutput.builder().pipelineName(pipeline.name())
                .pipelineVersion(pipeline.version()).stageStates(stages).build());
    }

    private static StageState emptyStage(StageDeclaration s) {
        return StageState.builder().stageName(s.name())
                .inboundTransitionState(TransitionState.builder().enabled(true).build())
                .actionStates(s.actions().stream().map(a -> ActionState.builder().actionName(a.name()).build()).toList())
                .inboundExecutions(List.of()).build();
    }

    /** The state after the pipeline's definition changed: stages and actions matched by name keep theirs. */
    PipelineState syncedTo(PipelineDeclaration pipeline) {
        if (pipeline.version().equals(value.pipelineVersion())) {
            return this;
        }
        List<StageState> stages = new ArrayList<>();
        for (StageDeclaration s : pipeline.stages()) {
            StageState old = stage(s.name()).orElse(null);
            if (old == null) {
                stages.add(emptyStage(s));
                continue;
            }
            List<ActionState> actions = new ArrayList<>();
            for (ActionDeclaration a : s.actions()) {
                actions.add(old.actionStates().stream().filter(x -> x.actionName().equals(a.name())).findFirst()
                        .orElse(ActionState.builder().actionName(a.name()).build()));
            }
            stages.add(old.toBuilder().actionStates(actions).build());
        }
        return new PipelineState(value.toBuilder().pipelineVersion(pipeline.version()).stageStates(stages).build());
    }

    Optional<StageState> stage(String name) {
        return value.stageStates().stream().filter(s -> s.stageName().equals(name)).findFirst();
    }

    PipelineState withStage(String name, UnaryOperator<StageState> change) {
        return new PipelineState(value.toBuilder().stageStates(value.stageStates().stream()
                .map(s -> s.stageName().equals(name) ? change.apply(s) : s).toList()).build());
    }

    PipelineState withAction(String stageName, String actionName, ActionExecution latest, ActionRevision revision) {
        return withStage(stageName, s -> s.toBuilder().actionStates(s.actionStates().stream()
                .map(a -> a.actionName().equals(actionName) ? a.toBuilder().latestExecution(latest)
                        .currentRevision(revision != null ? revision : a.currentRevision()).build() : a)
                .toList()).build());
    }

    Optional<ActionExecution> latest(String stageName, String actionName) {
        return stage(stageName).flatMap(s -> s.actionStates().stream().filter(a -> a.actionName().equals(actionName))
                .findFirst()).map(ActionState::latestExecution);
    }

    /** The execution holding the stage (running or stopping in it), if another one than {@code executionId}. */
    boolean heldByAnother(String stageName, String executionId) {
        StageExecution latest = stage(stageName).map(StageState::latestExecution).orElse(null);
        return latest != null && !latest.pipelineExecutionId().equals(executionId)
                && (latest.status() == StageExecutionStatus.IN_PROGRESS || latest.status() == StageExecutionStatus.STOPPING);
    }

    boolean transitionEnabled(String stageName) {
        return stage(stageName).map(s -> s.inboundTransitionState() == null
                || !Boolean.FALSE.equals(s.inboundTransitionState().enabled())).orElse(true);
    }

    List<StageExecution> waiting(String stageName) {
        return stage(stageName).map(s -> s.inboundExecutions() == null ? List.<StageExecution>of() : s.inboundExecutions())
                .orElse(List.of());
    }

    /**
     * The execution waiting in front of the stage: it keeps its place if it already waits there,
     * else it joins at the end (executions reach a stage in the order they left the one before it).
     */
    PipelineState waitingFor(String stageName, String executionId) {
        List<StageExecution> waiting = new ArrayList<>(waiting(stageName));
        if (waiting.stream().anyMatch(w -> w.pipelineExecutionId().equals(executionId))) {
            return this;
        }
        waiting.add(StageExecution.builder().pipelineExecutionId(executionId).status(StageExecutionStatus.IN_PROGRESS)
                .type(io.slipway.model.codepipeline.ExecutionType.STANDARD).build());
        return withWaiting(stageName, waiting);
    }

    /** The stage's waiting executions without this one (it entered the stage, or stopped). */
    PipelineState withoutWaiting(String stageName, String executionId) {
        List<StageExecution> waiting = new ArrayList<>(waiting(stageName));
        waiting.removeIf(w -> w.pipelineExecutionId().equals(executionId));
        return withWaiting(stageName, waiting);
    }

    PipelineState withWaiting(String stageName, List<StageExecution> waiting) {
        return withStage(stageName, s -> s.toBuilder().inboundExecutions(waiting)
                .inboundExecution(waiting.isEmpty() ? null : waiting.getLast()).build());
    }

    PipelineState withLatest(String stageName, String executionId, StageExecutionStatus status) {
        return withStage(stageName, s -> s.toBuilder().latestExecution(StageExecution.builder()
                .pipelineExecutionId(executionId).status(status).type(io.slipway.model.codepipeline.ExecutionType.STANDARD)
                .build()).build());
    }
}
