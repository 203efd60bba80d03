package io.slipway.codepipeline;

import io.slipway.codepipeline.actiontype.ActionTypes;
import io.slipway.codepipeline.admin.WaitingJobsEndpoint;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.codepipeline.execution.ActionStarts;
import io.slipway.codepipeline.execution.ActionTargets;
import io.slipway.codepipeline.execution.ExecutionEngine;
import io.slipway.codepipeline.execution.Executions;
import io.slipway.codepipeline.execution.JobQueue;
import io.slipway.codepipeline.execution.PipelineDefinitions;
import io.slipway.codepipeline.job.ArtifactCredentials;
import io.slipway.codepipeline.job.JobRecord;
import io.slipway.codepipeline.job.Jobs;
import io.slipway.codepipeline.job.NewJob;
import io.slipway.codepipeline.pipeline.PipelineChanges;
import io.slipway.codepipeline.pipeline.Pipelines;
import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.codepipeline.tags.ResourceTags;
import io.slipway.codepipeline.tags.TaggedResources;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.CodePipelineDispatcher;
import io.slipway.model.codepipeline.JobStatus;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.PipelineMetadata;

import java.util.Map;
import java.util.Optional;

/** CodePipeline assembled: the API binding, with its engine's work registered on the workers. */
public record CodePipelineService(ServiceBinding binding, Map<String, AdminEndpoint> adminEndpoints) {

    public static CodePipelineService create(Jdbc jdbc, ResourceStore resources, WorkQueue queue, Workers workers,
                                             SlipwayClock clock, IdGenerator ids, ActionTargets targets) {
        CodePipelineStore store = new CodePipelineStore(jdbc, resources);
        // ---- pipelines, action types, tags ----
        ResourceTags tags = new ResourceTags(store);
        ActionTypes actionTypes = new ActionTypes(store, tags);
        var triggers = new java.util.concurrent.atomic.AtomicReference<>(PipelineChanges.NONE);
        Pipelines pipelines = new Pipelines(store, actionTypes, tags, clock, PipelineChanges.relay(triggers::get));
        TaggedResources taggedResources = new TaggedResources(store, tags, pipelines::exists, actionTypes::exists);
        // ---- executions and jobs ----
        PipelineDefinitions definitions = new PipelineDefinitions() {
            @Override
            public Optional<PipelineDeclaration> declaration(Tx tx, Namespace ns, String name) {
                return pipelines.declaration(tx, ns, name);
            }

            @Override
            public Optional<PipelineDeclaration> declaration(Tx tx, Namespace ns, String name, int version) {
                return pipelines.declaration(tx, ns, name, version);
            }

            @Override
            public Optional<PipelineMetadata> metadata(Tx tx, Namespace ns, String name) {
                return pipelines.metadata(tx, ns, name);
            }

            @Override
            public Optional<String> queryableProperty(Tx tx, Namespace ns, ActionTypeId type) {
                return actionTypes.queryableProperty(tx, ns, type);
            }
        };
        ActionStarts actionStarts = new ActionStarts(store, queue, clock, ids, definitions, targets);
        ExecutionEngine engine = new ExecutionEngine(store, queue, clock, definitions, actionStarts);
        // issued outside the job's transaction, for the role the pipeline has now
        ArtifactCredentials artifactCredentials = (ns, pipelineName, jobId) -> store.inTransaction(tx ->
                        store.get(tx, Pipelines.PIPELINE, ns, pipelineName)).map(p -> p.value().pipeline().roleArn())
                .flatMap(role -> targets.artifactCredentials(ns, role, jobId));
        Jobs jobs = new Jobs(store, clock, ids, engine, (tx, ns, type) -> actionTypes.find(tx, ns, type)
                .map(found -> actionTypes.queryableProperty(tx, ns, type)), artifactCredentials);
        actionStarts.useJobs(new JobQueue() {
            @Override
            public String create(Tx tx, Namespace ns, NewJob job) {
                return jobs.create(tx, ns, job);
            }

            @Override
            public void cancel(Tx tx, Namespace ns, String actionExecutionId, JobStatus status) {
                jobs.cancel(tx, ns, actionExecutionId, status);
            }

            @Override
            public Optional<JobRecord> get(Tx tx, Namespace ns, String jobId) {
                return jobs.get(tx, ns, jobId);
            }
        });
        engine.register(workers);
        Executions executions = new Executions(store, engine, definitions, clock, ids);
        triggers.set(executions.triggers()); // a new pipeline runs at once, as on AWS
        return new CodePipelineService(new ServiceBinding(new CodePipelineDispatcher(
                new CodePipelineApi(executions, jobs, pipelines, actionTypes, taggedResources))),
                Map.of(WaitingJobsEndpoint.PATH, new WaitingJobsEndpoint(jobs)));
    }
}
