package io.slipway.codedeploy.server;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.InstanceInfo;

import java.util.List;
import java.util.Optional;

/** The registered on-premises instances, as Server deployments and the agent command service see them. */
public interface Fleet {

    /** Registered instances the group's tag filters or tag set select, sorted by name. */
    List<InstanceInfo> matching(Tx tx, Namespace ns, DeploymentGroupInfo group);

    /** The registered instance an agent's host identifier (name, instance ARN or IAM ARN) names. */
    Optional<InstanceInfo> byHostIdentifier(Tx tx, Namespace ns, String hostIdentifier);
}
