package io.slipway.codepipeline;

import io.slipway.codepipeline.actiontype.ActionTypes;
import io.slipway.codepipeline.execution.Executions;
import io.slipway.codepipeline.job.JobResults;
import io.slipway.codepipeline.job.Jobs;
import io.slipway.codepipeline.pipeline.Pipelines;
import io.slipway.codepipeline.tags.TaggedResources;
import io.slipway.core.Namespace;
import io.slipway.model.codepipeline.*;
import io.slipway.model.runtime.RequestContext;

/**
 * The CodePipeline operations Slipway serves: each maps its input to a domain call and back.
 * Sections: pipelines, action types, tags (pipeline definitions); executions and state; jobs.
 */
public final class CodePipelineApi implements CodePipelineHandler {
    private final Executions executions;
    private final Jobs jobs;
    private final Pipelines pipelines;
    private final ActionTypes actionTypes;
    private final TaggedResources tags;

    public CodePipelineApi(Executions executions, Jobs jobs, Pipelines pipelines, ActionTypes actionTypes, TaggedResources tags) {
        this.executions = executions;
        this.jobs = jobs;
        this.pipelines = pipelines;
        this.actionTypes = actionTypes;
        this.tags = tags;
    }

    // ---- pipelines ----

    @Override
    public CreatePipelineOutput createPipeline(CreatePipelineInput in, RequestContext ctx) {
        return pipelines.create(Namespace.of(ctx), in.pipeline(), in.tags());
    }

    @Override
    public GetPipelineOutput getPipeline(GetPipelineInput in, RequestContext ctx) {
        return pipelines.get(Namespace.of(ctx), in.name(), in.version());
    }

    @Override
    public UpdatePipelineOutput updatePipeline(UpdatePipelineInput in, RequestContext ctx) {
        return pipelines.update(Namespace.of(ctx), in.pipeline());
    }

    @Override
    public void deletePipeline(DeletePipelineInput in, RequestContext ctx) {
        pipelines.delete(Namespace.of(ctx), in.name());
    }

    @Override
    public ListPipelinesOutput listPipelines(ListPipelinesInput in, RequestContext ctx) {
        return pipelines.list(Namespace.of(ctx), in.nextToken(), in.maxResults());
    }

    // ---- action types ----

    @Override
    public CreateCustomActionTypeOutput createCustomActionType(CreateCustomActionTypeInput in, RequestContext ctx) {
        return actionTypes.create(Namespace.of(ctx), in);
    }

    @Override
    public void deleteCustomActionType(DeleteCustomActionTypeInput in, RequestContext ctx) {
        actionTypes.delete(Namespace.of(ctx), in.category(), in.provider(), in.version());
    }

    @Override
    public ListActionTypesOutput listActionTypes(ListActionTypesInput in, RequestContext ctx) {
        return actionTypes.list(Namespace.of(ctx), in.actionOwnerFilter(), in.regionFilter(), in.nextToken());
    }

    @Override
    public GetActionTypeOutput getActionType(GetActionTypeInput in, RequestContext ctx) {
        return new GetActionTypeOutput(actionTypes.declaration(in.category(), in.owner(), in.provider(), in.version()));
    }

    // ---- tags ----

    @Override
    public TagResourceOutput tagResource(TagResourceInput in, RequestContext ctx) {
        return tags.tag(Namespace.of(ctx), in);
    }

    @Override
    public UntagResourceOutput untagResource(UntagResourceInput in, RequestContext ctx) {
        return tags.untag(Namespace.of(ctx), in);
    }

    @Override
    public ListTagsForResourceOutput listTagsForResource(ListTagsForResourceInput in, RequestContext ctx) {
        return tags.list(Namespace.of(ctx), in);
    }

    // ---- executions ----

    @Override
    public StartPipelineExecutionOutput startPipelineExecution(StartPipelineExecutionInput in, RequestContext ctx) {
        return new StartPipelineExecutionOutput(executions.start(Namespace.of(ctx), in.name(), in.variables(),
                in.clientRequestToken()));
    }

    @Override
    public StopPipelineExecutionOutput stopPipelineExecution(StopPipelineExecutionInput in, RequestContext ctx) {
        return new StopPipelineExecutionOutput(executions.stop(Namespace.of(ctx), in.pipelineName(),
                in.pipelineExecutionId(), Boolean.TRUE.equals(in.abandon()), in.reason()));
    }

    @Override
    public RetryStageExecutionOutput retryStageExecution(RetryStageExecutionInput in, RequestContext ctx) {
        return new RetryStageExecutionOutput(executions.retry(Namespace.of(ctx), in.pipelineName(), in.stageName(),
                in.pipelineExecutionId(), in.retryMode()));
    }

    @Override
    public GetPipelineExecutionOutput getPipelineExecution(GetPipelineExecutionInput in, RequestContext ctx) {
        return new GetPipelineExecutionOutput(executions.get(Namespace.of(ctx), in.pipelineName(), in.pipelineExecutionId()));
    }

    @Override
    public ListPipelineExecutionsOutput listPipelineExecutions(ListPipelineExecutionsInput in, RequestContext ctx) {
        var page = executions.list(Namespace.of(ctx), in.pipelineName(), in.maxResults(), in.nextToken());
        return new ListPipelineExecutionsOutput(page.items(), page.nextToken());
    }

    @Override
    public ListActionExecutionsOutput listActionExecutions(ListActionExecutionsInput in, RequestContext ctx) {
        var page = executions.listActions(Namespace.of(ctx), in.pipelineName(),
                in.filter() == null ? null : in.filter().pipelineExecutionId(), in.maxResults(), in.nextToken());
        return new ListActionExecutionsOutput(page.items(), page.nextToken());
    }

    @Override
    public GetPipelineStateOutput getPipelineState(GetPipelineStateInput in, RequestContext ctx) {
        return executions.state(Namespace.of(ctx), in.name());
    }

    @Override
    public void disableStageTransition(DisableStageTransitionInput in, RequestContext ctx) {
        executions.transition(Namespace.of(ctx), in.pipelineName(), in.stageName(), in.transitionType(), false, in.reason());
    }

    @Override
    public void enableStageTransition(EnableStageTransitionInput in, RequestContext ctx) {
        executions.transition(Namespace.of(ctx), in.pipelineName(), in.stageName(), in.transitionType(), true, null);
    }

    @Override
    public PutApprovalResultOutput putApprovalResult(PutApprovalResultInput in, RequestContext ctx) {
        return new PutApprovalResultOutput(executions.approve(Namespace.of(ctx), in.pipelineName(), in.stageName(),
                in.actionName(), in.result(), in.token()));
    }

    // ---- jobs ----

    @Override
    public PollForJobsOutput pollForJobs(PollForJobsInput in, RequestContext ctx) {
        return new PollForJobsOutput(jobs.pollForJobs(Namespace.of(ctx), in.actionTypeId(),
                java.util.Optional.ofNullable(in.maxBatchSize()), in.queryParam() == null ? java.util.Map.of() : in.queryParam()));
    }

    @Override
    public AcknowledgeJobOutput acknowledgeJob(AcknowledgeJobInput in, RequestContext ctx) {
        return new AcknowledgeJobOutput(jobs.acknowledgeJob(Namespace.of(ctx), in.jobId(), in.nonce()));
    }

    @Override
    public GetJobDetailsOutput getJobDetails(GetJobDetailsInput in, RequestContext ctx) {
        return new GetJobDetailsOutput(jobs.jobDetails(Namespace.of(ctx), in.jobId()));
    }

    @Override
    public void putJobSuccessResult(PutJobSuccessResultInput in, RequestContext ctx) {
        jobs.putJobSuccessResult(Namespace.of(ctx), in.jobId(), success(in.continuationToken(), in.currentRevision(),
                in.executionDetails(), in.outputVariables()));
    }

    @Override
    public void putJobFailureResult(PutJobFailureResultInput in, RequestContext ctx) {
        jobs.putJobFailureResult(Namespace.of(ctx), in.jobId(), in.failureDetails());
    }

    @Override
    public PollForThirdPartyJobsOutput pollForThirdPartyJobs(PollForThirdPartyJobsInput in, RequestContext ctx) {
        return new PollForThirdPartyJobsOutput(jobs.pollForThirdPartyJobs(Namespace.of(ctx), in.actionTypeId(),
                java.util.Optional.ofNullable(in.maxBatchSize())));
    }

    @Override
    public AcknowledgeThirdPartyJobOutput acknowledgeThirdPartyJob(AcknowledgeThirdPartyJobInput in, RequestContext ctx) {
        return new AcknowledgeThirdPartyJobOutput(jobs.acknowledgeThirdPartyJob(Namespace.of(ctx), in.jobId(), in.nonce(),
                in.clientToken()));
    }

    @Override
    public GetThirdPartyJobDetailsOutput getThirdPartyJobDetails(GetThirdPartyJobDetailsInput in, RequestContext ctx) {
        return new GetThirdPartyJobDetailsOutput(jobs.thirdPartyJobDetails(Namespace.of(ctx), in.jobId(), in.clientToken()));
    }

    @Override
    public void putThirdPartyJobSuccessResult(PutThirdPartyJobSuccessResultInput in, RequestContext ctx) {
        jobs.putThirdPartyJobSuccessResult(Namespace.of(ctx), in.jobId(), in.clientToken(), success(in.continuationToken(),
                in.currentRevision(), in.executionDetails(), null));
    }

    @Override
    public void putThirdPartyJobFailureResult(PutThirdPartyJobFailureResultInput in, RequestContext ctx) {
        jobs.putThirdPartyJobFailureResult(Namespace.of(ctx), in.jobId(), in.clientToken(), in.failureDetails());
    }

    private static JobResults.Success success(String continuationToken, CurrentRevision revision, ExecutionDetails details,
                                              java.util.Map<String, String> outputVariables) {
        return new JobResults.Success(java.util.Optional.ofNullable(continuationToken), java.util.Optional.ofNullable(revision),
                java.util.Optional.ofNullable(details), outputVariables == null ? java.util.Map.of() : outputVariables);
    }
}
