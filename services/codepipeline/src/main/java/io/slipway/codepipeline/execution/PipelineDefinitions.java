package io.slipway.codepipeline.execution;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.PipelineMetadata;

import java.util.Optional;

/** What the engine reads of pipeline definitions and action types (their owners keep them). */
public interface PipelineDefinitions {

    /** The pipeline's latest version. */
    Optional<PipelineDeclaration> declaration(Tx tx, Namespace ns, String name);

    /** One version of the pipeline, as an execution that started on it runs it. */
    Optional<PipelineDeclaration> declaration(Tx tx, Namespace ns, String name, int version);

    /** The pipeline's ARN, creation and update times. */
    Optional<PipelineMetadata> metadata(Tx tx, Namespace ns, String name);

    /** The name of the action type's queryable configuration property, if it has one. */
    Optional<String> queryableProperty(Tx tx, Namespace ns, ActionTypeId type);
}
