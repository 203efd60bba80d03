package io.slipway.codedeploy.group;

import io.slipway.codedeploy.application.Applications;
import io.slipway.codedeploy.config.DeploymentConfigs;
import io.slipway.codedeploy.config.PredefinedConfigs;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.codedeploy.store.NamePage;
import io.slipway.engine.store.Retry;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Versioned;
import io.slipway.codedeploy.tags.ResourceTags;
import io.slipway.core.PageToken;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.AlarmConfiguration;
import io.slipway.model.codedeploy.ApplicationInfo;
import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.CreateDeploymentGroupInput;
import io.slipway.model.codedeploy.DeploymentConfigInfo;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.DeploymentOption;
import io.slipway.model.codedeploy.DeploymentStyle;
import io.slipway.model.codedeploy.DeploymentType;
import io.slipway.model.codedeploy.ECSService;
import io.slipway.model.codedeploy.OutdatedInstancesStrategy;
import io.slipway.model.codedeploy.UpdateDeploymentGroupInput;
import io.slipway.model.runtime.AwsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_GROUP;
import static io.slipway.model.codedeploy.CodeDeployErrors.BATCH_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.DEPLOYMENT_GROUP_ALREADY_EXISTS;
import static io.slipway.model.codedeploy.CodeDeployErrors.DEPLOYMENT_GROUP_DOES_NOT_EXIST;
import static io.slipway.model.codedeploy.CodeDeployErrors.DEPLOYMENT_GROUP_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.ECS_SERVICE_MAPPING_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_DEPLOYMENT_CONFIG_NAME;

/**
 * Deployment groups: which targets an application deploys to, and how. Stored under their
 * application's id, so renaming the application moves nothing.
 */
public final class DeploymentGroups {
    /** CodeDeploy's quota of deployment groups per application. */
    public static final int MAX_GROUPS = 1000;
    public static final int MAX_BATCH = 100;
    public static final int PAGE_SIZE = 100;
    private final CodeDeployStore store;
    private final Applications applications;
    private final DeploymentConfigs configs;
    private final ResourceTags tags;
    private final IdGenerator ids;

    public DeploymentGroups(CodeDeployStore store, Applications applications, DeploymentConfigs configs,
                            ResourceTags tags, IdGenerator ids) {
        this.store = store;
        this.applications = applications;
        this.configs = configs;
        this.tags = tags;
        this.ids = ids;
    }

    public static String key(String applicationId, String groupName) {
        return applicationId + "/" + groupName;
    }

    public String create(Namespace ns, CreateDeploymentGroupInput in) {
        ResourceTags.validate(in.tags());
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            ApplicationInfo app = applications.get(tx, ns, in.applicationName()).value();
            DeploymentGroupInfo group = GroupSettings.of(in).applyTo(defaults(app, in.deploymentGroupName())).build();
            check(tx, ns, app, group);
            if (!store.belowQuota(tx, DEPLOYMENT_GROUP, ns, Optional.of(app.applicationId()), MAX_GROUPS)) {
                throw DEPLOYMENT_GROUP_LIMIT_EXCEEDED.exception("The limit of " + MAX_GROUPS
                        + " deployment groups for application " + app.applicationName() + " has been reached");
            }
            try {
                store.insert(tx, DEPLOYMENT_GROUP, ns, key(app.applicationId(), group.deploymentGroupName()),
                        Optional.of(app.applicationId()), group);
            } catch (DuplicateKeyException e) {
                throw alreadyExists(app.applicationName(), group.deploymentGroupName());
            }
            tags.put(tx, ns, group.deploymentGroupId(), in.tags());
            return group.deploymentGroupId();
        }));
    }

    /** A new group's settings before the request's are applied: what GetDeploymentGroup shows for them. */
    private DeploymentGroupInfo.Builder defaults(ApplicationInfo app, String name) {
        boolean lambda = app.computePlatform() == ComputePlatform.LAMBDA;
        return DeploymentGroupInfo.builder().applicationName(app.applicationName()).deploymentGroupId(ids.newId())
                .deploymentGroupName(name).deploymentConfigName(PredefinedConfigs.defaultFor(app.computePlatform()))
                .ec2TagFilters(List.of()).onPremisesInstanceTagFilters(List.of()).autoScalingGroups(List.of())
                .triggerConfigurations(List.of()).alarmConfiguration(new AlarmConfiguration(false, false, List.of()))
                .deploymentStyle(lambda
                        ? new DeploymentStyle(DeploymentType.BLUE_GREEN, DeploymentOption.WITH_TRAFFIC_CONTROL)
                        : new DeploymentStyle(DeploymentType.IN_PLACE, DeploymentOption.WITHOUT_TRAFFIC_CONTROL))
                .outdatedInstancesStrategy(OutdatedInstancesStrategy.UPDATE)
                .computePlatform(app.computePlatform()).terminationHookEnabled(false);
    }

    private void check(Tx tx, Namespace ns, ApplicationInfo app, DeploymentGroupInfo group) {
        DeploymentConfigInfo config = configs.get(tx, ns, group.deploymentConfigName());
        if (config.computePlatform() != app.computePlatform()) {
            throw INVALID_DEPLOYMENT_CONFIG_NAME.exception("The deployment configuration "
                    + config.deploymentConfigName() + " is for the " + config.computePlatform()
                    + " compute platform, not " + app.computePlatform());
        }
        DeploymentGroupRules.check(group);
        if (group.computePlatform() == ComputePlatform.ECS) {
            ECSService service = group.ecsServices().getFirst();
            boolean taken = store.list(tx, DEPLOYMENT_GROUP, ns, Optional.empty(), Optional.empty(), 10_000).items()
                    .stream().map(CodeDeployStore.Keyed::value)
                    .filter(g -> !g.deploymentGroupId().equals(group.deploymentGroupId()) && g.ecsServices() != null)
                    .anyMatch(g -> g.ecsServices().contains(service));
            if (taken) {
                throw ECS_SERVICE_MAPPING_LIMIT_EXCEEDED.exception("The ECS service " + service.clusterName() + ":"
                        + service.serviceName() + " is already in a deployment group");
            }
        }
    }

    public DeploymentGroupInfo get(Namespace ns, String applicationName, String groupName) {
        return store.inTransaction(tx -> get(tx, ns, applications.get(tx, ns, applicationName).value(), groupName).value());
    }

    private Versioned<DeploymentGroupInfo> get(Tx tx, Namespace ns, ApplicationInfo app, String groupName) {
        return find(tx, ns, app, groupName).orElseThrow(() -> doesNotExist(groupName));
    }

    public Optional<Versioned<DeploymentGroupInfo>> find(Tx tx, Namespace ns, ApplicationInfo app, String groupName) {
        // the stored document does not follow application renames; the application's name is current
        return store.get(tx, DEPLOYMENT_GROUP, ns, key(app.applicationId(), groupName)).map(v -> new Versioned<>(
                v.value().toBuilder().applicationName(app.applicationName()).build(), v.version()));
    }

    /** The groups that exist, and an error message naming those that do not (AWS's errorMessage). */
    public record Batch(List<DeploymentGroupInfo> groups, String errorMessage) {
    }

    public Batch batchGet(Namespace ns, String applicationName, List<String> names) {
        if (names.size() > MAX_BATCH) {
            throw BATCH_LIMIT_EXCEEDED.exception("The maximum number of names that can be specified is " + MAX_BATCH);
        }
        return store.inTransaction(tx -> {
            ApplicationInfo app = applications.get(tx, ns, applicationName).value();
            List<DeploymentGroupInfo> found = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String name : names) {
                find(tx, ns, app, name).ifPresentOrElse(v -> found.add(v.value()), () -> missing.add(name));
            }
            return new Batch(found, missing.isEmpty() ? null
                    : "Deployment groups not found in application " + applicationName + ": " + String.join(", ", missing));
        });
    }

    public void update(Namespace ns, UpdateDeploymentGroupInput in) {
        // the engine records deployments on the group concurrently: a lost race is read and applied again
        Retry.onConflict(() -> store.inTransaction(tx -> {
            ApplicationInfo app = applications.get(tx, ns, in.applicationName()).value();
            Versioned<DeploymentGroupInfo> current = get(tx, ns, app, in.currentDeploymentGroupName());
            String newName = in.newDeploymentGroupName() == null ? current.value().deploymentGroupName()
                    : in.newDeploymentGroupName();
            DeploymentGroupInfo updated = GroupSettings.of(in)
                    .applyTo(current.value().toBuilder().deploymentGroupName(newName)).build();
            check(tx, ns, app, updated);
            String oldKey = key(app.applicationId(), in.currentDeploymentGroupName());
            if (newName.equals(in.currentDeploymentGroupName())) {
                store.replace(tx, DEPLOYMENT_GROUP, ns, oldKey, current, updated);
            } else {
                try {
                    store.insert(tx, DEPLOYMENT_GROUP, ns, key(app.applicationId(), newName),
                            Optional.of(app.applicationId()), updated);
                } catch (DuplicateKeyException e) {
                    throw alreadyExists(app.applicationName(), newName);
                }
                store.delete(tx, DEPLOYMENT_GROUP, ns, oldKey);
            }
            return null;
        }));
    }

    /** Deletes a group and its tags; a missing group is no error, as in AWS. */
    public void delete(Namespace ns, String applicationName, String groupName) {
        store.inTransaction(tx -> {
            ApplicationInfo app = applications.get(tx, ns, applicationName).value();
            find(tx, ns, app, groupName).ifPresent(g -> {
                tags.delete(tx, ns, g.value().deploymentGroupId());
                store.delete(tx, DEPLOYMENT_GROUP, ns, key(app.applicationId(), groupName));
            });
            return null;
        });
    }

    /** A page of an application's group names, with the application's current name. */
    public record GroupPage(String applicationName, NamePage page) {
    }

    public GroupPage list(Namespace ns, String applicationName, String nextToken) {
        ApplicationInfo app = applications.get(ns, applicationName);
        String list = "deployment-groups/" + app.applicationId();
        Optional<String> after = NamePage.after(list, nextToken).map(name -> key(app.applicationId(), name));
        CodeDeployStore.Page<DeploymentGroupInfo> page = store.list(DEPLOYMENT_GROUP, ns,
                Optional.of(app.applicationId()), after, PAGE_SIZE);
        List<String> names = page.items().stream().map(k -> k.value().deploymentGroupName()).toList();
        String token = page.nextAfterId().isPresent() ? PageToken.encode(list, names.getLast()) : null;
        return new GroupPage(app.applicationName(), new NamePage(names, token));
    }

    private static AwsException doesNotExist(String groupName) {
        return DEPLOYMENT_GROUP_DOES_NOT_EXIST.exception("No Deployment Group found for name: " + groupName);
    }

    private static AwsException alreadyExists(String app, String group) {
        return DEPLOYMENT_GROUP_ALREADY_EXISTS.exception("Deployment Group already exists with name " + group
                + " for application " + app);
    }
}
