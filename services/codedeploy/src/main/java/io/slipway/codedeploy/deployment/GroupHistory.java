package io.slipway.codedeploy.deployment;

import io.slipway.codedeploy.group.DeploymentGroups;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.DeploymentStatus;
import io.slipway.model.codedeploy.LastDeploymentInfo;

import static io.slipway.codedeploy.store.CodeDeployStore.APPLICATION;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_GROUP;

/** Keeps a deployment group's lastAttemptedDeployment and lastSuccessfulDeployment up to date. */
public final class GroupHistory {
    private final CodeDeployStore store;

    public GroupHistory(CodeDeployStore store) {
        this.store = store;
    }

    /** Records a deployment's current status on its group; a group renamed or deleted meanwhile is left alone. */
    public void record(Tx tx, Namespace ns, DeploymentInfo d, String groupId) {
        store.get(tx, APPLICATION, ns, d.applicationName()).ifPresent(app -> {
            String key = DeploymentGroups.key(app.value().applicationId(), d.deploymentGroupName());
            store.get(tx, DEPLOYMENT_GROUP, ns, key).filter(g -> g.value().deploymentGroupId().equals(groupId))
                    .ifPresent(g -> {
                        LastDeploymentInfo last = new LastDeploymentInfo(d.deploymentId(), d.status(), d.completeTime(),
                                d.createTime());
                        var updated = g.value().toBuilder().lastAttemptedDeployment(last);
                        if (d.status() == DeploymentStatus.SUCCEEDED) {
                            updated.lastSuccessfulDeployment(last);
                        }
                        store.replace(tx, DEPLOYMENT_GROUP, ns, key, g, updated.build());
                    });
        });
    }
}
