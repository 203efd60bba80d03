package io.slipway.codepipeline.job;

import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ExecutionDetails;
import io.slipway.model.codepipeline.FailureDetails;
import io.slipway.model.codepipeline.FailureType;
import io.slipway.model.codepipeline.Job;
import io.slipway.model.codepipeline.JobDetails;
import io.slipway.model.codepipeline.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.codepipeline.job.JobFixture.BUILD;
import static io.slipway.codepipeline.job.JobFixture.LAMBDA;
import static io.slipway.codepipeline.job.JobFixture.NS;
import static io.slipway.codepipeline.job.JobFixture.QUERYABLE;
import static io.slipway.codepipeline.job.JobFixture.assertError;
import static io.slipway.codepipeline.job.JobFixture.newJob;
import static io.slipway.codepipeline.job.JobFixture.type;
import static io.slipway.model.codepipeline.CodePipelineErrors.ACTION_TYPE_NOT_FOUND;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_JOB_STATE;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_NONCE;
import static io.slipway.model.codepipeline.CodePipelineErrors.JOB_NOT_FOUND;
import static io.slipway.model.codepipeline.CodePipelineErrors.OUTPUT_VARIABLES_SIZE_EXCEEDED;
import static io.slipway.model.codepipeline.CodePipelineErrors.VALIDATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Custom-action job workers (AWS-BEHAVIOUR.md B.1) and the engine's side of jobs. */
class JobsTest {
    private static final String UNKNOWN = "99999999-9999-4999-8999-999999999999";
    private static final FailureDetails FAILURE = new FailureDetails(FailureType.JOB_FAILED, "tests failed", "run-7");

    private final JobFixture f = new JobFixture();
    private final Jobs jobs = f.jobs;

    @AfterEach
    void close() {
        f.close();
    }

    private List<Job> poll(int max) {
        return jobs.pollForJobs(NS, BUILD, Optional.of(max), Map.of());
    }

    private Job pollOne() {
        List<Job> polled = jobs.pollForJobs(NS, BUILD, Optional.empty(), Map.of());
        assertThat(polled).hasSize(1);
        return polled.getFirst();
    }

    private static JobResults.Success success(Optional<String> token, Map<String, String> variables) {
        return new JobResults.Success(token, Optional.empty(), Optional.empty(), variables);
    }

    private static JobResults.Success done() {
        return success(Optional.empty(), Map.of());
    }

    /** Polled and acknowledged: a job a worker may report on. */
    private String inProgress(String actionExecutionId) {
        String id = f.create(BUILD, actionExecutionId);
        Job job = pollOne();
        assertThat(job.id()).isEqualTo(id);
        assertThat(jobs.acknowledgeJob(NS, id, job.nonce())).isEqualTo(JobStatus.IN_PROGRESS);
        return id;
    }

    // ---- PollForJobs ----

    @Test
    void aNewJobIsQueuedAndOnePollHandsItOutWithItsDataANonceAndTheAccount() {
        String id = f.create(BUILD, "ae-1");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(id).as("ids start with their creation time, so they sort by it").startsWith(
                String.format("%012x", f.clock.now().minusMillis(5).toEpochMilli()).substring(0, 8));
        assertThat(f.status(id)).isEqualTo(JobStatus.QUEUED);

        Job job = pollOne();
        assertThat(job.id()).isEqualTo(id);
        assertThat(job.accountId()).isEqualTo(NS.account());
        assertThat(job.nonce()).isNotBlank().hasSizeLessThanOrEqualTo(50);
        assertThat(job.data().actionTypeId()).isEqualTo(BUILD);
        assertThat(job.data().pipelineContext().action().actionExecutionId()).isEqualTo("ae-1");
        assertThat(job.data().artifactCredentials().secretAccessKey()).isEqualTo("secret");
        assertThat(f.status(id)).isEqualTo(JobStatus.DISPATCHED);
        assertThat(f.stored(id).history()).extracting(StoredJob.Transition::status)
                .containsExactly(JobStatus.CREATED, JobStatus.QUEUED, JobStatus.DISPATCHED);

        assertThat(poll(10)).as("a dispatched job is not handed out again").isEmpty();
    }

    @Test
    void pollsHandOutTheOldestJobsFirstUpToTheBatchSizeWhichDefaultsToOne() {
        String first = f.create(BUILD, "ae-1");
        String second = f.create(BUILD, "ae-2");
        String third = f.create(BUILD, "ae-3");

        assertThat(pollOne().id()).isEqualTo(first);
        assertThat(poll(5)).extracting(Job::id).containsExactly(second, third);
        assertThat(poll(5)).isEmpty();
    }

    @Test
    void aBatchLargerThanAHundredIsServedAsAHundred() {
        for (int i = 0; i < 101; i++) {
            f.create(BUILD, "ae-" + i);
        }
        assertThat(poll(1000)).hasSize(JobRules.MAX_BATCH);
        assertThat(poll(1000)).hasSize(1);
    }

    @Test
    void aBatchSizeBelowOneIsAValidationError() {
        assertError(VALIDATION, "maxBatchSize", () -> poll(0));
    }

    @Test
    void pollsReturnOnlyJobsOfTheirActionTypeAndNamespace() {
        f.create(BUILD, "ae-1");
        f.actionTypes.put(type(ActionOwner.CUSTOM, "Other"), Optional.empty());
        assertThat(jobs.pollForJobs(NS, type(ActionOwner.CUSTOM, "Other"), Optional.of(10), Map.of())).isEmpty();
        assertError(ACTION_TYPE_NOT_FOUND, "is not available",
                () -> jobs.pollForJobs(new io.slipway.core.Namespace(NS.account(), "us-east-1"), BUILD,
                        Optional.empty(), Map.of()));
        assertThat(poll(10)).hasSize(1);
    }

    @Test
    void onlyCustomActionTypesArePolledForJobs() {
        // What AWS answers (boto/boto3#1100): a ValidationException naming the owner.
        assertError(VALIDATION, "ActionType with owner 'AWS' is not supported",
                () -> jobs.pollForJobs(NS, LAMBDA, Optional.empty(), Map.of()));
        assertError(VALIDATION, "ActionType with owner 'ThirdParty' is not supported",
                () -> jobs.pollForJobs(NS, JobFixture.PARTNER, Optional.empty(), Map.of()));
    }

    @Test
    void aCustomActionTypeThatDoesNotExistIsNotFound() {
        assertError(ACTION_TYPE_NOT_FOUND,
                "ActionType (Category: 'Build', Owner: 'Custom', Provider: 'Nobody', Version: '1') is not available",
                () -> jobs.pollForJobs(NS, type(ActionOwner.CUSTOM, "Nobody"), Optional.empty(), Map.of()));
    }

    @Test
    void aTypeWithoutAQueryablePropertyTakesNoQueryParam() {
        assertError(VALIDATION, "has no queryable property",
                () -> jobs.pollForJobs(NS, BUILD, Optional.empty(), Map.of("Project", "shop")));
    }

    @Test
    void aTypeWithAQueryablePropertyMustBePolledWithItAndHandsOutOnlyMatchingJobs() {
        String shop = f.create(newJob(QUERYABLE, "ae-1", Optional.of("shop"), true, Optional.empty()));
        String blog = f.create(newJob(QUERYABLE, "ae-2", Optional.of("blog"), true, Optional.empty()));

        assertError(VALIDATION, "queryable property Project",
                () -> jobs.pollForJobs(NS, QUERYABLE, Optional.empty(), Map.of()));
        assertError(VALIDATION, "queryable property Project",
                () -> jobs.pollForJobs(NS, QUERYABLE, Optional.empty(), Map.of("Projekt", "shop")));

        assertThat(jobs.pollForJobs(NS, QUERYABLE, Optional.of(10), Map.of("Project", "blog")))
                .extracting(Job::id).containsExactly(blog);
        assertThat(jobs.pollForJobs(NS, QUERYABLE, Optional.of(10), Map.of("Project", "shop")))
                .extracting(Job::id).containsExactly(shop);
        assertThat(jobs.pollForJobs(NS, QUERYABLE, Optional.of(10), Map.of("Project", "docs"))).isEmpty();
    }

    // ---- AcknowledgeJob ----

    @Test
    void theRightNonceTakesTheJobAndAskingAgainAnswersItsStatus() {
        String id = f.create(BUILD, "ae-1");
        Job job = pollOne();

        assertError(INVALID_NONCE, id, () -> jobs.acknowledgeJob(NS, id, "not-the-nonce"));
        assertThat(f.status(id)).isEqualTo(JobStatus.DISPATCHED);

        assertThat(jobs.acknowledgeJob(NS, id, job.nonce())).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(jobs.acknowledgeJob(NS, id, job.nonce())).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(f.status(id)).isEqualTo(JobStatus.IN_PROGRESS);

        jobs.putJobSuccessResult(NS, id, done());
        assertThat(jobs.acknowledgeJob(NS, id, job.nonce())).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aJobNoPollHandedOutHasNoNonceToAcknowledgeWith() {
        String id = f.create(BUILD, "ae-1");
        assertError(INVALID_NONCE, id, () -> jobs.acknowledgeJob(NS, id, "1"));
        assertThat(f.status(id)).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void acknowledgingAnUnknownJobIsNotFound() {
        assertError(JOB_NOT_FOUND, UNKNOWN, () -> jobs.acknowledgeJob(NS, UNKNOWN, "1"));
    }

    // ---- GetJobDetails ----

    @Test
    void jobDetailsAreTheJobsIdDataAndAccount() {
        String id = f.create(BUILD, "ae-1");
        JobDetails details = jobs.jobDetails(NS, id);
        assertThat(details.id()).isEqualTo(id);
        assertThat(details.accountId()).isEqualTo(NS.account());
        assertThat(details.data()).isEqualTo(f.stored(id).data());
        assertThat(details.data().inputArtifacts()).extracting(a -> a.location().s3Location().objectKey())
                .containsExactly("shop/SourceArti/abc123");

        assertError(JOB_NOT_FOUND, UNKNOWN, () -> jobs.jobDetails(NS, UNKNOWN));
        assertError(JOB_NOT_FOUND, id, () -> jobs.jobDetails(new io.slipway.core.Namespace("444455556666", NS.region()), id));
    }

    // ---- PutJobSuccessResult ----

    @Test
    void aSuccessEndsTheJobAndTellsTheEngineInTheSameTransaction() {
        String id = inProgress("ae-1");
        var revision = io.slipway.model.codepipeline.CurrentRevision.builder().revision("r1").changeIdentifier("c1").build();
        JobResults.Success success = new JobResults.Success(Optional.empty(), Optional.of(revision),
                Optional.of(new ExecutionDetails("built", "run-7", 100)), Map.of("BuildNumber", "42"));

        jobs.putJobSuccessResult(NS, id, success);

        assertThat(f.status(id)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(f.results.results).singleElement().satisfies(r -> {
            assertThat(r.job()).isEqualTo(f.get(id).orElseThrow());
            assertThat(r.job().actionExecutionId()).isEqualTo("ae-1");
            assertThat(r.job().pipelineExecutionId()).isEqualTo("pe-ae-1");
            assertThat(r.success()).contains(success);
        });
        assertError(INVALID_JOB_STATE, "Succeeded", () -> jobs.putJobSuccessResult(NS, id, done()));
        assertError(INVALID_JOB_STATE, "Succeeded", () -> jobs.putJobFailureResult(NS, id, FAILURE));
        assertThat(f.results.results).hasSize(1);
    }

    @Test
    void onlyAnAcknowledgedJobTakesAResult() {
        String queued = f.create(BUILD, "ae-1");
        assertError(INVALID_JOB_STATE, "Queued", () -> jobs.putJobSuccessResult(NS, queued, done()));
        pollOne();
        assertError(INVALID_JOB_STATE, "Dispatched", () -> jobs.putJobSuccessResult(NS, queued, done()));
        assertError(INVALID_JOB_STATE, "Dispatched", () -> jobs.putJobFailureResult(NS, queued, FAILURE));
        assertError(JOB_NOT_FOUND, UNKNOWN, () -> jobs.putJobSuccessResult(NS, UNKNOWN, done()));
        assertThat(f.results.results).isEmpty();
    }

    @Test
    void outputVariablesComeOnlyWithoutAContinuationToken() {
        String id = inProgress("ae-1");
        assertError(VALIDATION, "outputVariables can be included only when there is no continuation token",
                () -> jobs.putJobSuccessResult(NS, id, success(Optional.of("step-1"), Map.of("A", "1"))));
        assertThat(f.status(id)).isEqualTo(JobStatus.IN_PROGRESS);
    }

    @Test
    void outputVariablesTakeAtMost122880BytesOfKeysAndValues() {
        String id = inProgress("ae-1");
        String tooMuch = "x".repeat(JobRules.OUTPUT_VARIABLES_BYTES - 2);
        assertError(OUTPUT_VARIABLES_SIZE_EXCEEDED, "122880",
                () -> jobs.putJobSuccessResult(NS, id, success(Optional.empty(), Map.of("AB", tooMuch + "é"))));
        assertThat(f.status(id)).isEqualTo(JobStatus.IN_PROGRESS);

        jobs.putJobSuccessResult(NS, id, success(Optional.empty(), Map.of("AB", tooMuch)));
        assertThat(f.status(id)).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aContinuationTokenLetsTheEngineQueueTheNextJobWhichTheNextPollHandsOut() {
        f.results.onSuccess = (tx, job) -> jobs.create(tx, NS, newJob(BUILD, job.actionExecutionId(), Optional.empty(),
                true, Optional.of("step-1")));
        String first = inProgress("ae-1");

        jobs.putJobSuccessResult(NS, first, success(Optional.of("step-1"), Map.of()));

        Job next = pollOne();
        assertThat(next.id()).isNotEqualTo(first);
        assertThat(next.data().continuationToken()).isEqualTo("step-1");
        assertThat(next.data().pipelineContext().action().actionExecutionId()).isEqualTo("ae-1");
        assertThat(f.status(first)).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void whenTheEngineFailsToTakeTheResultTheJobStaysInProgress() {
        String id = inProgress("ae-1");
        f.results.onSuccess = (tx, job) -> {
            throw new IllegalStateException("engine broke");
        };
        assertThatThrownBy(() -> jobs.putJobSuccessResult(NS, id, done())).hasMessage("engine broke");
        assertThat(f.status(id)).isEqualTo(JobStatus.IN_PROGRESS);
    }

    // ---- PutJobFailureResult ----

    @Test
    void aFailureEndsTheJobAndTellsTheEngine() {
        String id = inProgress("ae-1");
        assertError(VALIDATION, "failureDetails", () -> jobs.putJobFailureResult(NS, id, null));

        jobs.putJobFailureResult(NS, id, FAILURE);

        assertThat(f.status(id)).isEqualTo(JobStatus.FAILED);
        assertThat(f.results.results).singleElement().satisfies(r -> {
            assertThat(r.job().jobId()).isEqualTo(id);
            assertThat(r.failure()).contains(FAILURE);
        });
        assertError(INVALID_JOB_STATE, "Failed", () -> jobs.putJobFailureResult(NS, id, FAILURE));
        assertError(JOB_NOT_FOUND, UNKNOWN, () -> jobs.putJobFailureResult(NS, UNKNOWN, FAILURE));
    }

    // ---- the engine's side ----

    @Test
    void cancellingEndsTheOpenJobsOfAnActionExecutionAndRefusesLateResults() {
        String queued = f.create(BUILD, "ae-1");
        String other = f.create(BUILD, "ae-2");
        f.cancel("ae-1", JobStatus.TIMED_OUT);

        assertThat(f.status(queued)).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(f.status(other)).isEqualTo(JobStatus.QUEUED);
        assertThat(poll(10)).as("a cancelled job is never handed out").extracting(Job::id).containsExactly(other);

        String working = f.create(BUILD, "ae-3");
        Job job = pollOne();
        assertThat(job.id()).isEqualTo(working);
        assertThat(jobs.acknowledgeJob(NS, working, job.nonce())).isEqualTo(JobStatus.IN_PROGRESS);
        f.cancel("ae-3", JobStatus.FAILED);

        assertThat(jobs.acknowledgeJob(NS, working, job.nonce())).isEqualTo(JobStatus.FAILED);
        assertError(INVALID_JOB_STATE, "Failed", () -> jobs.putJobSuccessResult(NS, working, done()));
        assertThat(f.results.results).as("the engine ended the action itself").isEmpty();
        assertThat(f.stored(working).history()).extracting(StoredJob.Transition::status).containsExactly(
                JobStatus.CREATED, JobStatus.QUEUED, JobStatus.DISPATCHED, JobStatus.IN_PROGRESS, JobStatus.FAILED);

        f.cancel("ae-3", JobStatus.FAILED); // nothing open any more: nothing happens
        assertThat(f.status(working)).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void aDispatchedJobCanBeCancelledToo() {
        String id = f.create(BUILD, "ae-1");
        Job job = pollOne();
        f.cancel("ae-1", JobStatus.TIMED_OUT);
        assertThat(jobs.acknowledgeJob(NS, id, job.nonce())).isEqualTo(JobStatus.TIMED_OUT);
    }

    @Test
    void jobsEndOnlyAsTimedOutOrFailedWhenCancelled() {
        f.create(BUILD, "ae-1");
        assertThatThrownBy(() -> f.cancel("ae-1", JobStatus.SUCCEEDED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEngineReadsAJobBackAsItsRecord() {
        NewJob job = newJob(BUILD, "ae-1", Optional.empty(), true, Optional.empty());
        String id = f.create(job);
        assertThat(f.get(id)).contains(new JobRecord(id, job.data(), "shop", "pe-ae-1", "ae-1"));
        assertThat(f.get(UNKNOWN)).isEmpty();
    }

    @Test
    void aJobNoWorkerPollsForIsServedByDetailsAndResultsButNeverByPolls() {
        NewJob invoke = newJob(LAMBDA, "ae-1", Optional.empty(), false, Optional.empty());
        String id = f.create(invoke);
        f.create(BUILD, "ae-2");

        assertThat(poll(10)).extracting(Job::id).doesNotContain(id);
        assertThat(f.status(id)).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(jobs.jobDetails(NS, id).data().actionTypeId()).isEqualTo(LAMBDA);

        jobs.putJobSuccessResult(NS, id, success(Optional.empty(), Map.of("Out", "1")));
        assertThat(f.status(id)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(f.results.results).extracting(r -> r.job().jobId()).containsExactly(id);
    }
}
