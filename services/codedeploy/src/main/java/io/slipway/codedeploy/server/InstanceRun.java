package io.slipway.codedeploy.server;

import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codedeploy.DeploymentTarget;
import io.slipway.model.codedeploy.DeploymentTargetType;
import io.slipway.model.codedeploy.Diagnostics;
import io.slipway.model.codedeploy.InstanceTarget;
import io.slipway.model.codedeploy.LifecycleEvent;
import io.slipway.model.codedeploy.LifecycleEventStatus;
import io.slipway.model.codedeploy.TargetLabel;
import io.slipway.model.codedeploy.TargetStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_TARGET;

/**
 * One instance's part in a Server deployment, as one transaction sees it: its lifecycle events
 * (AWS-BEHAVIOUR.md A.1, in-place, without a load balancer), read, changed and written back with
 * an optimistic version check.
 */
final class InstanceRun {
    static final String APPLICATION_STOP = "ApplicationStop";
    static final List<String> EVENTS = List.of(APPLICATION_STOP, "DownloadBundle", "BeforeInstall", "Install",
            "AfterInstall", "ApplicationStart", "ValidateService");

    private final Versioned<DeploymentTarget> stored;
    private InstanceTarget target;
    private final List<LifecycleEvent> events;

    private InstanceRun(Versioned<DeploymentTarget> stored) {
        this.stored = stored;
        this.target = stored.value().instanceTarget();
        this.events = new ArrayList<>(target.lifecycleEvents());
    }

    static String key(String deploymentId, String instanceName) {
        return deploymentId + "/instance/" + instanceName;
    }

    /**
     * A new instance target, every event Pending but ApplicationStop, which is Skipped on an
     * instance that has no earlier successful deployment in the group (nothing to stop yet).
     */
    static DeploymentTarget pending(String deploymentId, String instanceName, String instanceArn, boolean deployedBefore,
                                    Instant now) {
        List<LifecycleEvent> events = EVENTS.stream().map(e -> new LifecycleEvent(e, null, null, null,
                e.equals(APPLICATION_STOP) && !deployedBefore ? LifecycleEventStatus.SKIPPED : LifecycleEventStatus.PENDING))
                .toList();
        return new DeploymentTarget(DeploymentTargetType.INSTANCE_TARGET, new InstanceTarget(deploymentId, instanceName,
                instanceArn, TargetStatus.PENDING, now, events, TargetLabel.BLUE), null, null, null);
    }

    static Optional<InstanceRun> load(Tx tx, CodeDeployStore store, Namespace ns, String deploymentId, String instance) {
        return store.get(tx, DEPLOYMENT_TARGET, ns, key(deploymentId, instance)).map(InstanceRun::new);
    }

    /** Every instance target of a deployment, read only (a fleet is at most a few thousand). */
    static List<InstanceTarget> targets(Tx tx, CodeDeployStore store, Namespace ns, String deploymentId) {
        return store.list(tx, DEPLOYMENT_TARGET, ns, Optional.of(deploymentId), Optional.empty(), 10_000).items().stream()
                .map(k -> k.value().instanceTarget()).filter(t -> t != null).toList();
    }

    String name() {
        return target.targetId();
    }

    String arn() {
        return target.targetArn();
    }

    TargetStatus status() {
        return target.status();
    }

    /** The first event still Pending, if any. */
    Optional<String> nextEvent() {
        return events.stream().filter(e -> e.status() == LifecycleEventStatus.PENDING)
                .map(LifecycleEvent::lifecycleEventName).findFirst();
    }

    void start(Instant now) {
        target = target.toBuilder().status(TargetStatus.IN_PROGRESS).lastUpdatedAt(now).build();
    }

    void beginEvent(String event, Instant now) {
        update(event, e -> e.toBuilder().status(LifecycleEventStatus.IN_PROGRESS).startTime(now).build());
        target = target.toBuilder().lastUpdatedAt(now).build();
    }

    void endEvent(String event, LifecycleEventStatus status, Diagnostics diagnostics, Instant now) {
        update(event, e -> e.toBuilder().status(status).diagnostics(diagnostics)
                .startTime(e.startTime() == null ? now : e.startTime()).endTime(now).build());
        target = target.toBuilder().lastUpdatedAt(now).build();
    }

    /** Ends the instance's part: events not yet run are Skipped, one still running ends as {@code current}. */
    void end(TargetStatus status, LifecycleEventStatus current, Instant now) {
        for (int i = 0; i < events.size(); i++) {
            LifecycleEvent e = events.get(i);
            if (e.status() == LifecycleEventStatus.PENDING) {
                events.set(i, e.toBuilder().status(LifecycleEventStatus.SKIPPED).build());
            } else if (e.status() == LifecycleEventStatus.IN_PROGRESS) {
                events.set(i, e.toBuilder().status(current).endTime(now).build());
            }
        }
        target = target.toBuilder().status(status).lastUpdatedAt(now).build();
    }

    boolean isDone() {
        return switch (target.status()) {
            case SUCCEEDED, FAILED, SKIPPED, UNKNOWN -> true;
            default -> false;
        };
    }

    private void update(String event, java.util.function.UnaryOperator<LifecycleEvent> change) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).lifecycleEventName().equals(event)) {
                events.set(i, change.apply(events.get(i)));
                return;
            }
        }
        throw new IllegalStateException("No lifecycle event " + event + " on instance " + name());
    }

    void save(Tx tx, CodeDeployStore store, Namespace ns) {
        store.replace(tx, DEPLOYMENT_TARGET, ns, key(target.deploymentId(), name()), stored,
                new DeploymentTarget(DeploymentTargetType.INSTANCE_TARGET, target.toBuilder().lifecycleEvents(List.copyOf(events))
                        .build(), null, null, null));
    }
}
