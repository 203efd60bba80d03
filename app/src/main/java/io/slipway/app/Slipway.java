package io.slipway.app;

import io.slipway.app.resources.AliasDeploymentWaits;
import io.slipway.app.resources.CloudFormationResources;
import io.slipway.cloudformation.CloudFormationService;
import io.slipway.codedeploy.CodeDeployService;
import io.slipway.codedeploy.server.HostCallers;
import io.slipway.codepipeline.CodePipelineService;
import io.slipway.core.AccessLog;
import io.slipway.core.Router;
import io.slipway.core.codec.JsonCodec;
import io.slipway.console.ConsoleAssets;
import io.slipway.engine.blob.BlobSweeper;
import io.slipway.engine.blob.Blobs;
import io.slipway.engine.blob.FileImport;
import io.slipway.engine.cluster.Nodes;
import io.slipway.console.NamespacesEndpoint;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpServer;
import io.slipway.core.identity.AccountResolver;
import io.slipway.core.identity.IssuedKeys;
import io.slipway.engine.invoke.InvocationEnvironment;
import io.slipway.core.protocol.AwsJsonProtocol;
import io.slipway.core.protocol.AwsQueryProtocol;
import io.slipway.core.protocol.RestJsonProtocol;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.clock.RealClock;
import io.slipway.engine.clock.ScaledClock;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.invoke.FunctionTargets;
import io.slipway.engine.presign.PresignedUrls;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.Signals;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import io.slipway.iam.IamService;
import io.slipway.sts.StsService;
import io.slipway.lambda.LambdaService;
import io.slipway.lambda.runtime.LocalRuntime;
import io.slipway.lambda.runtime.RuntimeLibraries;
import io.slipway.lambda.runtime.RuntimeSettings;
import io.slipway.model.cloudformation.CloudFormationModel;
import io.slipway.model.codedeploy.CodeDeployModel;
import io.slipway.model.lambda.LambdaModel;
import io.slipway.s3.BucketOperations;
import io.slipway.s3.MultipartOperations;
import io.slipway.s3.ObjectOperations;
import io.slipway.s3.S3Protocol;
import io.slipway.s3.storage.S3Storage;
import io.slipway.ssm.SsmService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/** A running Slipway: the store, the engine's workers and the HTTP front door, wired together. */
public final class Slipway implements AutoCloseable {
    private final Database database;
    private final Workers workers;
    private final AccessLog accessLog;
    private final HttpServer server;
    private final LambdaService lambda;
    private final IdleHeapTrim heapTrim;
    private final Path temporary;
    private final Nodes nodes;
    private final Signals signals;
    private final Optional<ServerTls> tls;

    private Slipway(Database database, Signals signals, Nodes nodes, Workers workers, AccessLog accessLog, HttpServer server,
                    LambdaService lambda, IdleHeapTrim heapTrim, Path temporary, Optional<ServerTls> tls) {
        this.tls = tls;
        this.database = database;
        this.signals = signals;
        this.nodes = nodes;
        this.workers = workers;
        this.accessLog = accessLog;
        this.server = server;
        this.lambda = lambda;
        this.heapTrim = heapTrim;
        this.temporary = temporary;
    }

    /** A start that failed: the node leaves (its heartbeat stops), stops listening, and the store closes. */
    private static void leave(Nodes nodes, Signals signals, Database database) {
        if (nodes != null) {
            nodes.close();
        }
        signals.close();
        database.close();
    }

    /** A service's files: beside the Lambda directory, so an ephemeral server removes them together. */
    private static Path dataDirectory(SlipwayConfig config, Path lambdaDir, String name) throws IOException {
        return Files.createDirectories(dataPath(config, lambdaDir, name));
    }

    private static Path dataPath(SlipwayConfig config, Path lambdaDir, String name) {
        return config.ephemeral() || config.dataDir().isEmpty() ? lambdaDir.resolve(name)
                : config.dataDir().get().resolve(name);
    }

    /** Where function code and runtime files go: the data directory, or a temporary one that close() removes. */
    private static Path lambdaDirectory(SlipwayConfig config) throws IOException {
        if (!config.ephemeral() && config.dataDir().isPresent()) {
            return Files.createDirectories(config.dataDir().get().resolve("lambda"));
        }
        return Files.createTempDirectory("slipway-lambda-");
    }

    public static Slipway start(SlipwayConfig config) {
        return start(config, config.timeScale() == 1.0 ? new RealClock() : new ScaledClock(config.timeScale()));
    }

    /** Starts with a given clock: tests pass a manual one and move time themselves. */
    public static Slipway start(SlipwayConfig config, SlipwayClock clock) {
        return start(config, clock, System.getenv());
    }

    /**
     * Starts with a given clock and the environment Slipway runs in (the process's, or one a test
     * hands in): Lambda functions get nothing of it but the PATH to their interpreters.
     */
    public static Slipway start(SlipwayConfig config, SlipwayClock clock, Map<String, String> environment) {
        IdGenerator ids = IdGenerator.uuid();
        // Opening the store is the longest step of a start; the shape graphs and codecs initialise
        // on another core meanwhile.
        Thread warmUp = Thread.ofPlatform().name("slipway-warm-up").start(Slipway::initialiseCodecs);
        Database database = Database.open(databaseConfig(config));
        joinQuietly(warmUp);
        AtomicReference<Nodes> joined = new AtomicReference<>();
        // a node's id names its leases and signals too: host and process, and a random part for a pid reused elsewhere
        String host = environment.getOrDefault("HOSTNAME", "localhost");
        Nodes.Identity node = new Nodes.Identity(host + "-" + ProcessHandle.current().pid() + "-"
                + ids.newId().substring(0, 8), host, Version.get());
        // other nodes' commits wake this one's workers and long polls (PostgreSQL's LISTEN/NOTIFY)
        Signals signals;
        try {
            signals = Signals.of(database, node.id());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        try {
            ResourceStore resources = new ResourceStore(database.jdbc(), clock);
            WorkQueue queue = new WorkQueue(database.jdbc(), clock, ids, signals);
            if (config.databaseUrl().isEmpty()) {
                // The embedded store has one node: leases still held belong to a process that died.
                queue.releaseAllLeases();
            }
            Nodes nodes = Nodes.join(database.jdbc(), InstantSource.system(), queue, node, config.databaseUrl().isEmpty(),
                    config.nodeTimeout());
            joined.set(nodes);
            Workers workers = new Workers(queue, clock, WorkersConfig.defaults(nodes.id()));
            AtomicReference<String> endpoint = new AtomicReference<>();
            Path lambdaDir = lambdaDirectory(config);
            Optional<ServerTls> tls = ServerTls.prepare(config, dataPath(config, lambdaDir, "tls"), environment);
            AtomicReference<StsService> stsService = new AtomicReference<>();
            LocalRuntime runtime = new LocalRuntime(new RuntimeSettings(endpoint::get, Router.DEFAULT_REGION,
                    AccountResolver.DEFAULT_ACCOUNT, 16, 4, lambdaDir.resolve("runtime"), runtimeLibraries(environment))
                    .withSandbox(config.lambdaSandbox())
                    .withEndpointCertificates(tls.map(ServerTls::certificateFile))
                    .withRoleCredentials(new ExecutionRoles(() -> stsService.get().roleCredentials(),
                            config.signatures().verify())), environment);
            PresignedUrls urls = new PresignedUrls(resources, clock, ids);
            // bodies and packages: files in the data directory on the embedded store; in PostgreSQL, which
            // every node shares, when it is the store (the directories then hold only caches)
            Path s3Dir = dataDirectory(config, lambdaDir, "s3");
            Blobs objectBodies = Blobs.of(database, s3Dir, "s3", ids);
            Blobs codePackages = Blobs.of(database, lambdaDir.resolve("code"), "lambda-code", ids);
            // on PostgreSQL, bodies an earlier Slipway kept as files in this data directory move into it, once
            FileImport.intoDatabase(objectBodies, s3Dir, id -> id.startsWith("buckets/"));
            FileImport.intoDatabase(codePackages, lambdaDir.resolve("code"), id -> id.endsWith(".zip") && !id.contains("/"));
            BlobSweeper.schedule(database.jdbc(), queue, workers, clock, List.of(objectBodies, codePackages));
            S3Storage s3 = new S3Storage(database.jdbc(), resources, objectBodies, clock, ids);
            LambdaService lambda = LambdaService.create(database.jdbc(), resources, queue, workers, clock, ids,
                    codePackages, lambdaDir.resolve("code"), new LambdaCodeFromS3(s3), runtime, endpoint::get, urls);
            FunctionCalls functions = new FunctionCalls(lambda.invocations(), FunctionTargets.parse(config.functions()),
                    endpoint::get, account -> commandKey(config, account));
            AliasDeploymentWaits aliasWaits = AliasDeploymentWaits.on(queue, clock);
            // the account rule needs STS, assembled below; the agent command service asks it who signed
            AtomicReference<AccountResolver> accounts = new AtomicReference<>();
            CodeDeployService codeDeploy = CodeDeployService.create(database.jdbc(), resources, queue, workers, clock, ids,
                    new HookCalls(functions),
                    new CodeDeployLambda(lambda.aliases()), new CodeDeployBundlesInS3(s3), aliasWaits,
                    new HostCallers(config.signatures().verify(), key -> accounts.get().signingKey(key)
                            .map(IssuedKeys.IssuedKey::principalArn)));
            S3Protocol s3Protocol = new S3Protocol(new BucketOperations(s3), new ObjectOperations(s3),
                    new MultipartOperations(s3));
            CodePipelineService codePipeline = CodePipelineService.create(database.jdbc(), resources, queue, workers,
                    clock, ids, new PipelineActionTargets(s3, functions, codeDeploy.deployments(),
                    config.signatures().verify() ? Optional.of(() -> stsService.get().roleCredentials()) : Optional.empty()));
            SsmService ssm = SsmService.create(database.jdbc(), resources, clock);
            List<ServiceBinding> json = Stream.of(List.of(codeDeploy.binding()), codeDeploy.commandsBindings(),
                    List.of(codePipeline.binding(), ssm.binding())).flatMap(List::stream).toList();
            List<ServiceBinding> rest = List.of(lambda.binding());
            IamService iam = IamService.create(database.jdbc(), resources, clock, ids);
            CloudFormationService cloudFormation = CloudFormationService.create(database.jdbc(), resources, queue,
                    workers, clock, ids, CloudFormationResources.providers(s3, lambda, codeDeploy, codePipeline, ssm, iam, clock, ids,
                            endpoint::get, aliasWaits),
                    new CloudFormationHookCalls(functions), endpoint::get, urls, new CloudFormationSsmParameters(ssm.parameters()),
                    new CloudFormationTemplatesInS3(s3));
            // STS answers GetAccessKeyInfo with the Router's own account rule, which needs STS's sessions: tie the knot
            StsService sts = StsService.create(database.jdbc(), resources, clock, ids, iam.directory(),
                    key -> accounts.get().accountFor(key));
            stsService.set(sts);
            accounts.set(new AccountResolver(config.accounts(), config.signatures().secrets(),
                    key -> key.startsWith("ASIA") ? sts.sessionKeys().find(key) : iam.issuedKeys().find(key)));
            List<ServiceBinding> query = List.of(cloudFormation.binding(), iam.binding(), sts.binding());
            AccessLog accessLog = config.accessLog() ? new AccessLog(System.out, true) : AccessLog.disabled();
            Map<String, AdminEndpoint> admin = new HashMap<>(codeDeploy.adminEndpoints());
            admin.putAll(lambda.adminEndpoints());
            admin.putAll(cloudFormation.adminEndpoints());
            admin.putAll(codePipeline.adminEndpoints());
            admin.putAll(ConsoleAssets.endpoints());
            admin.put(NamespacesEndpoint.PATH, new NamespacesEndpoint(() -> resources.namespaces().stream()
                    .map(n -> new NamespacesEndpoint.NamespaceUse(n.account(), n.region(), n.resources())).toList(),
                    config.signatures().verify()));
            // the agent command services (classic and secure) have no service id of their own: they are CodeDeploy's, listed once
            List<String> services = new ArrayList<>(Stream.of(json, query, rest).flatMap(List::stream)
                    .map(b -> b.model().serviceId()).filter(Objects::nonNull).toList());
            services.add("S3"); // served by its own protocol, not through a ServiceBinding
            admin.put(Health.PATH, new Health(services, config.databaseUrl().isPresent() ? "postgresql"
                    : config.ephemeral() ? "memory" : "h2", System.nanoTime(), runtime::libraries, runtime::sandbox,
                    config.signatures().verify(), tls.isPresent(), nodes));
            Router router = new Router(List.of(new AwsJsonProtocol("1.1", json), new AwsQueryProtocol(query),
                    new RestJsonProtocol(rest), s3Protocol),
                    accounts.get(), accessLog, clock::now, admin, config.signatures().verify()
                    ? Optional.of(new Router.Verification(config.signatures().adminToken())) : Optional.empty());
            IdleHeapTrim heapTrim = IdleHeapTrim.start();
            HttpServer server = HttpServer.start(config.host(), config.port(), heapTrim.counting(router), router,
                    (method, path, rawQuery, headers) -> S3Protocol.streams(method, path, rawQuery, headers)
                            && router.routesTo(new HttpRequest(method, path, rawQuery, headers, new byte[0]), s3Protocol),
                    config.http(), tls.map(t -> t.identity().serverContext()));
            endpoint.set(config.endpointUrl().orElse("http://" + callbackHost(config.host()) + ":" + server.port()));
            // in a rolling upgrade, a node older than the schema serves requests but takes no work:
            // what it would run, a newer node runs as the newer version means it
            // (asked now and with every heartbeat; workers stopped before they start never start)
            nodes.stopWorkWhen(database::newerSchema, why -> {
                workers.close();
                database.jdbc().inTransaction(tx -> queue.releaseLeasesOf(tx, nodes.id()));
            });
            workers.start();
            runtime.probeSandbox(); // after start-up, which it must not slow down
            return new Slipway(database, signals, nodes, workers, accessLog, server, lambda, heapTrim,
                    config.ephemeral() ? lambdaDir : null, tls);
        } catch (IOException e) {
            leave(joined.get(), signals, database);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            leave(joined.get(), signals, database);
            throw e;
        }
    }

    /**
     * The SDKs Lambda's runtimes ship: {@code $SLIPWAY_RUNTIME_LIBRARIES}, else the {@code runtimes}
     * directory of the checkout Slipway was built in. Missing ones are said at start-up; functions run
     * without them.
     */
    private static RuntimeLibraries runtimeLibraries(Map<String, String> environment) {
        Optional<Path> code;
        try {
            code = Optional.of(Path.of(Slipway.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            code = Optional.empty();
        }
        RuntimeLibraries libraries = RuntimeLibraries.locate(Optional.ofNullable(environment.get(RuntimeLibraries.VARIABLE)), code);
        if (libraries.nodeModules().isEmpty()) {
            System.err.println("slipway: nodejs functions run without the AWS SDK for JavaScript v3 ("
                    + libraries.nodeStatus() + ")");
        }
        return libraries;
    }

    /**
     * The key a configured command function signs with in verification mode, where an account id
     * signs nothing: the operator's first key (by key id) of that account given with its secret.
     * Without one, or without verification, the command gets the account id as before.
     */
    private static Optional<InvocationEnvironment.AccountKey> commandKey(SlipwayConfig config, String account) {
        if (!config.signatures().verify()) {
            return Optional.empty();
        }
        return config.accounts().entrySet().stream().filter(e -> e.getValue().equals(account))
                .map(Map.Entry::getKey).filter(config.signatures().secrets()::containsKey).sorted().findFirst()
                .map(key -> new InvocationEnvironment.AccountKey(key, config.signatures().secrets().get(key)));
    }

    /** Functions call back on loopback when Slipway listens on every address. */
    private static String callbackHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    private static void initialiseCodecs() {
        CodeDeployModel.MODEL.operations();
        CloudFormationModel.MODEL.operations();
        LambdaModel.MODEL.operations();
        JsonCodec.writeString(CodeDeployModel.MODEL.shape("ApplicationInfo"), Map.of("applicationName", "x"));
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DatabaseConfig databaseConfig(SlipwayConfig config) {
        if (config.databaseUrl().isPresent()) {
            return DatabaseConfig.postgres(config.databaseUrl().get(), config.databaseUser().orElse(""),
                    config.databasePassword().orElse(""));
        }
        if (config.ephemeral() || config.dataDir().isEmpty()) {
            return DatabaseConfig.h2InMemory();
        }
        return DatabaseConfig.h2File(config.dataDir().get());
    }

    public int port() {
        return server.port();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** The same port over HTTPS, when it serves TLS. */
    public Optional<String> httpsEndpoint() {
        return tls.map(t -> "https://127.0.0.1:" + port());
    }

    /**
     * The PEM file of the certificate the port presents over HTTPS, which clients trust
     * ({@code AWS_CA_BUNDLE}, {@code --ca-bundle}); empty when it serves plain HTTP only.
     */
    public Optional<Path> tlsCertificate() {
        return tls.map(ServerTls::certificateFile);
    }

    /** The start-up line about HTTPS, for the host the server was asked to listen on. */
    Optional<String> tlsLine(String host) {
        return tls.map(t -> "TLS: https://" + callbackHost(host) + ":" + port() + " (" + t.trustAdvice() + ")");
    }

    /** Waits until no engine work is due or running (tests use it instead of sleeping). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return workers.awaitIdle(timeout);
    }

    @Override
    public void close() {
        heapTrim.close();
        server.close();
        workers.close();
        lambda.close();
        accessLog.close();
        nodes.close();
        signals.close();
        database.close();
        if (temporary != null) {
            deleteTree(temporary);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("slipway: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
