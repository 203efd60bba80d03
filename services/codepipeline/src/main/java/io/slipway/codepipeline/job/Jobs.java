package io.slipway.codepipeline.job;

import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.FailureDetails;
import io.slipway.model.codepipeline.Job;
import io.slipway.model.codepipeline.JobDetails;
import io.slipway.model.codepipeline.JobStatus;
import io.slipway.model.codepipeline.PipelineContext;
import io.slipway.model.codepipeline.ThirdPartyJob;
import io.slipway.model.codepipeline.JobData;
import io.slipway.model.codepipeline.ThirdPartyJobData;
import io.slipway.model.codepipeline.ThirdPartyJobDetails;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import static io.slipway.model.codepipeline.CodePipelineErrors.ACTION_TYPE_NOT_FOUND;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_CLIENT_TOKEN;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_JOB;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_JOB_STATE;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_NONCE;
import static io.slipway.model.codepipeline.CodePipelineErrors.JOB_NOT_FOUND;
import static io.slipway.model.codepipeline.CodePipelineErrors.VALIDATION;

/**
 * Jobs: the engine creates one when an execution reaches an action a job carries out and ends the
 * open ones when the action does; job workers poll for them, acknowledge them, read them and report
 * their results (AWS-BEHAVIOUR.md B.1). Each operation is one short transaction; a poll reads a
 * few entries of its queue's due index and never scans jobs.
 */
public final class Jobs {
    /** Due entries read beyond the batch, so that a poller that loses one race takes the next job instead. */
    private static final int SPARE_CANDIDATES = 4;

    private final CodePipelineStore store;
    private final SlipwayClock clock;
    private final IdGenerator ids;
    private final JobResults results;
    private final PollableActionTypes actionTypes;
    private final JobQueue queue;
    private final ArtifactCredentials credentials;

    public Jobs(CodePipelineStore store, SlipwayClock clock, IdGenerator ids, JobResults results,
                PollableActionTypes actionTypes, ArtifactCredentials credentials) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.results = results;
        this.actionTypes = actionTypes;
        this.queue = new JobQueue(store);
        this.credentials = credentials;
    }

    /** The job's data with artifact credentials issued now, where they are issued; read outside any transaction. */
    private JobData withCredentials(Namespace ns, StoredJob job) {
        JobData data = job.data();
        if (data.pipelineContext() == null || data.pipelineContext().pipelineName() == null) {
            return data;
        }
        return credentials.issue(ns, data.pipelineContext().pipelineName(), job.jobId())
                .map(c -> data.toBuilder().artifactCredentials(c).build()).orElse(data);
    }

    // ---- the engine's side ----

    /**
     * Stores a new job, in the engine's transaction, and returns its id. A job that workers poll for
     * is Queued at once; one that Slipway hands to a function itself is InProgress.
     */
    public String create(Tx tx, Namespace ns, NewJob job) {
        ActionTypeId type = Objects.requireNonNull(job.data().actionTypeId(), "the job's actionTypeId");
        Instant now = clock.now();
        String jobId = StoredJob.newId(now, ids.newId());
        Optional<String> pollQueue = job.pollable() ? Optional.of(JobQueue.name(type, job.queryValue())) : Optional.empty();
        StoredJob stored = StoredJob.created(jobId, job, pollQueue, now)
                .to(job.pollable() ? JobStatus.QUEUED : JobStatus.IN_PROGRESS, now);
        store.insert(tx, StoredJob.TYPE, ns, jobId, Optional.of(job.actionExecutionId()), stored);
        queue.opened(tx, ns, stored);
        return jobId;
    }

    /**
     * Ends every open job of an action execution as TimedOut or Failed (the action timed out, or its
     * execution stopped): no poll hands them out any more, and a worker's late result is refused.
     */
    public void cancel(Tx tx, Namespace ns, String actionExecutionId, JobStatus status) {
        if (status != JobStatus.TIMED_OUT && status != JobStatus.FAILED) {
            throw new IllegalArgumentException("a cancelled job ends TimedOut or Failed, not " + status);
        }
        Instant now = clock.now();
        List<String> open = queue.open(tx, ns, actionExecutionId);
        for (String jobId : open) {
            Optional<Versioned<StoredJob>> read = store.get(tx, StoredJob.TYPE, ns, jobId);
            if (read.isPresent() && read.get().value().isOpen()) {
                StoredJob job = read.get().value();
                queue.withdraw(tx, ns, job);
                store.replace(tx, StoredJob.TYPE, ns, jobId, read.get(), job.to(status, now));
            }
        }
        if (!open.isEmpty()) {
            queue.closed(tx, ns, actionExecutionId);
        }
    }

    /** A job queued for a worker that has not polled for it yet. */
    public record WaitingJob(String jobId, String pipelineName, String pipelineExecutionId, String stageName,
                             String actionName, ActionTypeId actionTypeId, Instant queuedAt) {
    }

    /** Up to {@code limit} jobs waiting for a worker's poll, oldest first (the console's overview). */
    public List<WaitingJob> waiting(Namespace ns, int limit) {
        return store.inTransaction(tx -> queue.waiting(tx, ns, limit).stream()
                .flatMap(id -> store.get(tx, StoredJob.TYPE, ns, id).stream()).map(Versioned::value)
                .map(job -> new WaitingJob(job.jobId(), job.pipelineName(), job.pipelineExecutionId(),
                        job.data().pipelineContext().stage().name(), job.data().pipelineContext().action().name(),
                        job.data().actionTypeId(), job.history().getFirst().at()))
                .toList());
    }

    public Optional<JobRecord> get(Tx tx, Namespace ns, String jobId) {
        return store.get(tx, StoredJob.TYPE, ns, jobId).map(v -> v.value().record());
    }

    // ---- custom actions: PollForJobs, AcknowledgeJob, GetJobDetails, PutJob*Result ----

    /** PollForJobs: up to {@code maxBatchSize} queued jobs of a Custom action type, now Dispatched. */
    public List<Job> pollForJobs(Namespace ns, ActionTypeId type, Optional<Integer> maxBatchSize,
                                 Map<String, String> queryParam) {
        JobRules.requireOwner(type, ActionOwner.CUSTOM);
        int limit = JobRules.batchSize(maxBatchSize);
        List<StoredJob> dispatched = poll(ns, limit, false, tx -> customQueue(tx, ns, type, queryParam));
        return dispatched.stream().map(job -> new Job(job.jobId(), withCredentials(ns, job), job.nonce().orElseThrow(),
                ns.account())).toList();
    }

    /** AcknowledgeJob: the worker that holds the nonce takes the job (InProgress); asked again, its status. */
    public JobStatus acknowledgeJob(Namespace ns, String jobId, String nonce) {
        return Retry.onConflict(() -> store.inTransaction(tx -> acknowledge(tx, customJob(tx, ns, jobId), ns, nonce)));
    }

    /** GetJobDetails: what the job is, with the artifact credentials and secret configuration. */
    public JobDetails jobDetails(Namespace ns, String jobId) {
        StoredJob job = store.inTransaction(tx -> customJob(tx, ns, jobId).value());
        return new JobDetails(job.jobId(), withCredentials(ns, job), ns.account());
    }

    /** PutJobSuccessResult: the job succeeds; the engine ends its action or, with a continuation token, queues the next job. */
    public void putJobSuccessResult(Namespace ns, String jobId, JobResults.Success success) {
        JobRules.checkOutputVariables(success);
        Retry.onConflict(() -> store.inTransaction(tx -> {
            succeed(tx, ns, inProgress(customJob(tx, ns, jobId)), success);
            return null;
        }));
    }

    /** PutJobFailureResult: the job fails, and with it its action. */
    public void putJobFailureResult(Namespace ns, String jobId, FailureDetails failure) {
        JobRules.requireFailure(failure);
        Retry.onConflict(() -> store.inTransaction(tx -> {
            fail(tx, ns, inProgress(customJob(tx, ns, jobId)), failure);
            return null;
        }));
    }

    // ---- third-party actions: the same, for a client that proves itself with its client token ----

    /** PollForThirdPartyJobs: up to {@code maxBatchSize} queued jobs of a ThirdParty action type, each with the client id it was given to. */
    public List<ThirdPartyJob> pollForThirdPartyJobs(Namespace ns, ActionTypeId type, Optional<Integer> maxBatchSize) {
        JobRules.requireOwner(type, ActionOwner.THIRD_PARTY);
        int limit = JobRules.batchSize(maxBatchSize);
        List<StoredJob> dispatched = poll(ns, limit, true, tx -> {
            requireActionType(tx, ns, type);
            return JobQueue.name(type, Optional.empty());
        });
        return dispatched.stream().map(job -> new ThirdPartyJob(job.clientId().orElseThrow(), job.jobId())).toList();
    }

    /** GetThirdPartyJobDetails: the job's data without the pipeline's ARN and execution id, and the nonce to acknowledge with. */
    public ThirdPartyJobDetails thirdPartyJobDetails(Namespace ns, String jobId, String clientToken) {
        StoredJob job = store.inTransaction(tx -> {
            Versioned<StoredJob> found = find(tx, ns, jobId);
            if (!found.value().isThirdParty()) {
                throw INVALID_JOB.exception("The job " + jobId + " is not a third-party job");
            }
            return client(found, clientToken).value();
        });
        return new ThirdPartyJobDetails(job.jobId(), thirdPartyData(withCredentials(ns, job)), job.nonce().orElse(null));
    }

    public JobStatus acknowledgeThirdPartyJob(Namespace ns, String jobId, String nonce, String clientToken) {
        return Retry.onConflict(() -> store.inTransaction(tx ->
                acknowledge(tx, client(thirdPartyJob(tx, ns, jobId), clientToken), ns, nonce)));
    }

    public void putThirdPartyJobSuccessResult(Namespace ns, String jobId, String clientToken, JobResults.Success success) {
        if (!success.outputVariables().isEmpty()) {
            throw VALIDATION.exception("Third-party jobs have no output variables");
        }
        Retry.onConflict(() -> store.inTransaction(tx -> {
            succeed(tx, ns, inProgress(client(thirdPartyJob(tx, ns, jobId), clientToken)), success);
            return null;
        }));
    }

    public void putThirdPartyJobFailureResult(Namespace ns, String jobId, String clientToken, FailureDetails failure) {
        JobRules.requireFailure(failure);
        Retry.onConflict(() -> store.inTransaction(tx -> {
            fail(tx, ns, inProgress(client(thirdPartyJob(tx, ns, jobId), clientToken)), failure);
            return null;
        }));
    }

    // ---- shared steps ----

    /** One poll, a transaction tried again if it lost a race with the engine; each attempt claims its own entries. */
    private List<StoredJob> poll(Namespace ns, int limit, boolean thirdParty, Function<Tx, String> queueName) {
        return Retry.onConflict(() -> {
            List<String> claimed = new ArrayList<>();
            try {
                return store.inTransaction(tx -> dispatch(tx, ns, queueName.apply(tx), limit, thirdParty, claimed));
            } finally {
                queue.release(claimed);
            }
        });
    }

    /**
     * Hands out up to {@code limit} jobs of a queue, oldest first. Each is taken by deleting its due
     * entry: a delete that finds nothing means a concurrent poll (or the engine) took it first, and
     * the next candidate is tried.
     */
    private List<StoredJob> dispatch(Tx tx, Namespace ns, String name, int limit, boolean thirdParty, List<String> claimed) {
        Instant now = clock.now();
        List<StoredJob> dispatched = new ArrayList<>(Math.min(limit, 8));
        for (JobQueue.Due due : queue.due(tx, ns, name, limit + SPARE_CANDIDATES)) {
            if (dispatched.size() == limit) {
                break;
            }
            if (!queue.take(tx, ns, due, claimed)) {
                continue;
            }
            Optional<Versioned<StoredJob>> read = store.get(tx, StoredJob.TYPE, ns, due.jobId());
            if (read.isEmpty() || read.get().value().status() != JobStatus.QUEUED) {
                continue; // an index entry left behind; taking it removed it
            }
            StoredJob job = read.get().value().dispatched(ids.newId(),
                    thirdParty ? Optional.of(ids.newId()) : Optional.empty(), now);
            store.replace(tx, StoredJob.TYPE, ns, job.jobId(), read.get(), job);
            dispatched.add(job);
        }
        return dispatched;
    }

    private JobStatus acknowledge(Tx tx, Versioned<StoredJob> read, Namespace ns, String nonce) {
        StoredJob job = read.value();
        if (nonce == null || job.nonce().isEmpty() || !job.nonce().get().equals(nonce)) {
            throw INVALID_NONCE.exception("The nonce " + nonce + " is not the one job " + job.jobId()
                    + " was handed out with");
        }
        if (job.status() != JobStatus.DISPATCHED) {
            return job.status();
        }
        store.replace(tx, StoredJob.TYPE, ns, job.jobId(), read, job.to(JobStatus.IN_PROGRESS, clock.now()));
        return JobStatus.IN_PROGRESS;
    }

    /** The engine learns the result first, so its locks are taken in the same order as when it cancels jobs. */
    private void succeed(Tx tx, Namespace ns, Versioned<StoredJob> read, JobResults.Success success) {
        StoredJob job = read.value();
        results.succeeded(tx, ns, job.record(), success);
        end(tx, ns, read, JobStatus.SUCCEEDED);
    }

    private void fail(Tx tx, Namespace ns, Versioned<StoredJob> read, FailureDetails failure) {
        results.failed(tx, ns, read.value().record(), failure);
        end(tx, ns, read, JobStatus.FAILED);
    }

    private void end(Tx tx, Namespace ns, Versioned<StoredJob> read, JobStatus status) {
        StoredJob job = read.value();
        queue.ended(tx, ns, job);
        store.replace(tx, StoredJob.TYPE, ns, job.jobId(), read, job.to(status, clock.now()));
    }

    private static Versioned<StoredJob> inProgress(Versioned<StoredJob> read) {
        StoredJob job = read.value();
        if (job.status() != JobStatus.IN_PROGRESS) {
            throw INVALID_JOB_STATE.exception("The job " + job.jobId() + " is " + job.status()
                    + "; only a job in progress takes a result");
        }
        return read;
    }

    private Versioned<StoredJob> find(Tx tx, Namespace ns, String jobId) {
        if (jobId == null || jobId.isEmpty()) {
            throw VALIDATION.exception("jobId is required");
        }
        return store.get(tx, StoredJob.TYPE, ns, jobId)
                .orElseThrow(() -> JOB_NOT_FOUND.exception("The job " + jobId + " was not found"));
    }

    /** Custom jobs, and the jobs Slipway hands to functions (a Lambda invoke calls PutJobSuccessResult). */
    private Versioned<StoredJob> customJob(Tx tx, Namespace ns, String jobId) {
        Versioned<StoredJob> found = find(tx, ns, jobId);
        if (found.value().isThirdParty()) {
            throw JOB_NOT_FOUND.exception("The job " + jobId + " was not found");
        }
        return found;
    }

    private Versioned<StoredJob> thirdPartyJob(Tx tx, Namespace ns, String jobId) {
        Versioned<StoredJob> found = find(tx, ns, jobId);
        if (!found.value().isThirdParty()) {
            throw JOB_NOT_FOUND.exception("The third-party job " + jobId + " was not found");
        }
        return found;
    }

    /** The client token must be the client id the job was handed out to. */
    private static Versioned<StoredJob> client(Versioned<StoredJob> read, String clientToken) {
        Optional<String> clientId = read.value().clientId();
        if (clientToken == null || clientId.isEmpty() || !clientId.get().equals(clientToken)) {
            throw INVALID_CLIENT_TOKEN.exception("The client token is not valid for job " + read.value().jobId());
        }
        return read;
    }

    private String customQueue(Tx tx, Namespace ns, ActionTypeId type, Map<String, String> queryParam) {
        return JobQueue.name(type, JobRules.queryValue(type, requireActionType(tx, ns, type), queryParam));
    }

    private Optional<String> requireActionType(Tx tx, Namespace ns, ActionTypeId type) {
        return actionTypes.queryableProperty(tx, ns, type)
                .orElseThrow(() -> ACTION_TYPE_NOT_FOUND.exception(JobRules.describe(type) + " is not available"));
    }

    /** A third party sees no pipeline ARN or execution id (AWS-BEHAVIOUR.md B.1). */
    private static ThirdPartyJobData thirdPartyData(JobData d) {
        PipelineContext c = d.pipelineContext();
        PipelineContext context = c == null ? null : new PipelineContext(c.pipelineName(), c.stage(), c.action(), null, null);
        return new ThirdPartyJobData(d.actionTypeId(), d.actionConfiguration(), context, d.inputArtifacts(),
                d.outputArtifacts(), d.artifactCredentials(), d.continuationToken(), d.encryptionKey());
    }
}
