package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceProviders;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.codedeploy.CodeDeployService;
import io.slipway.codepipeline.CodePipelineService;
import io.slipway.codepipeline.execution.ActionTargets;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import io.slipway.lambda.LambdaService;
import io.slipway.lambda.functions.PackageSource;
import io.slipway.lambda.runtime.LocalRuntime;
import io.slipway.lambda.runtime.RuntimeSettings;
import io.slipway.s3.storage.S3Storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Slipway's S3, Lambda, CodeDeploy and CodePipeline built as the app builds them, on an in-memory
 * store with a manual clock, and the CloudFormation providers over them. The engine's workers are
 * not started: the providers' work is synchronous, and nothing here waits for a deployment.
 */
final class SlipwayServices implements AutoCloseable {
    static final Namespace NS = new Namespace("111122223333", "eu-west-1");
    static final String STACK = "shop";
    static final String STACK_ID = "arn:aws:cloudformation:eu-west-1:111122223333:stack/shop/6f1c2a50-0000-4000-8000-000000000001";

    final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    final Database database = Database.open(DatabaseConfig.h2InMemory());
    final S3Storage s3;
    final LambdaService lambda;
    final CodeDeployService codeDeploy;
    final CodePipelineService codePipeline;
    final ResourceProviders providers;

    SlipwayServices(Path dir) {
        IdGenerator ids = IdGenerator.uuid();
        ResourceStore resources = new ResourceStore(database.jdbc(), clock);
        WorkQueue queue = new WorkQueue(database.jdbc(), clock, ids);
        Workers workers = new Workers(queue, clock, WorkersConfig.defaults("test"));
        s3 = new S3Storage(database.jdbc(), resources, dir.resolve("s3"), clock, ids);
        LocalRuntime runtime = new LocalRuntime(new RuntimeSettings(() -> "http://127.0.0.1:1", NS.region(), NS.account(),
                2, 1, dir.resolve("runtime")));
        // the app reads packages through its own adapter; these tests read the stored body the same way
        PackageSource packages = (bucket, key, version) -> {
            try {
                return java.nio.file.Files.readAllBytes(s3.bodyFile(s3.getObject(bucket, key, Optional.ofNullable(version))));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        lambda = LambdaService.create(database.jdbc(), resources, queue, workers, clock, ids, dir.resolve("code"),
                packages, runtime, () -> "http://127.0.0.1:1");
        codeDeploy = CodeDeployService.create(database.jdbc(), resources, queue, workers, clock, ids,
                (ns, function, event) -> { },
                new io.slipway.codedeploy.deployment.LambdaFunctions() {
                    @Override
                    public Optional<io.slipway.model.codedeploy.ErrorInformation> check(io.slipway.engine.store.Tx tx,
                            Namespace ns, String function, String alias, String currentVersion, String targetVersion) {
                        return Optional.empty();
                    }

                    @Override
                    public void route(io.slipway.engine.store.Tx tx, Namespace ns, String function, String alias,
                                      String currentVersion, String targetVersion, double targetPercent) {
                    }
                },
                (ns, bucket, key, version) -> Optional.empty());
        codePipeline = CodePipelineService.create(database.jdbc(), resources, queue, workers, clock, ids, new NoTargets());
        providers = CloudFormationResources.providers(s3, lambda, codeDeploy, codePipeline, clock, ids,
                () -> "http://127.0.0.1:4566");
    }

    ResourceProvider provider(String type) {
        return providers.find(type).orElseThrow();
    }

    static ResourceRequest request(String logicalId, String type, Map<String, Object> properties) {
        return new ResourceRequest(NS, STACK, STACK_ID, logicalId, type, properties, Map.of());
    }

    static ResourceRequest update(String logicalId, String type, Map<String, Object> properties,
                                  Map<String, Object> previous) {
        return new ResourceRequest(NS, STACK, STACK_ID, logicalId, type, properties, previous);
    }

    /** What a provider made, as the engine keeps it between operations. */
    static Provisioned made(String physicalId) {
        return new Provisioned(physicalId, Map.of());
    }

    @Override
    public void close() {
        lambda.close();
        database.close();
    }

    /** The pipelines these tests create never run an action. */
    private static final class NoTargets implements ActionTargets {
        @Override
        public Optional<SourceObject> copySource(Namespace ns, String bucket, String key, String artifactBucket,
                                                 String artifactKey) {
            return Optional.empty();
        }

        @Override
        public Optional<String> invokeFunction(Namespace ns, String functionName, String event) {
            return Optional.of("not in these tests");
        }

        @Override
        public String createDeployment(Namespace ns, String application, String deploymentGroup, String bucket,
                                       String key, String bundleType, String description) {
            throw new IllegalStateException("not in these tests");
        }

        @Override
        public DeploymentState deploymentState(Namespace ns, String deploymentId) {
            throw new IllegalStateException("not in these tests");
        }
    }
}
