package io.slipway.codepipeline.job;

import io.slipway.model.codepipeline.JobData;

/**
 * A stored job as the engine sees it when its result comes in. The job store keeps more (status,
 * nonce, client id, timestamps); these are the fields the engine needs to find and continue the
 * action.
 */
public record JobRecord(String jobId, JobData data, String pipelineName, String pipelineExecutionId,
                        String actionExecutionId) {
}
