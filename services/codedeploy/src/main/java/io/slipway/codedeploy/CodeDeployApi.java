package io.slipway.codedeploy;

import io.slipway.codedeploy.application.Applications;
import io.slipway.codedeploy.deployment.Deployments;
import io.slipway.codedeploy.config.DeploymentConfigs;
import io.slipway.codedeploy.group.DeploymentGroups;
import io.slipway.codedeploy.instance.OnPremisesInstances;
import io.slipway.codedeploy.revision.ApplicationRevisions;
import io.slipway.codedeploy.server.DeploymentInstances;
import io.slipway.codedeploy.store.NamePage;
import io.slipway.codedeploy.tags.ResourceTags;
import io.slipway.core.Namespace;
import io.slipway.model.codedeploy.*;
import io.slipway.model.codedeploy.BatchGetApplicationsInput;
import io.slipway.model.codedeploy.BatchGetApplicationsOutput;
import io.slipway.model.codedeploy.BatchGetDeploymentGroupsInput;
import io.slipway.model.codedeploy.BatchGetDeploymentGroupsOutput;
import io.slipway.model.codedeploy.CodeDeployHandler;
import io.slipway.model.codedeploy.CreateApplicationInput;
import io.slipway.model.codedeploy.CreateApplicationOutput;
import io.slipway.model.codedeploy.CreateDeploymentConfigInput;
import io.slipway.model.codedeploy.CreateDeploymentConfigOutput;
import io.slipway.model.codedeploy.CreateDeploymentGroupInput;
import io.slipway.model.codedeploy.CreateDeploymentGroupOutput;
import io.slipway.model.codedeploy.DeleteApplicationInput;
import io.slipway.model.codedeploy.DeleteDeploymentConfigInput;
import io.slipway.model.codedeploy.DeleteDeploymentGroupInput;
import io.slipway.model.codedeploy.DeleteDeploymentGroupOutput;
import io.slipway.model.codedeploy.GetApplicationInput;
import io.slipway.model.codedeploy.GetApplicationOutput;
import io.slipway.model.codedeploy.GetDeploymentConfigInput;
import io.slipway.model.codedeploy.GetDeploymentConfigOutput;
import io.slipway.model.codedeploy.GetDeploymentGroupInput;
import io.slipway.model.codedeploy.GetDeploymentGroupOutput;
import io.slipway.model.codedeploy.ListApplicationsInput;
import io.slipway.model.codedeploy.ListApplicationsOutput;
import io.slipway.model.codedeploy.ListDeploymentConfigsInput;
import io.slipway.model.codedeploy.ListDeploymentConfigsOutput;
import io.slipway.model.codedeploy.ListDeploymentGroupsInput;
import io.slipway.model.codedeploy.ListDeploymentGroupsOutput;
import io.slipway.model.codedeploy.ListTagsForResourceInput;
import io.slipway.model.codedeploy.ListTagsForResourceOutput;
import io.slipway.model.codedeploy.TagResourceInput;
import io.slipway.model.codedeploy.TagResourceOutput;
import io.slipway.model.codedeploy.UntagResourceInput;
import io.slipway.model.codedeploy.UntagResourceOutput;
import io.slipway.model.codedeploy.UpdateApplicationInput;
import io.slipway.model.codedeploy.UpdateDeploymentGroupInput;
import io.slipway.model.codedeploy.UpdateDeploymentGroupOutput;
import io.slipway.model.runtime.RequestContext;

import java.util.List;

/** The CodeDeploy operations Slipway serves: each maps its input to a domain call and back. */
public final class CodeDeployApi implements CodeDeployHandler {
    private final Applications applications;
    private final DeploymentConfigs configs;
    private final DeploymentGroups groups;
    private final ResourceTags tags;
    private final Deployments deployments;
    private final DeploymentInstances deploymentInstances;
    private final OnPremisesInstances instances;
    private final ApplicationRevisions revisions;

    public CodeDeployApi(Applications applications, DeploymentConfigs configs, DeploymentGroups groups,
                         ResourceTags tags, Deployments deployments, DeploymentInstances deploymentInstances,
                         OnPremisesInstances instances, ApplicationRevisions revisions) {
        this.applications = applications;
        this.configs = configs;
        this.groups = groups;
        this.tags = tags;
        this.deployments = deployments;
        this.deploymentInstances = deploymentInstances;
        this.instances = instances;
        this.revisions = revisions;
    }

    // ---- applications ----

    @Override
    public CreateApplicationOutput createApplication(CreateApplicationInput in, RequestContext ctx) {
        return new CreateApplicationOutput(applications.create(Namespace.of(ctx), in.applicationName(),
                in.computePlatform(), in.tags()));
    }

    @Override
    public GetApplicationOutput getApplication(GetApplicationInput in, RequestContext ctx) {
        return new GetApplicationOutput(applications.get(Namespace.of(ctx), in.applicationName()));
    }

    @Override
    public BatchGetApplicationsOutput batchGetApplications(BatchGetApplicationsInput in, RequestContext ctx) {
        return new BatchGetApplicationsOutput(applications.batchGet(Namespace.of(ctx), in.applicationNames()));
    }

    @Override
    public void updateApplication(UpdateApplicationInput in, RequestContext ctx) {
        applications.rename(Namespace.of(ctx), in.applicationName(), in.newApplicationName());
    }

    @Override
    public void deleteApplication(DeleteApplicationInput in, RequestContext ctx) {
        applications.delete(Namespace.of(ctx), in.applicationName());
    }

    @Override
    public ListApplicationsOutput listApplications(ListApplicationsInput in, RequestContext ctx) {
        NamePage page = applications.list(Namespace.of(ctx), in.nextToken());
        return new ListApplicationsOutput(page.names(), page.nextToken());
    }

    // ---- deployment configs ----

    @Override
    public CreateDeploymentConfigOutput createDeploymentConfig(CreateDeploymentConfigInput in, RequestContext ctx) {
        return new CreateDeploymentConfigOutput(configs.create(Namespace.of(ctx), in));
    }

    @Override
    public GetDeploymentConfigOutput getDeploymentConfig(GetDeploymentConfigInput in, RequestContext ctx) {
        return new GetDeploymentConfigOutput(configs.get(Namespace.of(ctx), in.deploymentConfigName()));
    }

    @Override
    public void deleteDeploymentConfig(DeleteDeploymentConfigInput in, RequestContext ctx) {
        configs.delete(Namespace.of(ctx), in.deploymentConfigName());
    }

    @Override
    public ListDeploymentConfigsOutput listDeploymentConfigs(ListDeploymentConfigsInput in, RequestContext ctx) {
        NamePage page = configs.list(Namespace.of(ctx), in.nextToken());
        return new ListDeploymentConfigsOutput(page.names(), page.nextToken());
    }

    // ---- deployment groups ----

    @Override
    public CreateDeploymentGroupOutput createDeploymentGroup(CreateDeploymentGroupInput in, RequestContext ctx) {
        return new CreateDeploymentGroupOutput(groups.create(Namespace.of(ctx), in));
    }

    @Override
    public GetDeploymentGroupOutput getDeploymentGroup(GetDeploymentGroupInput in, RequestContext ctx) {
        return new GetDeploymentGroupOutput(groups.get(Namespace.of(ctx), in.applicationName(), in.deploymentGroupName()));
    }

    @Override
    public BatchGetDeploymentGroupsOutput batchGetDeploymentGroups(BatchGetDeploymentGroupsInput in, RequestContext ctx) {
        DeploymentGroups.Batch batch = groups.batchGet(Namespace.of(ctx), in.applicationName(), in.deploymentGroupNames());
        return new BatchGetDeploymentGroupsOutput(batch.groups(), batch.errorMessage());
    }

    @Override
    public UpdateDeploymentGroupOutput updateDeploymentGroup(UpdateDeploymentGroupInput in, RequestContext ctx) {
        groups.update(Namespace.of(ctx), in);
        return new UpdateDeploymentGroupOutput(List.of());
    }

    @Override
    public DeleteDeploymentGroupOutput deleteDeploymentGroup(DeleteDeploymentGroupInput in, RequestContext ctx) {
        groups.delete(Namespace.of(ctx), in.applicationName(), in.deploymentGroupName());
        return new DeleteDeploymentGroupOutput(List.of());
    }

    @Override
    public ListDeploymentGroupsOutput listDeploymentGroups(ListDeploymentGroupsInput in, RequestContext ctx) {
        DeploymentGroups.GroupPage groupPage = groups.list(Namespace.of(ctx), in.applicationName(), in.nextToken());
        return new ListDeploymentGroupsOutput(groupPage.applicationName(), groupPage.page().names(),
                groupPage.page().nextToken());
    }

    // ---- tags ----

    @Override
    public TagResourceOutput tagResource(TagResourceInput in, RequestContext ctx) {
        tags.tagResource(Namespace.of(ctx), in.resourceArn(), in.tags());
        return new TagResourceOutput();
    }

    @Override
    public UntagResourceOutput untagResource(UntagResourceInput in, RequestContext ctx) {
        tags.untagResource(Namespace.of(ctx), in.resourceArn(), in.tagKeys());
        return new UntagResourceOutput();
    }

    @Override
    public ListTagsForResourceOutput listTagsForResource(ListTagsForResourceInput in, RequestContext ctx) {
        return ListTagsForResourceOutput.builder().tags(tags.listTagsForResource(Namespace.of(ctx), in.resourceArn())).build();
    }

    // ---- on-premises instances ----

    @Override
    public void registerOnPremisesInstance(RegisterOnPremisesInstanceInput in, RequestContext ctx) {
        instances.register(Namespace.of(ctx), in.instanceName(), in.iamSessionArn(), in.iamUserArn());
    }

    @Override
    public void deregisterOnPremisesInstance(DeregisterOnPremisesInstanceInput in, RequestContext ctx) {
        instances.deregister(Namespace.of(ctx), in.instanceName());
    }

    @Override
    public GetOnPremisesInstanceOutput getOnPremisesInstance(GetOnPremisesInstanceInput in, RequestContext ctx) {
        return new GetOnPremisesInstanceOutput(instances.get(Namespace.of(ctx), in.instanceName()));
    }

    @Override
    public BatchGetOnPremisesInstancesOutput batchGetOnPremisesInstances(BatchGetOnPremisesInstancesInput in,
                                                                         RequestContext ctx) {
        return new BatchGetOnPremisesInstancesOutput(instances.batchGet(Namespace.of(ctx), in.instanceNames()));
    }

    @Override
    public ListOnPremisesInstancesOutput listOnPremisesInstances(ListOnPremisesInstancesInput in, RequestContext ctx) {
        NamePage page = instances.list(Namespace.of(ctx), in.registrationStatus(), in.tagFilters(), in.nextToken());
        return new ListOnPremisesInstancesOutput(page.names(), page.nextToken());
    }

    @Override
    public void addTagsToOnPremisesInstances(AddTagsToOnPremisesInstancesInput in, RequestContext ctx) {
        instances.addTags(Namespace.of(ctx), in.tags(), in.instanceNames());
    }

    @Override
    public void removeTagsFromOnPremisesInstances(RemoveTagsFromOnPremisesInstancesInput in, RequestContext ctx) {
        instances.removeTags(Namespace.of(ctx), in.tags(), in.instanceNames());
    }

    // ---- revisions ----

    @Override
    public void registerApplicationRevision(RegisterApplicationRevisionInput in, RequestContext ctx) {
        revisions.register(Namespace.of(ctx), in.applicationName(), in.description(), in.revision());
    }

    @Override
    public GetApplicationRevisionOutput getApplicationRevision(GetApplicationRevisionInput in, RequestContext ctx) {
        ApplicationRevisions.Found found = revisions.get(Namespace.of(ctx), in.applicationName(), in.revision());
        return new GetApplicationRevisionOutput(found.applicationName(), found.revision(), found.info());
    }

    @Override
    public BatchGetApplicationRevisionsOutput batchGetApplicationRevisions(BatchGetApplicationRevisionsInput in,
                                                                           RequestContext ctx) {
        ApplicationRevisions.Batch batch = revisions.batchGet(Namespace.of(ctx), in.applicationName(), in.revisions());
        return new BatchGetApplicationRevisionsOutput(batch.applicationName(), batch.errorMessage(), batch.revisions());
    }

    @Override
    public ListApplicationRevisionsOutput listApplicationRevisions(ListApplicationRevisionsInput in, RequestContext ctx) {
        ApplicationRevisions.Page page = revisions.list(Namespace.of(ctx), in);
        return new ListApplicationRevisionsOutput(page.revisions(), page.nextToken());
    }

    // ---- deployments ----

    @Override
    public CreateDeploymentOutput createDeployment(CreateDeploymentInput in, RequestContext ctx) {
        return new CreateDeploymentOutput(deployments.create(Namespace.of(ctx), in));
    }

    @Override
    public GetDeploymentOutput getDeployment(GetDeploymentInput in, RequestContext ctx) {
        return new GetDeploymentOutput(deployments.get(Namespace.of(ctx), in.deploymentId()));
    }

    @Override
    public BatchGetDeploymentsOutput batchGetDeployments(BatchGetDeploymentsInput in, RequestContext ctx) {
        return new BatchGetDeploymentsOutput(deployments.batchGet(Namespace.of(ctx), in.deploymentIds()));
    }

    @Override
    public ListDeploymentsOutput listDeployments(ListDeploymentsInput in, RequestContext ctx) {
        NamePage page = deployments.list(Namespace.of(ctx), in);
        return new ListDeploymentsOutput(page.names(), page.nextToken());
    }

    @Override
    public StopDeploymentOutput stopDeployment(StopDeploymentInput in, RequestContext ctx) {
        deployments.stop(Namespace.of(ctx), in.deploymentId(), in.autoRollbackEnabled());
        return new StopDeploymentOutput(StopStatus.SUCCEEDED, "The deployment was stopped");
    }

    @Override
    public void continueDeployment(ContinueDeploymentInput in, RequestContext ctx) {
        deployments.continueDeployment(Namespace.of(ctx), in.deploymentId(), in.deploymentWaitType());
    }

    @Override
    public ListDeploymentTargetsOutput listDeploymentTargets(ListDeploymentTargetsInput in, RequestContext ctx) {
        NamePage page = deployments.listTargets(Namespace.of(ctx), in.deploymentId(), in.targetFilters());
        return new ListDeploymentTargetsOutput(page.names(), page.nextToken());
    }

    @Override
    public BatchGetDeploymentTargetsOutput batchGetDeploymentTargets(BatchGetDeploymentTargetsInput in, RequestContext ctx) {
        return new BatchGetDeploymentTargetsOutput(deployments.batchGetTargets(Namespace.of(ctx), in.deploymentId(),
                in.targetIds()));
    }

    @Override
    public GetDeploymentTargetOutput getDeploymentTarget(GetDeploymentTargetInput in, RequestContext ctx) {
        return new GetDeploymentTargetOutput(deployments.getTarget(Namespace.of(ctx), in.deploymentId(), in.targetId()));
    }

    @Override
    public PutLifecycleEventHookExecutionStatusOutput putLifecycleEventHookExecutionStatus(
            PutLifecycleEventHookExecutionStatusInput in, RequestContext ctx) {
        return new PutLifecycleEventHookExecutionStatusOutput(deployments.reportHook(Namespace.of(ctx), in.deploymentId(),
                in.lifecycleEventHookExecutionId(), in.status() == null ? null : in.status().value()));
    }

    // ---- deployment instances (deprecated, still served) ----

    @Override
    public GetDeploymentInstanceOutput getDeploymentInstance(GetDeploymentInstanceInput in, RequestContext ctx) {
        return new GetDeploymentInstanceOutput(deploymentInstances.get(Namespace.of(ctx), in.deploymentId(), in.instanceId()));
    }

    @Override
    public ListDeploymentInstancesOutput listDeploymentInstances(ListDeploymentInstancesInput in, RequestContext ctx) {
        NamePage page = deploymentInstances.list(Namespace.of(ctx), in.deploymentId(), in.instanceStatusFilter(),
                in.instanceTypeFilter(), in.nextToken());
        return new ListDeploymentInstancesOutput(page.names(), page.nextToken());
    }

    @Override
    public BatchGetDeploymentInstancesOutput batchGetDeploymentInstances(BatchGetDeploymentInstancesInput in,
                                                                         RequestContext ctx) {
        DeploymentInstances.Batch batch = deploymentInstances.batchGet(Namespace.of(ctx), in.deploymentId(), in.instanceIds());
        return new BatchGetDeploymentInstancesOutput(batch.summaries(), batch.errorMessage());
    }
}
