package io.slipway.codepipeline;

import io.slipway.model.codepipeline.CodePipelineHandler;

/**
 * The CodePipeline operations Slipway serves: each maps its input to a domain call and back.
 * Sections: pipelines, action types, tags (pipeline definitions); executions and state; jobs.
 */
public final class CodePipelineApi implements CodePipelineHandler {
}
