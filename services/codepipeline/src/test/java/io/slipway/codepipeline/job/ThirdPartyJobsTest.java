package io.slipway.codepipeline.job;

import io.slipway.model.codepipeline.FailureDetails;
import io.slipway.model.codepipeline.FailureType;
import io.slipway.model.codepipeline.JobStatus;
import io.slipway.model.codepipeline.ThirdPartyJob;
import io.slipway.model.codepipeline.ThirdPartyJobDetails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.codepipeline.job.JobFixture.BUILD;
import static io.slipway.codepipeline.job.JobFixture.NS;
import static io.slipway.codepipeline.job.JobFixture.PARTNER;
import static io.slipway.codepipeline.job.JobFixture.assertError;
import static io.slipway.codepipeline.job.JobFixture.type;
import static io.slipway.model.codepipeline.CodePipelineErrors.ACTION_TYPE_NOT_FOUND;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_CLIENT_TOKEN;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_JOB;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_JOB_STATE;
import static io.slipway.model.codepipeline.CodePipelineErrors.INVALID_NONCE;
import static io.slipway.model.codepipeline.CodePipelineErrors.JOB_NOT_FOUND;
import static io.slipway.model.codepipeline.CodePipelineErrors.VALIDATION;
import static org.assertj.core.api.Assertions.assertThat;

/** Partner (ThirdParty) actions: the same job life, with a client id to prove on every call. */
class ThirdPartyJobsTest {
    private static final String UNKNOWN = "99999999-9999-4999-8999-999999999999";
    private static final FailureDetails FAILURE = new FailureDetails(FailureType.PERMISSION_ERROR, "denied", null);
    private static final JobResults.Success DONE = new JobResults.Success(Optional.empty(), Optional.empty(),
            Optional.empty(), Map.of());

    private final JobFixture f = new JobFixture();
    private final Jobs jobs = f.jobs;

    @AfterEach
    void close() {
        f.close();
    }

    private ThirdPartyJob pollOne() {
        List<ThirdPartyJob> polled = jobs.pollForThirdPartyJobs(NS, PARTNER, Optional.empty());
        assertThat(polled).hasSize(1);
        return polled.getFirst();
    }

    @Test
    void aPollHandsOutTheJobIdWithTheClientIdItIsGivenTo() {
        String id = f.create(PARTNER, "ae-1");
        ThirdPartyJob job = pollOne();
        assertThat(job.jobId()).isEqualTo(id);
        assertThat(job.clientId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(f.stored(id).clientId()).contains(job.clientId());
        assertThat(f.status(id)).isEqualTo(JobStatus.DISPATCHED);
        assertThat(jobs.pollForThirdPartyJobs(NS, PARTNER, Optional.of(10))).isEmpty();
    }

    @Test
    void onlyThirdPartyActionTypesArePolledThisWay() {
        assertError(VALIDATION, "ActionType with owner 'Custom' is not supported",
                () -> jobs.pollForThirdPartyJobs(NS, BUILD, Optional.empty()));
        assertError(ACTION_TYPE_NOT_FOUND, "Provider: 'Nobody'", () -> jobs.pollForThirdPartyJobs(NS,
                type(io.slipway.model.codepipeline.ActionOwner.THIRD_PARTY, "Nobody"), Optional.empty()));
        assertError(VALIDATION, "maxBatchSize", () -> jobs.pollForThirdPartyJobs(NS, PARTNER, Optional.of(0)));
    }

    @Test
    void detailsNeedTheClientTokenAndLeaveOutThePipelinesArnAndExecutionId() {
        String id = f.create(PARTNER, "ae-1");
        assertError(INVALID_CLIENT_TOKEN, id, () -> jobs.thirdPartyJobDetails(NS, id, "anyone"));
        ThirdPartyJob job = pollOne();

        assertError(INVALID_CLIENT_TOKEN, id, () -> jobs.thirdPartyJobDetails(NS, id, "someone-else"));
        ThirdPartyJobDetails details = jobs.thirdPartyJobDetails(NS, id, job.clientId());
        assertThat(details.id()).isEqualTo(id);
        assertThat(details.nonce()).isEqualTo(f.stored(id).nonce().orElseThrow());
        assertThat(details.data().pipelineContext().pipelineName()).isEqualTo("shop");
        assertThat(details.data().pipelineContext().action().actionExecutionId()).isEqualTo("ae-1");
        assertThat(details.data().pipelineContext().pipelineArn()).isNull();
        assertThat(details.data().pipelineContext().pipelineExecutionId()).isNull();
        assertThat(details.data().artifactCredentials()).isNotNull();

        assertError(JOB_NOT_FOUND, UNKNOWN, () -> jobs.thirdPartyJobDetails(NS, UNKNOWN, job.clientId()));
        String custom = f.create(BUILD, "ae-2");
        assertError(INVALID_JOB, custom, () -> jobs.thirdPartyJobDetails(NS, custom, job.clientId()));
    }

    @Test
    void acknowledgingNeedsTheClientTokenAndTheNonce() {
        String id = f.create(PARTNER, "ae-1");
        ThirdPartyJob job = pollOne();
        String nonce = jobs.thirdPartyJobDetails(NS, id, job.clientId()).nonce();

        assertError(INVALID_CLIENT_TOKEN, id, () -> jobs.acknowledgeThirdPartyJob(NS, id, nonce, "someone-else"));
        assertError(INVALID_NONCE, id, () -> jobs.acknowledgeThirdPartyJob(NS, id, "wrong", job.clientId()));
        assertError(JOB_NOT_FOUND, UNKNOWN, () -> jobs.acknowledgeThirdPartyJob(NS, UNKNOWN, nonce, job.clientId()));
        assertThat(f.status(id)).isEqualTo(JobStatus.DISPATCHED);

        assertThat(jobs.acknowledgeThirdPartyJob(NS, id, nonce, job.clientId())).isEqualTo(JobStatus.IN_PROGRESS);
        assertThat(jobs.acknowledgeThirdPartyJob(NS, id, nonce, job.clientId())).isEqualTo(JobStatus.IN_PROGRESS);
    }

    @Test
    void resultsNeedTheClientTokenAndAJobInProgress() {
        String id = f.create(PARTNER, "ae-1");
        ThirdPartyJob job = pollOne();
        assertError(INVALID_JOB_STATE, "Dispatched", () -> jobs.putThirdPartyJobSuccessResult(NS, id, job.clientId(), DONE));
        String nonce = jobs.thirdPartyJobDetails(NS, id, job.clientId()).nonce();
        jobs.acknowledgeThirdPartyJob(NS, id, nonce, job.clientId());

        assertError(INVALID_CLIENT_TOKEN, id, () -> jobs.putThirdPartyJobSuccessResult(NS, id, "someone-else", DONE));
        assertError(INVALID_CLIENT_TOKEN, id, () -> jobs.putThirdPartyJobFailureResult(NS, id, "someone-else", FAILURE));
        assertError(JOB_NOT_FOUND, UNKNOWN, () -> jobs.putThirdPartyJobSuccessResult(NS, UNKNOWN, job.clientId(), DONE));
        assertError(JOB_NOT_FOUND, UNKNOWN, () -> jobs.putThirdPartyJobFailureResult(NS, UNKNOWN, job.clientId(), FAILURE));

        JobResults.Success next = new JobResults.Success(Optional.of("partner-run-1"), Optional.empty(), Optional.empty(), Map.of());
        jobs.putThirdPartyJobSuccessResult(NS, id, job.clientId(), next);
        assertThat(f.status(id)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(f.results.results).singleElement().satisfies(r -> assertThat(r.success()).contains(next));
        assertError(INVALID_JOB_STATE, "Succeeded", () -> jobs.putThirdPartyJobFailureResult(NS, id, job.clientId(), FAILURE));
    }

    @Test
    void aFailureEndsTheJobAndTellsTheEngine() {
        String id = f.create(PARTNER, "ae-1");
        ThirdPartyJob job = pollOne();
        jobs.acknowledgeThirdPartyJob(NS, id, jobs.thirdPartyJobDetails(NS, id, job.clientId()).nonce(), job.clientId());

        jobs.putThirdPartyJobFailureResult(NS, id, job.clientId(), FAILURE);

        assertThat(f.status(id)).isEqualTo(JobStatus.FAILED);
        assertThat(f.results.results).singleElement().satisfies(r -> assertThat(r.failure()).contains(FAILURE));
    }

    @Test
    void customAndThirdPartyJobsAreNotServedByEachOthersOperations() {
        String partner = f.create(PARTNER, "ae-1");
        ThirdPartyJob job = pollOne();
        String nonce = f.stored(partner).nonce().orElseThrow();
        assertError(JOB_NOT_FOUND, partner, () -> jobs.jobDetails(NS, partner));
        assertError(JOB_NOT_FOUND, partner, () -> jobs.acknowledgeJob(NS, partner, nonce));
        assertError(JOB_NOT_FOUND, partner, () -> jobs.putJobSuccessResult(NS, partner, DONE));

        String custom = f.create(BUILD, "ae-2");
        assertError(JOB_NOT_FOUND, custom, () -> jobs.acknowledgeThirdPartyJob(NS, custom, nonce, job.clientId()));
        assertError(JOB_NOT_FOUND, custom, () -> jobs.putThirdPartyJobSuccessResult(NS, custom, job.clientId(), DONE));
        assertThat(jobs.pollForJobs(NS, BUILD, Optional.of(10), Map.of())).extracting(j -> j.id()).containsExactly(custom);
    }

    @Test
    void thirdPartyResultsCarryNoOutputVariables() {
        assertError(VALIDATION, "output variables", () -> jobs.putThirdPartyJobSuccessResult(NS, UNKNOWN, "c",
                new JobResults.Success(Optional.empty(), Optional.empty(), Optional.empty(), Map.of("A", "1"))));
    }
}
