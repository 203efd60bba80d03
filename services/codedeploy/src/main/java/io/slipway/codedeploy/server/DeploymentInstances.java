package io.slipway.codedeploy.server;

import io.slipway.codedeploy.deployment.DeploymentIds;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.codedeploy.store.NamePage;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.DeploymentStatus;
import io.slipway.model.codedeploy.DeploymentTarget;
import io.slipway.model.codedeploy.InstanceStatus;
import io.slipway.model.codedeploy.InstanceSummary;
import io.slipway.model.codedeploy.InstanceType;
import io.slipway.model.codedeploy.LambdaTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_TARGET;
import static io.slipway.model.codedeploy.CodeDeployErrors.*;

/**
 * The deprecated instance view of a deployment's targets (GetDeploymentInstance,
 * ListDeploymentInstances, BatchGetDeploymentInstances), still served: Server deployments' instances,
 * and a Lambda deployment's function as its one "instance". ECS deployments have none.
 */
public final class DeploymentInstances {
    static final int PAGE_SIZE = 100;
    static final int MAX_BATCH = 100;
    /** Instance names and ARNs: no spaces or control characters, at most 512 characters. */
    private static final Pattern INSTANCE_ID = Pattern.compile("[\\p{Graph}&&[^\"'\\\\]]{1,512}");

    private final CodeDeployStore store;

    public DeploymentInstances(CodeDeployStore store) {
        this.store = store;
    }

    public InstanceSummary get(Namespace ns, String deploymentId, String instanceId) {
        return store.inTransaction(tx -> {
            DeploymentInfo d = deployment(tx, ns, deploymentId);
            checkInstanceId(instanceId);
            return summaries(tx, ns, d).stream().filter(s -> matches(s, instanceId)).findFirst().orElseThrow(() ->
                    INSTANCE_DOES_NOT_EXIST.exception("The instance " + instanceId + " does not exist in the deployment group"));
        });
    }

    public record Batch(List<InstanceSummary> summaries, String errorMessage) {
    }

    public Batch batchGet(Namespace ns, String deploymentId, List<String> instanceIds) {
        return store.inTransaction(tx -> {
            DeploymentInfo d = deployment(tx, ns, deploymentId);
            if (instanceIds == null || instanceIds.isEmpty()) {
                throw INSTANCE_ID_REQUIRED.exception("At least one instance id is required");
            }
            if (instanceIds.size() > MAX_BATCH) {
                throw BATCH_LIMIT_EXCEEDED.exception("The maximum number of instance ids that can be specified is "
                        + MAX_BATCH);
            }
            instanceIds.forEach(DeploymentInstances::checkInstanceId);
            List<InstanceSummary> all = summaries(tx, ns, d);
            List<InstanceSummary> found = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String id : instanceIds) {
                all.stream().filter(s -> matches(s, id)).findFirst().ifPresentOrElse(found::add, () -> missing.add(id));
            }
            return new Batch(found, missing.isEmpty() ? null
                    : "The following instances are not part of deployment " + deploymentId + ": " + String.join(", ", missing));
        });
    }

    public NamePage list(Namespace ns, String deploymentId, List<InstanceStatus> statuses, List<InstanceType> types,
                         String nextToken) {
        String list = "deployment-instances/" + deploymentId;
        Optional<String> after = nextToken == null ? Optional.empty() : Optional.of(PageToken.decode(list, nextToken)
                .orElseThrow(() -> INVALID_NEXT_TOKEN.exception("The next token is not valid")));
        return store.inTransaction(tx -> {
            DeploymentInfo d = deployment(tx, ns, deploymentId);
            if (d.status() == DeploymentStatus.CREATED) {
                throw DEPLOYMENT_NOT_STARTED.exception("The deployment " + deploymentId + " has not started yet");
            }
            List<String> ids = summaries(tx, ns, d).stream()
                    .filter(s -> statuses == null || statuses.isEmpty() || statuses.contains(s.status()))
                    .filter(s -> types == null || types.isEmpty() || types.contains(s.instanceType()))
                    .map(InstanceSummary::instanceId).sorted()
                    .filter(id -> after.isEmpty() || id.compareTo(after.get()) > 0).toList();
            if (ids.size() <= PAGE_SIZE) {
                return new NamePage(ids, null);
            }
            List<String> page = ids.subList(0, PAGE_SIZE);
            return new NamePage(page, PageToken.encode(list, page.getLast()));
        });
    }

    private DeploymentInfo deployment(Tx tx, Namespace ns, String deploymentId) {
        DeploymentInfo d = store.get(tx, DEPLOYMENT, ns, DeploymentIds.require(deploymentId)).map(v -> v.value()).orElseThrow(() ->
                DEPLOYMENT_DOES_NOT_EXIST.exception("The deployment " + deploymentId + " could not be found"));
        if (d.computePlatform() == ComputePlatform.ECS) {
            throw INVALID_COMPUTE_PLATFORM.exception("The deployment " + deploymentId
                    + " is an ECS deployment, which has no instances; use the deployment target operations");
        }
        return d;
    }

    private static void checkInstanceId(String instanceId) {
        if (instanceId == null || instanceId.isEmpty()) {
            throw INSTANCE_ID_REQUIRED.exception("An instance id is required");
        }
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            throw INVALID_INSTANCE_NAME.exception("The instance name " + instanceId + " is not valid");
        }
    }

    /** An instance is named by its name or, for on-premises instances, its instance ARN. */
    private static boolean matches(InstanceSummary s, String id) {
        return s.instanceId().equals(id) || id.endsWith(":instance/" + s.instanceId());
    }

    private List<InstanceSummary> summaries(Tx tx, Namespace ns, DeploymentInfo d) {
        return store.list(tx, DEPLOYMENT_TARGET, ns, Optional.of(d.deploymentId()), Optional.empty(), 10_000).items()
                .stream().map(k -> summary(k.value())).flatMap(Optional::stream).toList();
    }

    private static Optional<InstanceSummary> summary(DeploymentTarget t) {
        if (t.instanceTarget() != null) {
            var i = t.instanceTarget();
            return Optional.of(new InstanceSummary(i.deploymentId(), i.targetId(), InstanceStatus.fromValue(i.status().value()),
                    i.lastUpdatedAt(), i.lifecycleEvents(), InstanceType.fromValue(i.instanceLabel().value())));
        }
        if (t.lambdaTarget() != null) {
            LambdaTarget l = t.lambdaTarget();
            return Optional.of(new InstanceSummary(l.deploymentId(), l.targetId(), InstanceStatus.fromValue(l.status().value()),
                    l.lastUpdatedAt(), l.lifecycleEvents(), null));
        }
        return Optional.empty();
    }
}
