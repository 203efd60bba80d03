package io.slipway.codepipeline.pipeline;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codepipeline.PipelineDeclaration;

/**
 * What the execution engine hears of pipeline definitions, in the transaction that changes them
 * (so the work it causes commits with the change): AWS starts an execution when a pipeline is
 * created, and an update or a delete concerns the executions in progress.
 */
public interface PipelineChanges {
    /** Hears nothing: for a service assembled without an engine. */
    PipelineChanges NONE = new PipelineChanges() {
    };

    /** Passes each change on to what {@code target} gives at that time: for a listener built after the pipelines. */
    static PipelineChanges relay(java.util.function.Supplier<PipelineChanges> target) {
        return new PipelineChanges() {
            @Override
            public void created(Tx tx, Namespace ns, PipelineDeclaration pipeline) {
                target.get().created(tx, ns, pipeline);
            }

            @Override
            public void updated(Tx tx, Namespace ns, PipelineDeclaration previous, PipelineDeclaration current) {
                target.get().updated(tx, ns, previous, current);
            }

            @Override
            public void deleted(Tx tx, Namespace ns, String name) {
                target.get().deleted(tx, ns, name);
            }
        };
    }

    /** A new pipeline, version 1, secrets included. */
    default void created(Tx tx, Namespace ns, PipelineDeclaration pipeline) {
    }

    /** A new version of a pipeline; {@code previous} is the version it replaces. */
    default void updated(Tx tx, Namespace ns, PipelineDeclaration previous, PipelineDeclaration current) {
    }

    /** A pipeline deleted with all its versions. */
    default void deleted(Tx tx, Namespace ns, String name) {
    }
}
