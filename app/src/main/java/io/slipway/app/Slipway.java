package io.slipway.app;

import io.slipway.cloudformation.CloudFormationApi;
import io.slipway.cloudformation.hooks.HookResults;
import io.slipway.codedeploy.CodeDeployApi;
import io.slipway.codedeploy.CodeDeployValidation;
import io.slipway.codedeploy.application.Applications;
import io.slipway.codedeploy.config.DeploymentConfigs;
import io.slipway.codedeploy.group.DeploymentGroups;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.codedeploy.tags.ResourceTags;
import io.slipway.core.AccessLog;
import io.slipway.core.Router;
import io.slipway.core.http.HttpResponse;
import io.slipway.core.http.JdkHttpServer;
import io.slipway.core.identity.AccountResolver;
import io.slipway.core.protocol.AwsJsonProtocol;
import io.slipway.core.protocol.AwsQueryProtocol;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.clock.RealClock;
import io.slipway.engine.clock.ScaledClock;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import io.slipway.model.cloudformation.CloudFormationDispatcher;
import io.slipway.model.codedeploy.CodeDeployDispatcher;
import io.slipway.model.codedeploy.CodeDeployModel;
import io.slipway.model.cloudformation.CloudFormationModel;
import io.slipway.core.codec.JsonCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** A running Slipway: the store, the engine's workers and the HTTP front door, wired together. */
public final class Slipway implements AutoCloseable {
    private final Database database;
    private final Workers workers;
    private final AccessLog accessLog;
    private final JdkHttpServer server;

    private Slipway(Database database, Workers workers, AccessLog accessLog, JdkHttpServer server) {
        this.database = database;
        this.workers = workers;
        this.accessLog = accessLog;
        this.server = server;
    }

    public static Slipway start(SlipwayConfig config) {
        SlipwayClock clock = config.timeScale() == 1.0 ? new RealClock() : new ScaledClock(config.timeScale());
        IdGenerator ids = IdGenerator.uuid();
        // Opening the store is the longest step of a start; the shape graphs and codecs initialise
        // on another core meanwhile.
        Thread warmUp = Thread.ofPlatform().name("slipway-warm-up").start(Slipway::initialiseCodecs);
        Database database = Database.open(databaseConfig(config));
        joinQuietly(warmUp);
        try {
            ResourceStore resources = new ResourceStore(database.jdbc(), clock);
            WorkQueue queue = new WorkQueue(database.jdbc(), clock, ids);
            if (config.databaseUrl().isEmpty()) {
                // The embedded store has one node: leases still held belong to a process that died.
                queue.releaseAllLeases();
            }
            Workers workers = new Workers(queue, clock, WorkersConfig.defaults("slipway-" + ProcessHandle.current().pid()));
            List<ServiceBinding> json = List.of(codeDeploy(database, resources, clock, ids));
            List<ServiceBinding> query = List.of(new ServiceBinding(
                    new CloudFormationDispatcher(new CloudFormationApi(new HookResults(resources)))));
            AccessLog accessLog = config.accessLog() ? new AccessLog(System.out, true) : AccessLog.disabled();
            Health health = new Health(json, query, config.databaseUrl().isPresent() ? "postgresql"
                    : config.ephemeral() ? "memory" : "h2", System.nanoTime());
            Router router = new Router(List.of(new AwsJsonProtocol("1.1", json), new AwsQueryProtocol(query)),
                    new AccountResolver(config.accounts()), accessLog, clock::now, health::response);
            JdkHttpServer server = JdkHttpServer.start(config.host(), config.port(), router,
                    new JdkHttpServer.BodyLimit(config.maxBodyBytes(), r -> router.tooLarge(r, config.maxBodyBytes())));
            workers.start();
            return new Slipway(database, workers, accessLog, server);
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static void initialiseCodecs() {
        CodeDeployModel.MODEL.operations();
        CloudFormationModel.MODEL.operations();
        JsonCodec.writeString(CodeDeployModel.MODEL.shape("ApplicationInfo"), java.util.Map.of("applicationName", "x"));
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ServiceBinding codeDeploy(Database database, ResourceStore resources, SlipwayClock clock,
                                             IdGenerator ids) {
        CodeDeployStore store = new CodeDeployStore(database.jdbc(), resources);
        ResourceTags tags = new ResourceTags(store);
        Applications applications = new Applications(store, tags, clock, ids);
        DeploymentConfigs configs = new DeploymentConfigs(store, clock, ids);
        DeploymentGroups groups = new DeploymentGroups(store, applications, configs, tags, ids);
        return new ServiceBinding(new CodeDeployDispatcher(new CodeDeployApi(applications, configs, groups, tags)),
                new CodeDeployValidation());
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

    @Override
    public void close() {
        server.close();
        workers.close();
        accessLog.close();
        database.close();
    }

    /** GET /_slipway/health: version, enabled services, store and uptime. */
    private record Health(List<ServiceBinding> json, List<ServiceBinding> query, String store, long startedNanos) {
        HttpResponse response() {
            StringBuilder services = new StringBuilder();
            for (ServiceBinding s : json) {
                services.append(services.isEmpty() ? "" : ",").append('"').append(s.model().serviceId()).append('"');
            }
            for (ServiceBinding s : query) {
                services.append(services.isEmpty() ? "" : ",").append('"').append(s.model().serviceId()).append('"');
            }
            String body = "{\"status\":\"ok\",\"version\":\"" + Version.get() + "\",\"services\":[" + services
                    + "],\"store\":\"" + store + "\",\"uptimeSeconds\":" + Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() + "}";
            return HttpResponse.of(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
