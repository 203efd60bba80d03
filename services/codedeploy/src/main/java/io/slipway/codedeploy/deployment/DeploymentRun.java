package io.slipway.codedeploy.deployment;

import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.engine.store.Versioned;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.DeploymentOverview;
import io.slipway.model.codedeploy.DeploymentStatus;
import io.slipway.model.codedeploy.DeploymentTarget;
import io.slipway.model.codedeploy.ECSTaskSet;
import io.slipway.model.codedeploy.LifecycleEvent;
import io.slipway.model.codedeploy.LifecycleEventStatus;
import io.slipway.model.codedeploy.TargetStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_TARGET;

/**
 * A deployment and its target as one transaction sees them: read together, changed in memory,
 * written back together with optimistic version checks (a lost race is retried whole).
 */
final class DeploymentRun {
    final Namespace ns;
    private final Versioned<DeploymentInfo> storedInfo;
    private final Versioned<DeploymentTarget> storedTarget;
    DeploymentInfo info;
    TargetView target;
    final List<LifecycleEvent> events;

    private DeploymentRun(Namespace ns, Versioned<DeploymentInfo> info, Versioned<DeploymentTarget> target) {
        this.ns = ns;
        this.storedInfo = info;
        this.storedTarget = target;
        this.info = info.value();
        this.target = new TargetView(target.value());
        this.events = new ArrayList<>(this.target.events());
    }

    static Optional<DeploymentRun> load(Tx tx, CodeDeployStore store, Namespace ns, String deploymentId) {
        return store.get(tx, DEPLOYMENT, ns, deploymentId).flatMap(info -> store.get(tx, DEPLOYMENT_TARGET, ns,
                targetKey(deploymentId)).map(target -> new DeploymentRun(ns, info, target)));
    }

    /** Lambda and ECS deployments have exactly one target, stored under this key. */
    static String targetKey(String deploymentId) {
        return deploymentId + "/target";
    }

    String id() {
        return info.deploymentId();
    }

    /** The deployment group's id, which the deployment is stored under. */
    String groupId() {
        return storedInfo.parent().orElseThrow();
    }

    boolean isReady() {
        return info.status() == DeploymentStatus.READY;
    }

    boolean isDone() {
        return switch (info.status()) {
            case SUCCEEDED, FAILED, STOPPED -> true;
            default -> false;
        };
    }

    /** The first event not yet Succeeded or Skipped, or -1 when all are. */
    int currentEvent() {
        for (int i = 0; i < events.size(); i++) {
            LifecycleEventStatus s = events.get(i).status();
            if (s != LifecycleEventStatus.SUCCEEDED && s != LifecycleEventStatus.SKIPPED) {
                return i;
            }
        }
        return -1;
    }

    void start(Instant now) {
        info = info.toBuilder().status(DeploymentStatus.IN_PROGRESS).startTime(now)
                .deploymentOverview(overview(TargetStatus.IN_PROGRESS)).build();
        target = target.with(events, TargetStatus.IN_PROGRESS, now);
    }

    /** Waiting for ContinueDeployment(READY_WAIT) before production traffic moves (ECS). */
    void ready(Instant now) {
        info = info.toBuilder().status(DeploymentStatus.READY).deploymentOverview(overview(TargetStatus.READY)).build();
        target = target.with(events, TargetStatus.READY, now);
    }

    void resume(Instant now) {
        info = info.toBuilder().status(DeploymentStatus.IN_PROGRESS).deploymentOverview(overview(TargetStatus.IN_PROGRESS))
                .build();
        target = target.with(events, TargetStatus.IN_PROGRESS, now);
    }

    void beginEvent(int i, Instant now) {
        events.set(i, events.get(i).toBuilder().status(LifecycleEventStatus.IN_PROGRESS).startTime(now).build());
    }

    /** Puts diagnostics on the event now running, when it is the one named. */
    void diagnose(String eventName, io.slipway.model.codedeploy.Diagnostics diagnostics) {
        int i = currentEvent();
        if (i >= 0 && events.get(i).lifecycleEventName().equals(eventName)) {
            events.set(i, events.get(i).toBuilder().diagnostics(diagnostics).build());
        }
    }

    void endEvent(int i, LifecycleEventStatus status, Instant now) {
        LifecycleEvent e = events.get(i);
        events.set(i, e.toBuilder().status(status).startTime(e.startTime() == null ? now : e.startTime())
                .endTime(now).build());
    }

    /** Ends the deployment: the current event fails (or is skipped), the rest are skipped. */
    void end(DeploymentStatus status, io.slipway.model.codedeploy.ErrorInformation error, Instant now) {
        int current = currentEvent();
        for (int i = Math.max(current, 0); i < events.size() && current >= 0; i++) {
            LifecycleEventStatus s = events.get(i).status();
            if (i == current && s == LifecycleEventStatus.IN_PROGRESS) {
                endEvent(i, status == DeploymentStatus.FAILED ? LifecycleEventStatus.FAILED : LifecycleEventStatus.SKIPPED, now);
            } else if (s == LifecycleEventStatus.PENDING) {
                events.set(i, events.get(i).toBuilder().status(LifecycleEventStatus.SKIPPED).build());
            }
        }
        TargetStatus targetStatus = status == DeploymentStatus.SUCCEEDED ? TargetStatus.SUCCEEDED
                : status == DeploymentStatus.FAILED ? TargetStatus.FAILED : TargetStatus.SKIPPED;
        info = info.toBuilder().status(status).errorInformation(error).completeTime(now)
                .deploymentOverview(overview(targetStatus)).build();
        target = target.with(events, targetStatus, now);
    }

    double trafficWeight() {
        if (target.isEcs()) {
            return target.taskSets().stream().filter(t -> t.taskSetLabel() == io.slipway.model.codedeploy.TargetLabel.GREEN)
                    .mapToDouble(ECSTaskSet::trafficWeight).findFirst().orElse(0);
        }
        Double w = target.lambda().targetVersionWeight();
        return w == null ? 0 : w;
    }

    void setTrafficWeight(double weight) {
        if (target.isEcs()) {
            target = target.withTaskSets(target.taskSets().stream().map(t -> t.toBuilder()
                    .trafficWeight(t.taskSetLabel() == io.slipway.model.codedeploy.TargetLabel.GREEN ? weight : 100 - weight)
                    .build()).toList());
        } else {
            target = target.withLambda(target.lambda().toBuilder().targetVersionWeight(weight).build());
        }
    }

    private static DeploymentOverview overview(TargetStatus status) {
        return new DeploymentOverview(count(status, TargetStatus.PENDING), count(status, TargetStatus.IN_PROGRESS),
                count(status, TargetStatus.SUCCEEDED), count(status, TargetStatus.FAILED),
                count(status, TargetStatus.SKIPPED), count(status, TargetStatus.READY));
    }

    private static long count(TargetStatus actual, TargetStatus counted) {
        return actual == counted ? 1 : 0;
    }

    void save(Tx tx, CodeDeployStore store, Instant now) {
        target = target.with(events, target.status(), now);
        store.replace(tx, DEPLOYMENT, ns, id(), storedInfo, info);
        store.replace(tx, DEPLOYMENT_TARGET, ns, targetKey(id()), storedTarget, target.target());
    }
}
