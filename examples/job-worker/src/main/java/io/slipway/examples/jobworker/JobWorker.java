package io.slipway.examples.jobworker;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClientBuilder;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.Artifact;
import software.amazon.awssdk.services.codepipeline.model.CodePipelineException;
import software.amazon.awssdk.services.codepipeline.model.FailureType;
import software.amazon.awssdk.services.codepipeline.model.Job;
import software.amazon.awssdk.services.codepipeline.model.JobData;
import software.amazon.awssdk.services.codepipeline.model.JobStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CodePipeline job worker for one custom action type, on the AWS SDK for Java v2, as one would
 * write it for AWS: poll for jobs, acknowledge each, read its details, download the input artifacts
 * with the job's credentials, "build" (zip them with a {@code build.txt}), upload the output
 * artifact, and report PutJobSuccessResult (or PutJobFailureResult when something goes wrong).
 *
 * <p>An action takes {@link JobWorkerSettings#steps()} jobs: each but the last answers a continuation
 * token ({@code step-1}, {@code step-2}, ...), so CodePipeline queues the action's next job; the last
 * builds the artifact and reports the output variables {@code BuildNumber} and {@code CommitId}. A
 * job whose configuration has {@code FailWith} is failed with that message, for trying out failures.
 *
 * <p>Use it as a library ({@link #runOnce()} polls once and works what it got; {@link #start()} polls
 * in the background until {@link #close()}) or as a command ({@link #main}).
 */
public final class JobWorker implements AutoCloseable {
    /** A configuration property that makes the job fail with its value as the message. */
    public static final String FAIL_WITH = "FailWith";
    private static final int MAX_FAILURE_MESSAGE = 5000;

    private final JobWorkerSettings settings;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final CodePipelineClient codePipeline;
    private final ActionTypeId actionType;
    private final AtomicLong builds = new AtomicLong();
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running;
    private Thread loop;

    /** A worker with the SDK's default credentials (environment, profile, ...). */
    public JobWorker(JobWorkerSettings settings) {
        this(settings, DefaultCredentialsProvider.builder().build());
    }

    public JobWorker(JobWorkerSettings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build();
        CodePipelineClientBuilder builder = CodePipelineClient.builder().httpClient(http)
                .region(Region.of(settings.region())).credentialsProvider(credentials);
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.codePipeline = builder.build();
        this.actionType = ActionTypeId.builder().category(settings.category()).owner(ActionOwner.CUSTOM)
                .provider(settings.provider()).version(settings.version()).build();
    }

    public JobWorkerSettings settings() {
        return settings;
    }

    /** Everything this worker has done so far, in order. */
    public List<Outcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    /** Polls once and works every job it got, one after the other; what it did with each. */
    public List<Outcome> runOnce() {
        List<Job> jobs = codePipeline.pollForJobs(r -> r.actionTypeId(actionType).maxBatchSize(settings.maxBatchSize())
                .queryParam(settings.queryParam().isEmpty() ? null : settings.queryParam())).jobs();
        List<Outcome> done = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            Outcome outcome = work(job);
            outcomes.add(outcome);
            done.add(outcome);
            log(outcome.jobId() + " step " + outcome.step() + ": " + outcome.result() + " (" + outcome.detail() + ")");
        }
        return done;
    }

    /** Polls in a background thread until {@link #close()}, waiting the poll interval whenever a poll finds nothing. */
    public synchronized void start() {
        if (loop != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        loop = Thread.ofPlatform().name("job-worker-" + settings.provider()).daemon().start(() -> {
            while (running) {
                boolean idle;
                try {
                    idle = runOnce().isEmpty();
                } catch (SdkException e) {
                    if (!running) {
                        return;
                    }
                    log("poll failed, trying again: " + e.getMessage());
                    idle = true;
                }
                if (idle && !pause()) {
                    return;
                }
            }
        });
    }

    private boolean pause() {
        try {
            Thread.sleep(settings.pollInterval());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops the background loop (after the job in hand) and closes the clients. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = loop;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        codePipeline.close();
        http.close();
    }

    private Outcome work(Job job) {
        String jobId = job.id();
        int step = step(job.data().continuationToken());
        JobStatus status;
        try {
            status = codePipeline.acknowledgeJob(r -> r.jobId(jobId).nonce(job.nonce())).status();
        } catch (CodePipelineException e) {
            return new Outcome(jobId, step, Outcome.Result.SKIPPED, "acknowledge: " + e.awsErrorDetails().errorCode());
        }
        if (status != JobStatus.IN_PROGRESS) {
            return new Outcome(jobId, step, Outcome.Result.SKIPPED, "acknowledged as " + status);
        }
        try {
            // What a long-running worker does for fresh artifact credentials; here, the job as CodePipeline has it now.
            JobData data = codePipeline.getJobDetails(r -> r.jobId(jobId)).jobDetails().data();
            String failWith = data.actionConfiguration() == null ? null
                    : data.actionConfiguration().configuration().get(FAIL_WITH);
            if (failWith != null) {
                return fail(jobId, step, failWith);
            }
            if (step < settings.steps()) {
                String token = "step-" + step;
                codePipeline.putJobSuccessResult(r -> r.jobId(jobId).continuationToken(token).executionDetails(d -> d
                        .summary("step " + step + " of " + settings.steps()).externalExecutionId(jobId)
                        .percentComplete(step * 100 / settings.steps())));
                return new Outcome(jobId, step, Outcome.Result.CONTINUED, token);
            }
            return build(jobId, step, data);
        } catch (CodePipelineException e) {
            // The job ended meanwhile (timed out, the execution stopped): there is no one left to tell.
            return new Outcome(jobId, step, Outcome.Result.SKIPPED, e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage());
        } catch (RuntimeException e) {
            return fail(jobId, step, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Outcome build(String jobId, int step, JobData data) {
        long buildNumber = builds.incrementAndGet();
        List<BuildOutput.Input> inputs = new ArrayList<>();
        try (ArtifactStore store = new ArtifactStore(settings.endpoint(), settings.region(), http,
                data.artifactCredentials(), credentials)) {
            for (Artifact artifact : data.inputArtifacts()) {
                inputs.add(new BuildOutput.Input(artifact.name(), store.download(artifact)));
            }
            String commitId = data.inputArtifacts().stream().map(Artifact::revision)
                    .filter(r -> r != null && !r.isEmpty()).findFirst()
                    .orElse(inputs.isEmpty() ? "none" : BuildOutput.shortDigest(inputs.getFirst().bytes()));
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("pipeline", data.pipelineContext().pipelineName());
            facts.put("stage", data.pipelineContext().stage().name());
            facts.put("action", data.pipelineContext().action().name());
            facts.put("actionExecutionId", data.pipelineContext().action().actionExecutionId());
            facts.put("jobId", jobId);
            facts.put("buildNumber", Long.toString(buildNumber));
            facts.put("commitId", commitId);
            facts.put("steps", Integer.toString(settings.steps()));
            facts.put("inputs", String.join(",", inputs.stream().map(BuildOutput.Input::name).toList()));
            byte[] output = BuildOutput.zip(inputs, facts);
            List<String> written = new ArrayList<>();
            for (Artifact artifact : data.outputArtifacts()) {
                store.upload(artifact, output);
                written.add(ArtifactStore.describe(artifact));
            }
            codePipeline.putJobSuccessResult(r -> r.jobId(jobId)
                    .executionDetails(d -> d.summary("built #" + buildNumber + " from " + commitId)
                            .externalExecutionId(jobId).percentComplete(100))
                    .outputVariables(Map.of("BuildNumber", Long.toString(buildNumber), "CommitId", commitId)));
            return new Outcome(jobId, step, Outcome.Result.SUCCEEDED,
                    written.isEmpty() ? "no output artifact" : String.join(", ", written));
        }
    }

    private Outcome fail(String jobId, int step, String message) {
        String text = message.length() > MAX_FAILURE_MESSAGE ? message.substring(0, MAX_FAILURE_MESSAGE) : message;
        try {
            codePipeline.putJobFailureResult(r -> r.jobId(jobId).failureDetails(f -> f.type(FailureType.JOB_FAILED)
                    .message(text.isEmpty() ? "failed" : text).externalExecutionId(jobId)));
        } catch (CodePipelineException e) {
            return new Outcome(jobId, step, Outcome.Result.SKIPPED, "could not report the failure (" + text + "): "
                    + e.awsErrorDetails().errorCode());
        }
        return new Outcome(jobId, step, Outcome.Result.FAILED, text);
    }

    /** The step a job is: 1 without a continuation token, n + 1 after {@code step-n}. */
    static int step(String continuationToken) {
        if (continuationToken == null || !continuationToken.startsWith("step-")) {
            return 1;
        }
        try {
            return Integer.parseInt(continuationToken.substring(5)) + 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void log(String line) {
        System.err.println("job-worker " + settings.category() + "/" + settings.provider() + ": " + line);
    }

    /**
     * {@code job-worker [--once] [options] CATEGORY PROVIDER [VERSION]}: see {@link JobWorkerSettings#USAGE}.
     * Exits 2 on a usage error; with {@code --once}, 0 after one poll (1 if the poll failed);
     * otherwise runs until killed.
     */
    public static void main(String[] args) throws InterruptedException {
        JobWorkerSettings settings;
        try {
            settings = JobWorkerSettings.fromEnvironment(System.getenv(), List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("job-worker: " + e.getMessage());
            System.err.println(JobWorkerSettings.USAGE);
            System.exit(2);
            return;
        }
        JobWorker worker = new JobWorker(settings, defaultCredentials(settings));
        if (List.of(args).contains("--once")) {
            try (worker) {
                worker.runOnce();
            } catch (SdkException e) {
                System.err.println("job-worker: " + e.getMessage());
                System.exit(1);
            }
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
        worker.start();
        Thread.currentThread().join();
    }

    /**
     * The SDK's default chain; against a local endpoint when that chain finds no credentials at all,
     * a fixed test key (local endpoints take any).
     */
    static AwsCredentialsProvider defaultCredentials(JobWorkerSettings settings) {
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        if (settings.endpoint().isEmpty()) {
            return chain;
        }
        try {
            chain.resolveCredentials();
            return chain;
        } catch (SdkException e) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        }
    }
}
