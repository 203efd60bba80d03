package io.slipway.codedeploy.server;

import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codedeploy.CodeDeployModel;
import io.slipway.model.codedeploy.DeploymentStatus;
import io.slipway.model.codedeploy.LastDeploymentInfo;

import java.time.Instant;
import java.util.Optional;

/**
 * What each instance of a group went through: its last deployment, which decides AWS's pick order
 * (failed instances first), and its last successful one, without which ApplicationStop has nothing
 * to stop.
 */
final class InstanceHistory {
    static final DocumentType<LastDeploymentInfo> TYPE = new DocumentType<>("codedeploy.instance-deployment",
            CodeDeployModel.MODEL.shape("LastDeploymentInfo"), LastDeploymentInfo::fromDocument);

    private final CodeDeployStore store;

    InstanceHistory(CodeDeployStore store) {
        this.store = store;
    }

    Optional<LastDeploymentInfo> lastAttempt(Tx tx, Namespace ns, String groupId, String instance) {
        return store.get(tx, TYPE, ns, key(groupId, instance, "attempt")).map(Versioned::value);
    }

    Optional<LastDeploymentInfo> lastSucceeded(Tx tx, Namespace ns, String groupId, String instance) {
        return store.get(tx, TYPE, ns, key(groupId, instance, "success")).map(Versioned::value);
    }

    void record(Tx tx, Namespace ns, String groupId, String instance, String deploymentId, DeploymentStatus status,
                Instant now) {
        LastDeploymentInfo last = new LastDeploymentInfo(deploymentId, status, now, now);
        put(tx, ns, key(groupId, instance, "attempt"), last);
        if (status == DeploymentStatus.SUCCEEDED) {
            put(tx, ns, key(groupId, instance, "success"), last);
        }
    }

    private void put(Tx tx, Namespace ns, String key, LastDeploymentInfo value) {
        store.get(tx, TYPE, ns, key).ifPresentOrElse(old -> store.replace(tx, TYPE, ns, key, old, value),
                () -> store.insert(tx, TYPE, ns, key, Optional.empty(), value));
    }

    private static String key(String groupId, String instance, String which) {
        return groupId + "/" + instance + "/" + which;
    }
}
