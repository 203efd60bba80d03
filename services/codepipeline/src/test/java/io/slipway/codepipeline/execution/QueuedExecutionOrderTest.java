package io.slipway.codepipeline.execution;

import io.slipway.codepipeline.job.JobRecord;
import io.slipway.codepipeline.job.NewJob;
import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.WorkItem;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.WorkKey;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import io.slipway.model.codepipeline.ActionCategory;
import io.slipway.model.codepipeline.ActionDeclaration;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionTypeId;
import io.slipway.model.codepipeline.ArtifactStore;
import io.slipway.model.codepipeline.ArtifactStoreType;
import io.slipway.model.codepipeline.ExecutionMode;
import io.slipway.model.codepipeline.JobStatus;
import io.slipway.model.codepipeline.OutputArtifact;
import io.slipway.model.codepipeline.PipelineDeclaration;
import io.slipway.model.codepipeline.PipelineExecutionStatus;
import io.slipway.model.codepipeline.PipelineMetadata;
import io.slipway.model.codepipeline.PipelineType;
import io.slipway.model.codepipeline.StageDeclaration;
import io.slipway.model.codepipeline.StageExecution;
import io.slipway.model.codepipeline.StageState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QUEUED executions go through the stages in the order they started, even when the first step of
 * a later one is taken by a worker before the first step of an earlier one. The test takes that
 * step itself, before any worker runs, so the order it checks does not depend on scheduling.
 */
class QueuedExecutionOrderTest {
    private static final Namespace NS = new Namespace("111122223333", "eu-west-1");
    private static final String NAME = "queued";

    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final Database db = Database.open(DatabaseConfig.h2InMemory());
    private final CodePipelineStore store = new CodePipelineStore(db.jdbc(), new ResourceStore(db.jdbc(), clock));
    private final WorkQueue queue = new WorkQueue(db.jdbc(), clock, IdGenerator.uuid());
    private final Workers workers = new Workers(queue, clock, WorkersConfig.defaults("test"));
    private final PipelineDeclaration pipeline = PipelineDeclaration.builder().name(NAME).version(1)
            .roleArn("arn:aws:iam::111122223333:role/pipeline").pipelineType(PipelineType.V2)
            .executionMode(ExecutionMode.QUEUED)
            .artifactStore(ArtifactStore.builder().type(ArtifactStoreType.S3).location("artifacts").build())
            .stages(List.of(
                    stage("Source", ActionDeclaration.builder().name("Fetch")
                            .actionTypeId(new ActionTypeId(ActionCategory.SOURCE, ActionOwner.AWS, "S3", "1"))
                            .configuration(Map.of("S3Bucket", "sources", "S3ObjectKey", "app.zip"))
                            .outputArtifacts(List.of(OutputArtifact.builder().name("SourceOutput").build())).build()),
                    stage("Approve", ActionDeclaration.builder().name("Approve")
                            .actionTypeId(new ActionTypeId(ActionCategory.APPROVAL, ActionOwner.AWS, "Manual", "1"))
                            .build())))
            .build();
    private final ExecutionEngine engine;
    private final Executions executions;

    QueuedExecutionOrderTest() {
        PipelineDefinitions definitions = new OnePipeline();
        ActionStarts actions = new ActionStarts(store, queue, clock, IdGenerator.uuid(), definitions, new InstantSource());
        actions.useJobs(new NoJobs());
        engine = new ExecutionEngine(store, queue, clock, definitions, actions);
        engine.register(workers);
        executions = new Executions(store, engine, definitions, clock, IdGenerator.uuid());
    }

    @AfterEach
    void close() {
        workers.close();
        db.close();
    }

    @Test
    void aLaterExecutionWhoseStepRunsFirstStillWaitsForTheEarlierOnes() throws InterruptedException {
        String first = start();
        String second = start();
        String third = start();
        takeStep(third);
        runWorkers();

        StageState approve = stage("Approve");
        assertThat(approve.latestExecution().pipelineExecutionId()).isEqualTo(first);
        assertThat(approve.inboundExecutions()).extracting(StageExecution::pipelineExecutionId)
                .containsExactly(second, third);
        assertThat(stage("Source").inboundExecutions()).isEmpty();
    }

    @Test
    void stoppingTheHeadOfTheQueueLetsTheNextOneIn() throws InterruptedException {
        String first = start();
        String second = start();
        takeStep(second); // waits behind the first, which has not taken its own step yet
        assertThat(stage("Source").inboundExecutions()).extracting(StageExecution::pipelineExecutionId)
                .containsExactly(first, second);
        executions.stop(NS, NAME, first, false, "not this one");
        runWorkers();

        assertThat(executions.get(NS, NAME, first).status()).isEqualTo(PipelineExecutionStatus.STOPPED);
        assertThat(stage("Approve").latestExecution()).as("the next one entered both stages").isNotNull()
                .extracting(StageExecution::pipelineExecutionId).isEqualTo(second);
        assertThat(stage("Source").inboundExecutions()).isEmpty();
    }

    private String start() {
        String id = executions.start(NS, NAME, List.of(), null);
        clock.advance(Duration.ofMillis(1));
        return id;
    }

    /** Takes the execution's pending step as a worker would, ahead of the other due work, which stays due. */
    private void takeStep(String executionId) {
        List<WorkItem> due = queue.claim("test", clock.now(), 100, Duration.ofMinutes(1));
        for (WorkItem item : due) {
            if (item.kind().equals(ExecutionEngine.STEP) && item.payload().equals(WorkKey.payload(NS, executionId))) {
                store.inRetriedTransaction(tx -> engine.advance(tx, NS, executionId));
                queue.complete(item);
            } else {
                queue.reschedule(item, clock.now());
            }
        }
    }

    private void runWorkers() throws InterruptedException {
        workers.start();
        assertThat(workers.awaitIdle(Duration.ofSeconds(30))).as("the engine settles").isTrue();
    }

    private StageState stage(String name) {
        return executions.state(NS, NAME).stageStates().stream().filter(s -> s.stageName().equals(name))
                .findFirst().orElseThrow();
    }

    private static StageDeclaration stage(String name, ActionDeclaration action) {
        return StageDeclaration.builder().name(name).actions(List.of(action)).build();
    }

    private final class OnePipeline implements PipelineDefinitions {
        @Override
        public Optional<PipelineDeclaration> declaration(Tx tx, Namespace ns, String name) {
            return Optional.of(pipeline).filter(p -> ns.equals(NS) && name.equals(NAME));
        }

        @Override
        public Optional<PipelineDeclaration> declaration(Tx tx, Namespace ns, String name, int version) {
            return declaration(tx, ns, name).filter(p -> p.version() == version);
        }

        @Override
        public Optional<PipelineMetadata> metadata(Tx tx, Namespace ns, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> queryableProperty(Tx tx, Namespace ns, ActionTypeId type) {
            return Optional.empty();
        }
    }

    /** An S3 source whose object is always there. */
    private static final class InstantSource implements ActionTargets {
        @Override
        public Optional<SourceObject> copySource(Namespace ns, String bucket, String key, String artifactBucket,
                                                 String artifactKey) {
            return Optional.of(new SourceObject("v1", "etag"));
        }

        @Override
        public Optional<String> invokeFunction(Namespace ns, String functionName, String event) {
            return Optional.of("no functions here");
        }

        @Override
        public String createDeployment(Namespace ns, String application, String deploymentGroup, String bucket,
                                       String key, String bundleType, String description) {
            throw new UnsupportedOperationException("no deployments here");
        }

        @Override
        public DeploymentState deploymentState(Namespace ns, String deploymentId) {
            throw new UnsupportedOperationException("no deployments here");
        }
    }

    /** The pipeline has no job actions. */
    private static final class NoJobs implements JobQueue {
        @Override
        public String create(Tx tx, Namespace ns, NewJob job) {
            throw new UnsupportedOperationException("no job actions here");
        }

        @Override
        public void cancel(Tx tx, Namespace ns, String actionExecutionId, JobStatus status) {
        }

        @Override
        public Optional<JobRecord> get(Tx tx, Namespace ns, String jobId) {
            return Optional.empty();
        }
    }
}
