package io.slipway.codepipeline.admin;

import io.slipway.codepipeline.job.Jobs;
import io.slipway.core.Namespace;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.admin.AdminEndpoints;
import io.slipway.core.codec.Timestamps;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;


/**
 * {@code GET /_slipway/codepipeline/jobs}: the caller's jobs that wait for a worker to poll them,
 * oldest first, for the console. No CodePipeline operation lists them without taking them
 * (PollForJobs hands them out). The caller is the request's credential scope, as for
 * CodePipeline's own operations.
 */
public final class WaitingJobsEndpoint implements AdminEndpoint {
    public static final String PATH = "/_slipway/codepipeline/jobs";
    private static final int SHOWN = 100;
    private final Jobs jobs;

    public WaitingJobsEndpoint(Jobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestContext context) {
        return AdminEndpoints.json(200, g -> {
            g.writeArrayFieldStart("jobs");
            for (Jobs.WaitingJob job : jobs.waiting(Namespace.of(context), SHOWN)) {
                g.writeStartObject();
                g.writeStringField("jobId", job.jobId());
                g.writeStringField("pipelineName", job.pipelineName());
                g.writeStringField("pipelineExecutionId", job.pipelineExecutionId());
                g.writeStringField("stageName", job.stageName());
                g.writeStringField("actionName", job.actionName());
                g.writeObjectFieldStart("actionTypeId");
                g.writeStringField("category", job.actionTypeId().category().value());
                g.writeStringField("owner", job.actionTypeId().owner().value());
                g.writeStringField("provider", job.actionTypeId().provider());
                g.writeStringField("version", job.actionTypeId().version());
                g.writeEndObject();
                g.writeStringField("queuedAt", Timestamps.iso(job.queuedAt()));
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
