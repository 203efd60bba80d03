package io.slipway.codedeploy;

import io.slipway.codedeploy.admin.HookExecutionsEndpoint;
import io.slipway.codedeploy.application.Applications;
import io.slipway.codedeploy.config.DeploymentConfigs;
import io.slipway.codedeploy.deployment.DeploymentEnds;
import io.slipway.codedeploy.deployment.DeploymentEngine;
import io.slipway.codedeploy.deployment.DeploymentIds;
import io.slipway.codedeploy.deployment.Deployments;
import io.slipway.codedeploy.deployment.HookFunctions;
import io.slipway.codedeploy.deployment.LambdaFunctions;
import io.slipway.codedeploy.group.DeploymentGroups;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.codedeploy.tags.ResourceTags;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.codedeploy.instance.OnPremisesInstances;
import io.slipway.codedeploy.revision.ApplicationRevisions;
import io.slipway.codedeploy.server.CommandSignals;
import io.slipway.codedeploy.server.DeploymentInstances;
import io.slipway.codedeploy.server.HostCallers;
import io.slipway.codedeploy.server.HostCommands;
import io.slipway.codedeploy.server.SpecificationSigner;
import io.slipway.codedeploy.server.RevisionBundles;
import io.slipway.codedeploy.server.ServerDeployments;
import io.slipway.model.codedeploy.CodeDeployDispatcher;
import io.slipway.model.codedeploycommands.CodeDeployCommandsDispatcher;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * CodeDeploy assembled: what the app serves (the API binding, the agent command service, and
 * Slipway's own endpoint listing hook executions that wait for a report), with its engine's work
 * registered on the workers; {@code deployments} is what CodePipeline's deploy actions call.
 * {@code commandsBindings} are the agent command service twice, classic and secure: one handler,
 * one set of account and host checks.
 */
public record CodeDeployService(ServiceBinding binding, List<ServiceBinding> commandsBindings,
                                Map<String, AdminEndpoint> adminEndpoints, Deployments deployments) {

    public static CodeDeployService create(Jdbc jdbc, ResourceStore resources, WorkQueue queue, Workers workers,
                                           SlipwayClock clock, IdGenerator ids, HookFunctions functions,
                                           LambdaFunctions lambda, RevisionBundles bundles,
                                           DeploymentEnds ends, HostCallers callers) {
        CodeDeployStore store = new CodeDeployStore(jdbc, resources);
        ResourceTags tags = new ResourceTags(store);
        Applications applications = new Applications(store, tags, clock, ids);
        DeploymentConfigs configs = new DeploymentConfigs(store, clock, ids);
        DeploymentGroups groups = new DeploymentGroups(store, applications, configs, tags, ids);
        DeploymentIds deploymentIds = new DeploymentIds(bound -> ThreadLocalRandom.current().nextInt(bound));
        DeploymentEngine engine = new DeploymentEngine(store, queue, clock, deploymentIds, configs, functions, lambda, ends);
        engine.register(workers);
        OnPremisesInstances instances = new OnPremisesInstances(store, clock);
        ApplicationRevisions revisions = new ApplicationRevisions(store, applications, clock);
        CommandSignals signals = new CommandSignals(queue.signals());
        ServerDeployments servers = new ServerDeployments(store, queue, clock, configs, deploymentIds, bundles, signals);
        servers.register(workers);
        Deployments deployments = new Deployments(store, applications, groups, configs, engine, deploymentIds, servers,
                instances, revisions);
        ServiceBinding commands = new ServiceBinding(new CodeDeployCommandsDispatcher(new CodeDeployCommandsApi(
                new HostCommands(store, instances, servers, signals, callers), new SpecificationSigner(resources))),
                CodeDeployCommandsApi.VALIDATION);
        return new CodeDeployService(
                new ServiceBinding(new CodeDeployDispatcher(new CodeDeployApi(applications, configs, groups, tags,
                        deployments, new DeploymentInstances(store), instances, revisions)), new CodeDeployValidation()),
                List.of(commands, commands.presentedAs(CodeDeployCommandsApi.SECURE_TARGET_PREFIX,
                        CodeDeployCommandsApi.SECURE_API_VERSION, CodeDeployCommandsApi.SECURE_SIGNING_NAME)),
                Map.of(HookExecutionsEndpoint.PATH, new HookExecutionsEndpoint(deployments)), deployments);
    }
}
