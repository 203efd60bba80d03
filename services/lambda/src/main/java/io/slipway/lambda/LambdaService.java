package io.slipway.lambda;

import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.blob.Blobs;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.presign.PresignedUrls;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.lambda.functions.Aliases;
import io.slipway.lambda.functions.CodeStore;
import io.slipway.lambda.functions.Functions;
import io.slipway.lambda.functions.PackageSource;
import io.slipway.lambda.invoke.Invocations;
import io.slipway.lambda.runtime.LocalRuntime;
import io.slipway.model.lambda.LambdaDispatcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lambda assembled: the API, the code store, and the local runtime that runs functions. Other
 * services call hosted functions through {@link #invocations()}.
 */
public record LambdaService(ServiceBinding binding, Map<String, AdminEndpoint> adminEndpoints, Invocations invocations,
                            Aliases aliases, LocalRuntime runtime) implements AutoCloseable {

    private static final String ACTIVATE = "lambda.function.activate";

    public static LambdaService create(Jdbc jdbc, ResourceStore resources, WorkQueue queue, Workers workers,
                                       SlipwayClock clock, IdGenerator ids, Blobs codePackages, Path codeCache,
                                       PackageSource packages,
                                       LocalRuntime runtime, Supplier<String> endpoint, PresignedUrls urls) {
        DocumentStore store = new DocumentStore(jdbc, resources);
        CodeStore code = new CodeStore(codePackages, codeCache);
        Functions functions = new Functions(store, code, packages, clock, ids, runtime::unavailable, runtime::refusedRole,
                runtime::evict);
        Aliases aliases = new Aliases(store, ids);
        Invocations invocations = new Invocations(functions, aliases, runtime, store, queue, clock,
                new java.util.Random());
        invocations.register(workers);
        // a new function becomes Active through a durable work item, as AWS's Pending state ends by itself
        workers.register(ACTIVATE, item -> {
            String[] p = item.payload().split("\n", 3);
            store.inTransaction(tx -> {
                functions.activate(tx, new io.slipway.core.Namespace(p[0], p[1]), p[2]);
                return null;
            });
        });
        functions.onCreate((tx, ns, name) -> queue.enqueue(tx, ACTIVATE, ns.account() + "\n" + ns.region() + "\n" + name,
                clock.now()));
        CodeEndpoint codeEndpoint = new CodeEndpoint(code, urls);
        return new LambdaService(new ServiceBinding(new LambdaDispatcher(new LambdaApi(functions, aliases, invocations,
                (ns, sha) -> codeEndpoint.location(endpoint.get(), ns, sha)))),
                Map.of(CodeEndpoint.PATH, codeEndpoint, InvocationsEndpoint.PATH, new InvocationsEndpoint(invocations.recent())),
                invocations, aliases, runtime);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
