package io.slipway.codepipeline.job;

import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.Tx;
import io.slipway.model.codepipeline.AWSSessionCredentials;
import io.slipway.model.codepipeline.ActionCategory;
import io.slipway.model.codepipeline.ActionConfiguration;
import io.slipway.model.codepipeline.ActionContext;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.Artifact;
import io.slipway.model.codepipeline.ArtifactLocation;
import io.slipway.model.codepipeline.ArtifactLocationType;
import io.slipway.model.codepipeline.FailureDetails;
import io.slipway.model.codepipeline.JobData;
import io.slipway.model.codepipeline.JobStatus;
import io.slipway.model.codepipeline.PipelineContext;
import io.slipway.model.codepipeline.S3ArtifactLocation;
import io.slipway.model.codepipeline.StageContext;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsException;
import org.assertj.core.api.ThrowableAssert;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An embedded store, a manual clock, predictable ids, action types by hand and a recording engine. */
final class JobFixture implements AutoCloseable {
    static final Namespace NS = new Namespace("111122223333", "eu-west-1");
    static final ActionTypeId BUILD = type(ActionOwner.CUSTOM, "JenkinsBuild");
    static final ActionTypeId QUERYABLE = type(ActionOwner.CUSTOM, "ProjectBuild");
    static final ActionTypeId PARTNER = type(ActionOwner.THIRD_PARTY, "PartnerBuild");
    static final ActionTypeId LAMBDA = new ActionTypeId(ActionCategory.INVOKE, ActionOwner.AWS, "Lambda", "1");

    final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    final Database db = Database.open(DatabaseConfig.h2InMemory());
    final CodePipelineStore store = new CodePipelineStore(db.jdbc(), new ResourceStore(db.jdbc(), clock));
    final Map<ActionTypeId, Optional<String>> actionTypes = new HashMap<>(Map.of(
            BUILD, Optional.empty(), QUERYABLE, Optional.of("Project"), PARTNER, Optional.empty()));
    final RecordingResults results = new RecordingResults();
    final Jobs jobs = new Jobs(store, clock, new CountingIds(), results,
            (tx, ns, id) -> ns.equals(NS) ? Optional.ofNullable(actionTypes.get(id)) : Optional.empty(),
            ArtifactCredentials.STORED);

    static ActionTypeId type(ActionOwner owner, String provider) {
        return new ActionTypeId(ActionCategory.BUILD, owner, provider, "1");
    }

    /** Job ids and nonces shaped like AWS's (UUIDs), in creation order. */
    static final class CountingIds implements IdGenerator {
        private final AtomicLong next = new AtomicLong();

        @Override
        public String newId() {
            return String.format("00000000-0000-4000-8000-%012d", next.incrementAndGet());
        }
    }

    /** The engine's side: records every result, and may act on it in the same transaction. */
    static final class RecordingResults implements JobResults {
        record Result(JobRecord job, Optional<Success> success, Optional<FailureDetails> failure) {
        }

        final List<Result> results = new CopyOnWriteArrayList<>();
        volatile BiConsumer<Tx, JobRecord> onSuccess = (tx, job) -> { };

        @Override
        public void succeeded(Tx tx, Namespace ns, JobRecord job, Success success) {
            results.add(new Result(job, Optional.of(success), Optional.empty()));
            onSuccess.accept(tx, job);
        }

        @Override
        public void failed(Tx tx, Namespace ns, JobRecord job, FailureDetails failure) {
            results.add(new Result(job, Optional.empty(), Optional.of(failure)));
        }
    }

    static JobData data(ActionTypeId type, String actionExecutionId, Map<String, String> configuration,
                        Optional<String> continuationToken) {
        S3ArtifactLocation source = new S3ArtifactLocation("artifacts", "shop/SourceArti/abc123");
        S3ArtifactLocation output = new S3ArtifactLocation("artifacts", "shop/BuildArtif/def456");
        return JobData.builder()
                .actionTypeId(type)
                .actionConfiguration(new ActionConfiguration(configuration))
                .pipelineContext(new PipelineContext("shop", new StageContext("Build"),
                        new ActionContext("Build", actionExecutionId),
                        "arn:aws:codepipeline:eu-west-1:111122223333:shop", "pe-" + actionExecutionId))
                .inputArtifacts(List.of(new Artifact("SourceArtifact", null,
                        new ArtifactLocation(ArtifactLocationType.S3, source))))
                .outputArtifacts(List.of(new Artifact("BuildArtifact", null,
                        new ArtifactLocation(ArtifactLocationType.S3, output))))
                .artifactCredentials(new AWSSessionCredentials("111122223333", "secret", "session"))
                .continuationToken(continuationToken.orElse(null))
                .build();
    }

    static NewJob newJob(ActionTypeId type, String actionExecutionId, Optional<String> queryValue, boolean pollable,
                         Optional<String> continuationToken) {
        Map<String, String> configuration = queryValue.map(v -> Map.of("Project", v)).orElse(Map.of("Mode", "fast"));
        return new NewJob(data(type, actionExecutionId, configuration, continuationToken), "shop",
                "pe-" + actionExecutionId, actionExecutionId, queryValue, pollable,
                Instant.parse("2025-03-02T10:00:00Z"));
    }

    String create(ActionTypeId type, String actionExecutionId) {
        return create(newJob(type, actionExecutionId, Optional.empty(), true, Optional.empty()));
    }

    String create(NewJob job) {
        String id = store.inTransaction(tx -> jobs.create(tx, NS, job));
        clock.advance(Duration.ofMillis(5));
        return id;
    }

    Optional<JobRecord> get(String jobId) {
        return store.inTransaction(tx -> jobs.get(tx, NS, jobId));
    }

    StoredJob stored(String jobId) {
        return store.get(StoredJob.TYPE, NS, jobId).orElseThrow();
    }

    JobStatus status(String jobId) {
        return stored(jobId).status();
    }

    void cancel(String actionExecutionId, JobStatus status) {
        store.inTransaction(tx -> {
            jobs.cancel(tx, NS, actionExecutionId, status);
            return null;
        });
    }

    static void assertError(AwsError error, String messagePart, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.error()).isEqualTo(error);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
