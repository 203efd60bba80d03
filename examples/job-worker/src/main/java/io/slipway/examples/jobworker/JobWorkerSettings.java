package io.slipway.examples.jobworker;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a worker polls for and how it answers.
 *
 * @param endpoint     where CodePipeline and S3 are (Slipway's URL); empty for AWS's regional endpoints
 * @param region       the region the clients sign for
 * @param category     the custom action type's category (Build, Test, Deploy, ...)
 * @param provider     the custom action type's provider
 * @param version      the custom action type's version
 * @param queryParam   the action type's queryable property and the value to poll for, if it has one
 * @param steps        jobs per action: the first {@code steps - 1} answer a continuation token
 *                     {@code step-1}, {@code step-2}, ...; the last one builds the output artifact
 * @param maxBatchSize jobs asked for per poll
 * @param pollInterval how long {@link JobWorker#start()} waits after a poll that found nothing
 */
public record JobWorkerSettings(Optional<URI> endpoint, String region, String category, String provider,
                                String version, Map<String, String> queryParam, int steps, int maxBatchSize,
                                Duration pollInterval) {

    public static final String USAGE = """
            usage: job-worker [--once] [--steps N] [--max-batch-size N] [--poll-interval-ms N]
                              [--query PROPERTY=VALUE] CATEGORY PROVIDER [VERSION]
            Polls CodePipeline for jobs of the custom action type (Custom, CATEGORY, PROVIDER, VERSION),
            builds each action's output artifact and reports the result. Each setting may also come from
            the environment: JOB_WORKER_CATEGORY, JOB_WORKER_PROVIDER, JOB_WORKER_VERSION (default 1),
            JOB_WORKER_STEPS (default 1), JOB_WORKER_QUERY (PROPERTY=VALUE). The endpoint is
            AWS_ENDPOINT_URL, the region AWS_REGION or AWS_DEFAULT_REGION (default us-east-1).""";

    public JobWorkerSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(version, "version");
        queryParam = Map.copyOf(queryParam);
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        if (queryParam.size() > 1) {
            throw new IllegalArgumentException("an action type has at most one queryable property");
        }
    }

    /** One job per action, one job per poll, the endpoint and region of the environment, to change with {@link Builder}. */
    public static Builder builder(String category, String provider, String version) {
        return fromEnvironment(System.getenv(), List.of(category, provider, version)).toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static final class Builder {
        private Optional<URI> endpoint;
        private String region;
        private final String category;
        private final String provider;
        private final String version;
        private Map<String, String> queryParam;
        private int steps;
        private int maxBatchSize;
        private Duration pollInterval;

        private Builder(JobWorkerSettings s) {
            endpoint = s.endpoint;
            region = s.region;
            category = s.category;
            provider = s.provider;
            version = s.version;
            queryParam = s.queryParam;
            steps = s.steps;
            maxBatchSize = s.maxBatchSize;
            pollInterval = s.pollInterval;
        }

        public Builder endpoint(URI value) {
            endpoint = Optional.of(value);
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder query(String property, String value) {
            queryParam = Map.of(property, value);
            return this;
        }

        public Builder steps(int value) {
            steps = value;
            return this;
        }

        public Builder maxBatchSize(int value) {
            maxBatchSize = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        public JobWorkerSettings build() {
            return new JobWorkerSettings(endpoint, region, category, provider, version, queryParam, steps,
                    maxBatchSize, pollInterval);
        }
    }

    /**
     * The settings of the command line, with the environment filling in what it leaves out. Flags:
     * {@code --steps N}, {@code --max-batch-size N}, {@code --poll-interval-ms N},
     * {@code --query PROPERTY=VALUE}; then CATEGORY PROVIDER [VERSION]. ({@code --once} is the
     * command's, not a setting.)
     */
    public static JobWorkerSettings fromEnvironment(Map<String, String> env, List<String> args) {
        List<String> positional = new ArrayList<>();
        String steps = env.getOrDefault("JOB_WORKER_STEPS", "1");
        String batch = "1";
        String interval = "1000";
        String query = env.get("JOB_WORKER_QUERY");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--steps" -> steps = value(args, ++i, arg);
                case "--max-batch-size" -> batch = value(args, ++i, arg);
                case "--poll-interval-ms" -> interval = value(args, ++i, arg);
                case "--query" -> query = value(args, ++i, arg);
                case "--once" -> { }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    positional.add(arg);
                }
            }
        }
        if (positional.size() > 3) {
            throw new IllegalArgumentException("too many arguments: " + positional);
        }
        String category = positional.size() > 0 ? positional.get(0) : env.get("JOB_WORKER_CATEGORY");
        String provider = positional.size() > 1 ? positional.get(1) : env.get("JOB_WORKER_PROVIDER");
        String version = positional.size() > 2 ? positional.get(2) : env.getOrDefault("JOB_WORKER_VERSION", "1");
        if (category == null || provider == null) {
            throw new IllegalArgumentException("the action type's category and provider are required");
        }
        Map<String, String> queryParam = Map.of();
        if (query != null && !query.isEmpty()) {
            int eq = query.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--query takes PROPERTY=VALUE, not " + query);
            }
            queryParam = Map.of(query.substring(0, eq), query.substring(eq + 1));
        }
        Optional<URI> endpoint = Optional.ofNullable(env.get("AWS_ENDPOINT_URL")).filter(s -> !s.isBlank()).map(URI::create);
        String region = Optional.ofNullable(env.get("AWS_REGION"))
                .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION"))).filter(s -> !s.isBlank()).orElse("us-east-1");
        return new JobWorkerSettings(endpoint, region, category, provider, version, queryParam, number(steps, "steps"),
                number(batch, "max batch size"), Duration.ofMillis(number(interval, "poll interval")));
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int number(String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, not " + text);
        }
    }
}
