package io.slipway.codepipeline.execution;

import io.slipway.codepipeline.job.JobRecord;
import io.slipway.codepipeline.job.JobResults;
import io.slipway.codepipeline.job.NewJob;
import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.core.codec.JsonCodec;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.engine.store.WorkItem;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.WorkKey;
import io.slipway.engine.work.Workers;
import io.slipway.model.codepipeline.AWSSessionCredentials;
import io.slipway.model.codepipeline.ActionConfiguration;
import io.slipway.model.codepipeline.ActionContext;
import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.ActionExecution;
import io.slipway.model.codepipeline.ActionExecutionDetail;
import io.slipway.model.codepipeline.ActionExecutionInput;
import io.slipway.model.codepipeline.ActionExecutionStatus;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionRevision;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.Artifact;
import io.slipway.model.codepipeline.ArtifactDetail;
import io.slipway.model.codepipeline.ArtifactLocation;
import io.slipway.model.codepipeline.ArtifactLocationType;
import io.slipway.model.codepipeline.CodePipelineModel;
import io.slipway.model.codepipeline.ErrorDetails;
import io.slipway.model.codepipeline.InputArtifact;
import io.slipway.model.codepipeline.JobData;
import io.slipway.model.codepipeline.JobStatus;
import io.slipway.model.codepipeline.OutputArtifact;
import io.slipway.model.codepipeline.PipelineContext;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.S3ArtifactLocation;
import io.slipway.model.codepipeline.StageContext;
import io.slipway.model.codepipeline.StageDeclaration;
import io.slipway.model.runtime.AwsException;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts each kind of action and carries out the built-in ones: custom and third-party actions
 * become jobs for workers; an S3 source copies its object into the artifact store; a manual
 * approval waits for PutApprovalResult with its token; a Lambda invoke becomes a job its function
 * answers; a CodeDeploy deploy starts a deployment and follows it. Each action has AWS's timeout
 * (AWS-BEHAVIOUR.md B.1) as a timer; calls to other services happen outside transactions.
 */
public final class ActionStarts {
    static final DocumentType<ActionExecutionDetail> ACTION = new DocumentType<>("codepipeline.action-execution",
            CodePipelineModel.MODEL.shape("ActionExecutionDetail"), ActionExecutionDetail::fromDocument);
    static final String RUN = "codepipeline.action.run";
    static final String TIMEOUT = "codepipeline.action.timeout";
    static final String FOLLOW_DEPLOYMENT = "codepipeline.action.follow-deployment";
    /** How often a deploy action looks at its deployment. */
    static final Duration DEPLOYMENT_POLL = Duration.ofSeconds(1);

    private final CodePipelineStore store;
    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final IdGenerator ids;
    private final PipelineDefinitions definitions;
    private final ActionTargets targets;
    private JobQueue jobs;
    private ExecutionEngine engine;

    public ActionStarts(CodePipelineStore store, WorkQueue queue, SlipwayClock clock, IdGenerator ids,
                        PipelineDefinitions definitions, ActionTargets targets) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.ids = ids;
        this.definitions = definitions;
        this.targets = targets;
    }

    /** The job queue, which itself reports results to the engine: connected once both exist. */
    public void useJobs(JobQueue jobQueue) {
        this.jobs = jobQueue;
    }

    void register(Workers workers, ExecutionEngine executionEngine) {
        this.engine = executionEngine;
        workers.register(RUN, this::run);
        workers.register(FOLLOW_DEPLOYMENT, this::followDeployment);
        workers.register(TIMEOUT, item -> store.inRetriedTransaction(tx -> {
            WorkKey key = WorkKey.parse(item);
            store.get(tx, ACTION, key.ns(), key.id()).map(Versioned::value)
                    .filter(a -> a.status() == ActionExecutionStatus.IN_PROGRESS).ifPresent(a -> {
                        jobs.cancel(tx, key.ns(), a.actionExecutionId(), JobStatus.TIMED_OUT);
                        engine.actionEnded(tx, key.ns(), a.actionExecutionId(), ActionOutcome.failed(new ErrorDetails(
                                "TimedOut", "The action did not complete within its timeout")));
                    });
        }));
    }

    /** Starts an action of the execution's current runOrder group; answers the pipeline state showing it. */
    PipelineState start(Tx tx, Execution e, PipelineDeclaration pipeline, StageDeclaration stage, ActionDeclaration action,
                        PipelineState state) {
        Instant now = clock.now();
        String id = ids.newId();
        ActionTypeId type = action.actionTypeId();
        Map<String, String> configuration = action.configuration() == null ? Map.of() : action.configuration();
        Variables.Resolution resolution = Variables.resolve(configuration, e.run.variables());
        List<ArtifactDetail> inputs = names(action.inputArtifacts()).stream().map(n -> new ArtifactDetail(n,
                ActionOutcome.location(Optional.ofNullable(e.run.artifacts().get(n)).orElse("/")))).toList();
        ActionExecutionDetail detail = ActionExecutionDetail.builder().pipelineExecutionId(e.id()).actionExecutionId(id)
                .pipelineVersion(e.run.pipelineVersion()).stageName(stage.name()).actionName(action.name())
                .startTime(now).lastUpdateTime(now).status(ActionExecutionStatus.IN_PROGRESS)
                .input(ActionExecutionInput.builder().actionTypeId(type).configuration(configuration)
                        .resolvedConfiguration(resolution.configuration()).roleArn(action.roleArn())
                        .region(action.region() != null ? action.region() : e.ns.region()).inputArtifacts(inputs)
                        .namespace(action.namespace()).build()).build();
        e.run = e.run.withAction(stage.name(), action.name(), id);
        Optional<ErrorDetails> refused = resolution.unresolved().map(name -> new ErrorDetails("ConfigurationError",
                "The action configuration refers to the variable #{" + name + "}, which is not defined"))
                .or(() -> supported(type));
        if (refused.isPresent()) {
            ActionOutcome failed = ActionOutcome.failed(refused.get());
            store.insert(tx, ACTION, e.ns, id, Optional.of(e.id()), failed.applyTo(detail, now));
            return state.withAction(stage.name(), action.name(), failed.latest(id, null, now), null);
        }
        store.insert(tx, ACTION, e.ns, id, Optional.of(e.id()), detail);
        ActionExecution.Builder latest = ActionExecution.builder().actionExecutionId(id)
                .status(ActionExecutionStatus.IN_PROGRESS).lastStatusChange(now);
        String key = WorkKey.payload(e.ns, id);
        switch (kind(type)) {
            case JOB -> jobs.create(tx, e.ns, new NewJob(jobData(e, pipeline, stage, action, id, resolution.configuration()),
                    pipeline.name(), e.id(), id, queryValue(tx, e.ns, type, resolution.configuration()), true,
                    now.plus(timeout(action))));
            case LAMBDA -> {
                String jobId = jobs.create(tx, e.ns, new NewJob(jobData(e, pipeline, stage, action, id,
                        resolution.configuration()), pipeline.name(), e.id(), id, Optional.empty(), false,
                        now.plus(timeout(action))));
                queue.enqueue(tx, RUN, key + "\n" + jobId, now);
            }
            case APPROVAL -> latest.token(ids.newId());
            case S3_SOURCE, CODEDEPLOY -> queue.enqueue(tx, RUN, key, now);
        }
        queue.enqueue(tx, TIMEOUT + "/" + id, TIMEOUT, key, now.plus(timeout(action)));
        return state.withAction(stage.name(), action.name(), latest.build(), null);
    }

    private enum Kind { JOB, S3_SOURCE, APPROVAL, LAMBDA, CODEDEPLOY }

    private static Kind kind(ActionTypeId type) {
        if (type.owner() != ActionOwner.AWS) {
            return Kind.JOB;
        }
        return switch (type.provider()) {
            case "S3" -> Kind.S3_SOURCE;
            case "Manual" -> Kind.APPROVAL;
            case "Lambda" -> Kind.LAMBDA;
            default -> Kind.CODEDEPLOY;
        };
    }

    /** The AWS-owned action types Slipway carries out; any other fails its action at once, saying so. */
    private static Optional<ErrorDetails> supported(ActionTypeId type) {
        boolean ok = type.owner() != ActionOwner.AWS || switch (type.category()) {
            case SOURCE -> type.provider().equals("S3");
            case APPROVAL -> type.provider().equals("Manual");
            case INVOKE -> type.provider().equals("Lambda");
            case DEPLOY -> type.provider().equals("CodeDeploy");
            default -> false;
        };
        return ok ? Optional.empty() : Optional.of(new ErrorDetails("JobFailed", "Slipway does not run "
                + type.category().value() + " actions of provider " + type.provider() + " yet"));
    }

    /** AWS's action timeouts: custom jobs a day, Lambda 20 minutes, approvals 7 days (or timeoutInMinutes), CodeDeploy 5 days. */
    static Duration timeout(ActionDeclaration action) {
        ActionTypeId type = action.actionTypeId();
        if (type.owner() != ActionOwner.AWS) {
            return Duration.ofHours(24);
        }
        return switch (type.provider()) {
            case "Manual" -> action.timeoutInMinutes() != null ? Duration.ofMinutes(action.timeoutInMinutes()) : Duration.ofDays(7);
            case "Lambda" -> Duration.ofMinutes(20);
            case "CodeDeploy" -> Duration.ofDays(5);
            default -> Duration.ofHours(1);
        };
    }

    private Optional<String> queryValue(Tx tx, Namespace ns, ActionTypeId type, Map<String, String> configuration) {
        return definitions.queryableProperty(tx, ns, type).map(configuration::get);
    }

    private JobData jobData(Execution e, PipelineDeclaration pipeline, StageDeclaration stage, ActionDeclaration action,
                            String actionExecutionId, Map<String, String> configuration) {
        List<Artifact> inputs = names(action.inputArtifacts()).stream().map(n -> artifact(n,
                e.run.artifacts().getOrDefault(n, "/"), e.run.revisions().get(n))).toList();
        List<Artifact> outputs = action.outputArtifacts() == null ? List.of() : action.outputArtifacts().stream()
                .map(OutputArtifact::name).map(n -> artifact(n, artifactLocation(pipeline, n, actionExecutionId), null))
                .toList();
        return JobData.builder().actionTypeId(action.actionTypeId()).actionConfiguration(new ActionConfiguration(configuration))
                .pipelineContext(PipelineContext.builder().pipelineName(pipeline.name()).stage(new StageContext(stage.name()))
                        .action(new ActionContext(action.name(), actionExecutionId))
                        .pipelineArn("arn:aws:codepipeline:" + e.ns.region() + ":" + e.ns.account() + ":" + pipeline.name())
                        .pipelineExecutionId(e.id()).build())
                .inputArtifacts(inputs).outputArtifacts(outputs)
                // A 12-digit access key id is that account to Slipway: a job worker using these
                // credentials reads and writes the artifact store as the pipeline's account, nobody else.
                .artifactCredentials(new AWSSessionCredentials(e.ns.account(), ids.newId(), ids.newId())).build();
    }

    private static Artifact artifact(String name, String bucketAndKey, String revision) {
        var location = ActionOutcome.location(bucketAndKey);
        return new Artifact(name, revision, new ArtifactLocation(ArtifactLocationType.S3,
                new S3ArtifactLocation(location.bucket(), location.key())));
    }

    /** Where an action's output artifact goes: AWS's {@code <pipeline:20>/<artifact:10>/<7 characters>} under the artifact store. */
    static String artifactLocation(PipelineDeclaration pipeline, String artifact, String actionExecutionId) {
        String bucket = pipeline.artifactStore() != null ? pipeline.artifactStore().location()
                : pipeline.artifactStores().values().iterator().next().location();
        return bucket + "/" + truncate(pipeline.name(), 20) + "/" + truncate(artifact, 10) + "/"
                + actionExecutionId.replace("-", "").substring(0, 7);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static List<String> names(List<InputArtifact> artifacts) {
        return artifacts == null ? List.of() : artifacts.stream().map(InputArtifact::name).toList();
    }

    // ---- jobs ----

    /** PutJobSuccessResult with a continuation token: the action goes on with a new job carrying it. */
    void continueJob(Tx tx, Namespace ns, JobRecord job, JobResults.Success success) {
        Optional<Versioned<ActionExecutionDetail>> detail = store.get(tx, ACTION, ns, job.actionExecutionId());
        if (detail.isEmpty() || detail.get().value().status() != ActionExecutionStatus.IN_PROGRESS) {
            return;
        }
        ActionExecutionDetail a = detail.get().value();
        Instant timeoutAt = a.startTime().plus(Duration.ofHours(24));
        jobs.create(tx, ns, new NewJob(job.data().toBuilder().continuationToken(success.continuationToken().get()).build(),
                job.pipelineName(), job.pipelineExecutionId(), job.actionExecutionId(),
                queryValue(tx, ns, a.input().actionTypeId(), a.input().resolvedConfiguration()), true, timeoutAt));
        success.executionDetails().ifPresent(d -> definitions.declaration(tx, ns, job.pipelineName()).ifPresent(p -> {
            var st = engine.state(tx, ns, p);
            PipelineState state = new PipelineState(st.value());
            state.latest(a.stageName(), a.actionName()).ifPresent(latest -> engine.saveState(tx, ns, st, state.withAction(
                    a.stageName(), a.actionName(), latest.toBuilder().summary(d.summary())
                            .externalExecutionId(d.externalExecutionId()).percentComplete(d.percentComplete())
                            .lastStatusChange(clock.now()).build(), null)));
        }));
    }

    void cancelJobs(Tx tx, Namespace ns, String actionExecutionId, JobStatus status) {
        jobs.cancel(tx, ns, actionExecutionId, status);
    }

    void cancelTimeout(Tx tx, String actionExecutionId) {
        queue.cancel(tx, TIMEOUT + "/" + actionExecutionId);
    }

    // ---- built-in actions, run outside transactions ----

    private void run(WorkItem item) {
        String[] parts = item.payload().split("\n", 4);
        Namespace ns = new Namespace(parts[0], parts[1]);
        String id = parts[2];
        Optional<ActionExecutionDetail> found = store.inTransaction(tx -> store.get(tx, ACTION, ns, id))
                .map(Versioned::value).filter(a -> a.status() == ActionExecutionStatus.IN_PROGRESS);
        if (found.isEmpty()) {
            return;
        }
        ActionExecutionDetail a = found.get();
        Map<String, String> config = a.input().resolvedConfiguration();
        switch (a.input().actionTypeId().provider()) {
            case "S3" -> s3Source(ns, a, config);
            case "Lambda" -> invoke(ns, a, config, parts[3]);
            default -> deploy(ns, a, config);
        }
    }

    private void s3Source(Namespace ns, ActionExecutionDetail a, Map<String, String> config) {
        Optional<String> output = store.inTransaction(tx -> Execution.load(tx, store, ns, a.pipelineExecutionId())
                .flatMap(e -> definitions.declaration(tx, ns, e.run.pipelineName(), a.pipelineVersion()))
                .flatMap(p -> p.stages().stream().filter(s -> s.name().equals(a.stageName())).findFirst()
                        .flatMap(s -> s.actions().stream().filter(x -> x.name().equals(a.actionName())).findFirst())
                        .filter(x -> x.outputArtifacts() != null && !x.outputArtifacts().isEmpty())
                        .map(x -> x.outputArtifacts().getFirst().name() + "\n"
                                + artifactLocation(p, x.outputArtifacts().getFirst().name(), a.actionExecutionId()))));
        String bucket = config.get("S3Bucket");
        String key = config.get("S3ObjectKey");
        if (output.isEmpty() || bucket == null || key == null) {
            end(ns, a, ActionOutcome.failed(new ErrorDetails("ConfigurationError", "An S3 source needs S3Bucket, "
                    + "S3ObjectKey and one output artifact")));
            return;
        }
        String[] artifact = output.get().split("\n", 2);
        var location = ActionOutcome.location(artifact[1]);
        Optional<ActionTargets.SourceObject> copied = targets.copySource(ns, bucket, key, location.bucket(), location.key());
        if (copied.isEmpty()) {
            end(ns, a, ActionOutcome.failed(new ErrorDetails("JobFailed", "The object with key '" + key
                    + "' does not exist in bucket '" + bucket + "'")));
            return;
        }
        ActionTargets.SourceObject object = copied.get();
        String revision = object.versionId() != null ? object.versionId() : object.eTag();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("BucketName", bucket);
        variables.put("ObjectKey", key);
        variables.put("ETag", object.eTag());
        if (object.versionId() != null) {
            variables.put("VersionId", object.versionId());
        }
        store.inRetriedTransaction(tx -> engine.actionEnded(tx, ns, a.actionExecutionId(), ActionOutcome.succeeded(null,
                revision, variables, Map.of(artifact[0], artifact[1]), new ActionRevision(revision, object.eTag(),
                        clock.now()))));
    }

    private void invoke(Namespace ns, ActionExecutionDetail a, Map<String, String> config, String jobId) {
        Optional<JobRecord> job = store.inTransaction(tx -> jobs.get(tx, ns, jobId));
        if (job.isEmpty()) {
            return;
        }
        String event = "{\"CodePipeline.job\":{\"id\":\"" + jobId + "\",\"accountId\":\"" + ns.account() + "\",\"data\":"
                + JsonCodec.writeString(CodePipelineModel.MODEL.shape("JobData"), job.get().data().toDocument()) + "}}";
        targets.invokeFunction(ns, config.get("FunctionName"), event).ifPresent(error -> store.inRetriedTransaction(tx -> {
            jobs.cancel(tx, ns, a.actionExecutionId(), JobStatus.FAILED);
            engine.actionEnded(tx, ns, a.actionExecutionId(), ActionOutcome.failed(new ErrorDetails("JobFailed", error)));
        }));
    }

    private void deploy(Namespace ns, ActionExecutionDetail a, Map<String, String> config) {
        List<ArtifactDetail> inputs = a.input().inputArtifacts();
        if (inputs == null || inputs.isEmpty()) {
            end(ns, a, ActionOutcome.failed(new ErrorDetails("ConfigurationError", "A CodeDeploy action needs an input artifact")));
            return;
        }
        String deploymentId;
        try {
            deploymentId = targets.createDeployment(ns, config.get("ApplicationName"), config.get("DeploymentGroupName"),
                    inputs.getFirst().s3location().bucket(), inputs.getFirst().s3location().key(), "zip",
                    "Deployed by CodePipeline execution " + a.pipelineExecutionId());
        } catch (AwsException e) {
            end(ns, a, ActionOutcome.failed(new ErrorDetails("JobFailed", e.error().code() + ": " + e.getMessage())));
            return;
        }
        store.inRetriedTransaction(tx -> {
            showExternalId(tx, ns, a, deploymentId);
            queue.enqueue(tx, FOLLOW_DEPLOYMENT, WorkKey.payload(ns, a.actionExecutionId()) + "\n" + deploymentId,
                    clock.now().plus(DEPLOYMENT_POLL));
        });
    }

    private void showExternalId(Tx tx, Namespace ns, ActionExecutionDetail a, String externalId) {
        Execution.load(tx, store, ns, a.pipelineExecutionId()).flatMap(e -> definitions.declaration(tx, ns, e.run.pipelineName()))
                .ifPresent(p -> {
                    var st = engine.state(tx, ns, p);
                    PipelineState state = new PipelineState(st.value());
                    state.latest(a.stageName(), a.actionName()).ifPresent(latest -> engine.saveState(tx, ns, st,
                            state.withAction(a.stageName(), a.actionName(), latest.toBuilder().externalExecutionId(externalId)
                                    .summary("Deployment " + externalId + " created").build(), null)));
                });
    }

    private void followDeployment(WorkItem item) {
        String[] parts = item.payload().split("\n", 4);
        Namespace ns = new Namespace(parts[0], parts[1]);
        String id = parts[2];
        String deploymentId = parts[3];
        Optional<ActionExecutionDetail> found = store.inTransaction(tx -> store.get(tx, ACTION, ns, id))
                .map(Versioned::value).filter(a -> a.status() == ActionExecutionStatus.IN_PROGRESS);
        if (found.isEmpty()) {
            return;
        }
        ActionTargets.DeploymentState state = targets.deploymentState(ns, deploymentId);
        if (!state.done()) {
            store.inRetriedTransaction(tx -> queue.enqueue(tx, FOLLOW_DEPLOYMENT, item.payload(), clock.now().plus(DEPLOYMENT_POLL)));
        } else if (state.status().equals("Succeeded")) {
            end(ns, found.get(), ActionOutcome.succeeded("Deployment " + deploymentId + " succeeded", deploymentId, Map.of(),
                    Map.of(), null));
        } else {
            end(ns, found.get(), ActionOutcome.failed(new ErrorDetails("JobFailed", "Deployment " + deploymentId + " "
                    + state.status() + (state.message() == null ? "" : ": " + state.message()))));
        }
    }

    private void end(Namespace ns, ActionExecutionDetail a, ActionOutcome outcome) {
        store.inRetriedTransaction(tx -> engine.actionEnded(tx, ns, a.actionExecutionId(), outcome));
    }
}
