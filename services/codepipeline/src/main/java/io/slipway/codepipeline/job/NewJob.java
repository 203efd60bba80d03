package io.slipway.codepipeline.job;

import io.slipway.model.codepipeline.JobData;

import java.time.Instant;
import java.util.Optional;

/**
 * A job the engine asks for when an execution reaches an action that a job carries out: a custom or
 * third-party action (workers poll for it) or a Lambda invoke (its function is called with it).
 *
 * @param data          what GetJobDetails answers: type, resolved configuration, pipeline context,
 *                      input and output artifacts, artifact credentials, continuation token
 * @param actionExecutionId the action execution the job belongs to (a continuation keeps it)
 * @param queryValue    the value of the action type's queryable property in this action, if it has one
 * @param pollable      whether PollForJobs / PollForThirdPartyJobs hand it out (Custom and ThirdParty owners)
 * @param timeoutAt     when the action times out (the engine fails the action then and cancels the job)
 */
public record NewJob(JobData data, String pipelineName, String pipelineExecutionId, String actionExecutionId,
                     Optional<String> queryValue, boolean pollable, Instant timeoutAt) {
}
