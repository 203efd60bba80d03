package io.slipway.codedeploy.config;

import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.codedeploy.store.NamePage;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.CreateDeploymentConfigInput;
import io.slipway.model.codedeploy.DeploymentConfigInfo;
import io.slipway.model.runtime.AwsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_CONFIG;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_GROUP;
import static io.slipway.model.codedeploy.CodeDeployErrors.DEPLOYMENT_CONFIG_ALREADY_EXISTS;
import static io.slipway.model.codedeploy.CodeDeployErrors.DEPLOYMENT_CONFIG_DOES_NOT_EXIST;
import static io.slipway.model.codedeploy.CodeDeployErrors.DEPLOYMENT_CONFIG_IN_USE;
import static io.slipway.model.codedeploy.CodeDeployErrors.DEPLOYMENT_CONFIG_LIMIT_EXCEEDED;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_DEPLOYMENT_CONFIG_NAME;
import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_OPERATION;

/** Deployment configurations: the predefined ones plus each namespace's custom ones. */
public final class DeploymentConfigs {
    /** CodeDeploy's quota of custom deployment configurations per account and region. */
    public static final int MAX_CUSTOM_CONFIGS = 50;
    public static final int PAGE_SIZE = 100;
    private final CodeDeployStore store;
    private final SlipwayClock clock;
    private final IdGenerator ids;

    public DeploymentConfigs(CodeDeployStore store, SlipwayClock clock, IdGenerator ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    public String create(Namespace ns, CreateDeploymentConfigInput in) {
        String name = in.deploymentConfigName();
        if (PredefinedConfigs.isPredefined(name)) {
            throw alreadyExists(name);
        }
        if (name.startsWith(PredefinedConfigs.PREFIX)) {
            throw INVALID_DEPLOYMENT_CONFIG_NAME.exception("Deployment configuration names may not begin with "
                    + PredefinedConfigs.PREFIX);
        }
        ComputePlatform platform = in.computePlatform() == null ? ComputePlatform.SERVER : in.computePlatform();
        DeploymentConfigRules.check(platform, in.minimumHealthyHosts(), in.trafficRoutingConfig(), in.zonalConfig());
        DeploymentConfigInfo config = DeploymentConfigInfo.builder().deploymentConfigId(ids.newId())
                .deploymentConfigName(name).minimumHealthyHosts(in.minimumHealthyHosts()).createTime(clock.now())
                .computePlatform(platform).trafficRoutingConfig(in.trafficRoutingConfig())
                .zonalConfig(in.zonalConfig()).build();
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            if (!store.belowQuota(tx, DEPLOYMENT_CONFIG, ns, Optional.empty(), MAX_CUSTOM_CONFIGS)) {
                throw DEPLOYMENT_CONFIG_LIMIT_EXCEEDED.exception("The limit of " + MAX_CUSTOM_CONFIGS
                        + " custom deployment configurations has been reached");
            }
            try {
                store.insert(tx, DEPLOYMENT_CONFIG, ns, name, Optional.empty(), config);
            } catch (DuplicateKeyException e) {
                throw alreadyExists(name);
            }
            return config.deploymentConfigId();
        }));
    }

    public DeploymentConfigInfo get(Namespace ns, String name) {
        return PredefinedConfigs.get(name).or(() -> store.get(DEPLOYMENT_CONFIG, ns, name))
                .orElseThrow(() -> doesNotExist(name));
    }

    public DeploymentConfigInfo get(Tx tx, Namespace ns, String name) {
        return PredefinedConfigs.get(name)
                .or(() -> store.get(tx, DEPLOYMENT_CONFIG, ns, name).map(v -> v.value()))
                .orElseThrow(() -> doesNotExist(name));
    }

    /** Deletes a custom config; predefined ones and those a deployment group uses stay. A missing one is no error. */
    public void delete(Namespace ns, String name) {
        if (PredefinedConfigs.isPredefined(name)) {
            throw INVALID_OPERATION.exception("The predefined deployment configuration " + name
                    + " cannot be deleted");
        }
        store.inTransaction(tx -> {
            boolean used = store.list(tx, DEPLOYMENT_GROUP, ns, Optional.empty(), Optional.empty(), 10_000).items()
                    .stream().anyMatch(g -> name.equals(g.value().deploymentConfigName()));
            if (used) {
                throw DEPLOYMENT_CONFIG_IN_USE.exception("The deployment configuration " + name
                        + " is in use by a deployment group");
            }
            store.delete(tx, DEPLOYMENT_CONFIG, ns, name);
            return null;
        });
    }

    /** Predefined and custom names together, sorted, a page at a time. */
    public NamePage list(Namespace ns, String nextToken) {
        Optional<String> after = NamePage.after("deployment-configs", nextToken);
        TreeSet<String> names = new TreeSet<>();
        String from = after.orElse("");
        for (String predefined : PredefinedConfigs.names()) {
            if (predefined.compareTo(from) > 0) {
                names.add(predefined);
            }
        }
        store.list(DEPLOYMENT_CONFIG, ns, Optional.empty(), after, PAGE_SIZE + 1).items()
                .forEach(k -> names.add(k.id()));
        List<String> page = new ArrayList<>(names).subList(0, Math.min(PAGE_SIZE, names.size()));
        String token = names.size() > PAGE_SIZE ? PageToken.encode("deployment-configs", page.getLast()) : null;
        return new NamePage(page, token);
    }

    public static AwsException doesNotExist(String name) {
        return DEPLOYMENT_CONFIG_DOES_NOT_EXIST.exception("No deployment configuration found for name: " + name);
    }

    private static AwsException alreadyExists(String name) {
        return DEPLOYMENT_CONFIG_ALREADY_EXISTS.exception("A deployment configuration named " + name + " already exists");
    }
}
