package io.slipway.app;

import io.slipway.app.resources.CloudFormationResources;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceProviders;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.codedeploy.CodeDeployService;
import io.slipway.codepipeline.CodePipelineService;
import io.slipway.core.Namespace;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.blob.Blobs;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.invoke.FunctionTargets;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import io.slipway.iam.IamService;
import io.slipway.lambda.LambdaService;
import io.slipway.lambda.runtime.LocalRuntime;
import io.slipway.lambda.runtime.RuntimeSettings;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.RequestContext;
import io.slipway.s3.storage.S3Storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Slipway's S3, Lambda, CodeDeploy, CodePipeline and IAM wired as {@link Slipway} wires them (the same
 * adapters between services), on an in-memory store with a manual clock, and the CloudFormation
 * resource providers over them. The engine's workers are
 * not started: the providers' work is synchronous, and nothing here waits for a deployment.
 */
public final class InProcessServices implements AutoCloseable {
    public static final Namespace NS = new Namespace("111122223333", "eu-west-1");
    public static final String STACK = "shop";
    public static final String STACK_ID = "arn:aws:cloudformation:eu-west-1:111122223333:stack/shop/6f1c2a50-0000-4000-8000-000000000001";

    public final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    public final Database database = Database.open(DatabaseConfig.h2InMemory());
    public final S3Storage s3;
    public final LambdaService lambda;
    public final CodeDeployService codeDeploy;
    public final CodePipelineService codePipeline;
    public final IamService iam;
    public final ResourceProviders providers;
    /** The stacks woken because a deployment their alias update waits on ended (no stack engine runs here). */
    public final List<String> wokenStacks = new java.util.concurrent.CopyOnWriteArrayList<>();

    public InProcessServices(Path dir) {
        IdGenerator ids = IdGenerator.uuid();
        ResourceStore resources = new ResourceStore(database.jdbc(), clock);
        WorkQueue queue = new WorkQueue(database.jdbc(), clock, ids);
        Workers workers = new Workers(queue, clock, WorkersConfig.defaults("test"));
        s3 = new S3Storage(database.jdbc(), resources, Blobs.of(database, dir.resolve("s3"), "s3", ids), clock, ids);
        LocalRuntime runtime = new LocalRuntime(new RuntimeSettings(() -> "http://127.0.0.1:1", NS.region(), NS.account(),
                2, 1, dir.resolve("runtime")));
        lambda = LambdaService.create(database.jdbc(), resources, queue, workers, clock, ids,
                Blobs.of(database, dir.resolve("code"), "lambda-code", ids), dir.resolve("code"),
                new LambdaCodeFromS3(s3), runtime, () -> "http://127.0.0.1:1", new io.slipway.engine.presign.PresignedUrls(resources, clock, ids));
        FunctionCalls functions = new FunctionCalls(lambda.invocations(), FunctionTargets.parse(List.of()),
                () -> "http://127.0.0.1:1", account -> java.util.Optional.empty());
        io.slipway.app.resources.AliasDeploymentWaits aliasWaits = new io.slipway.app.resources.AliasDeploymentWaits(
                (tx, stackId) -> wokenStacks.add(stackId));
        codeDeploy = CodeDeployService.create(database.jdbc(), resources, queue, workers, clock, ids,
                new HookCalls(functions), new CodeDeployLambda(lambda.aliases()), new CodeDeployBundlesInS3(s3), aliasWaits,
                io.slipway.codedeploy.server.HostCallers.UNCHECKED);
        codePipeline = CodePipelineService.create(database.jdbc(), resources, queue, workers, clock, ids,
                new PipelineActionTargets(s3, functions, codeDeploy.deployments(), java.util.Optional.empty()));
        iam = IamService.create(database.jdbc(), resources, clock, ids);
        providers = CloudFormationResources.providers(s3, lambda, codeDeploy, codePipeline,
                io.slipway.ssm.SsmService.create(database.jdbc(), resources, clock), iam, clock, ids,
                () -> "http://127.0.0.1:4566", aliasWaits);
    }

    public ResourceProvider provider(String type) {
        return providers.find(type).orElseThrow();
    }

    public static ResourceRequest request(String logicalId, String type, Map<String, Object> properties) {
        return new ResourceRequest(NS, STACK, STACK_ID, logicalId, type, properties, Map.of());
    }

    public static ResourceRequest update(String logicalId, String type, Map<String, Object> properties,
                                         Map<String, Object> previous) {
        return new ResourceRequest(NS, STACK, STACK_ID, logicalId, type, properties, previous);
    }

    /** What a provider made, as the engine keeps it between operations. */
    public static Provisioned made(String physicalId) {
        return new Provisioned(physicalId, Map.of());
    }

    /** Calls a service operation as a client in the stack's account would, to see what a provider did. */
    public Map<String, Object> call(ServiceBinding service, String operation, AwsStructure input) {
        Map<String, Object> out = service.dispatcher().dispatch(service.model().operation(operation).orElseThrow(),
                input.toDocument(), new RequestContext("test", NS.account(), NS.region(), service.model().signingName(),
                        "", clock.now()));
        return out == null ? Map.of() : out;
    }

    @Override
    public void close() {
        lambda.close();
        database.close();
    }
}
