package io.slipway.codepipeline.execution;

import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codepipeline.CodePipelineModel;
import io.slipway.model.codepipeline.PipelineExecutionStatus;
import io.slipway.model.codepipeline.PipelineExecutionSummary;

import java.time.Instant;
import java.util.Optional;

/**
 * One pipeline execution as a transaction changes it: the summary AWS lists (status, times,
 * trigger, mode; stored under the pipeline's name) and the engine's {@link ExecutionRun}, read
 * together and written back with optimistic version checks.
 */
final class Execution {
    static final DocumentType<PipelineExecutionSummary> SUMMARY = new DocumentType<>("codepipeline.execution",
            CodePipelineModel.MODEL.shape("PipelineExecutionSummary"), PipelineExecutionSummary::fromDocument);

    final Namespace ns;
    private final Versioned<PipelineExecutionSummary> storedSummary;
    private final Versioned<ExecutionRun> storedRun;
    PipelineExecutionSummary summary;
    ExecutionRun run;

    private Execution(Namespace ns, Versioned<PipelineExecutionSummary> summary, Versioned<ExecutionRun> run) {
        this.ns = ns;
        this.storedSummary = summary;
        this.storedRun = run;
        this.summary = summary.value();
        this.run = run.value();
    }

    static Optional<Execution> load(Tx tx, CodePipelineStore store, Namespace ns, String executionId) {
        return store.get(tx, SUMMARY, ns, executionId).flatMap(s -> store.get(tx, ExecutionRun.TYPE, ns, executionId)
                .map(r -> new Execution(ns, s, r)));
    }

    static void insert(Tx tx, CodePipelineStore store, Namespace ns, PipelineExecutionSummary summary, ExecutionRun run) {
        store.insert(tx, SUMMARY, ns, summary.pipelineExecutionId(), Optional.of(run.pipelineName()), summary);
        store.insert(tx, ExecutionRun.TYPE, ns, run.executionId(), Optional.of(run.pipelineName()), run);
    }

    String id() {
        return run.executionId();
    }

    boolean isDone() {
        return switch (summary.status()) {
            case SUCCEEDED, FAILED, STOPPED, SUPERSEDED, CANCELLED -> true;
            default -> false;
        };
    }

    void status(PipelineExecutionStatus status, String statusSummary, Instant now) {
        summary = summary.toBuilder().status(status).statusSummary(statusSummary).lastUpdateTime(now).build();
    }

    void save(Tx tx, CodePipelineStore store) {
        store.replace(tx, SUMMARY, ns, id(), storedSummary, summary);
        store.replace(tx, ExecutionRun.TYPE, ns, id(), storedRun, run);
    }
}
