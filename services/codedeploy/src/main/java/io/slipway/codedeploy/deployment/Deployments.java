package io.slipway.codedeploy.deployment;

import io.slipway.codedeploy.application.Applications;
import io.slipway.codedeploy.config.DeploymentConfigs;
import io.slipway.codedeploy.group.DeploymentGroups;
import io.slipway.codedeploy.revision.ApplicationRevisions;
import io.slipway.codedeploy.server.Fleet;
import io.slipway.codedeploy.server.ServerDeployments;
import io.slipway.codedeploy.server.ServerRevisions;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.codedeploy.store.NamePage;
import io.slipway.engine.store.Retry;
import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Tx;
import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.CreateDeploymentInput;
import io.slipway.model.codedeploy.DeploymentConfigInfo;
import io.slipway.model.codedeploy.DeploymentCreator;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.DeploymentStatus;
import io.slipway.model.codedeploy.DeploymentTarget;
import io.slipway.model.codedeploy.DeploymentWaitType;
import io.slipway.model.codedeploy.ErrorCode;
import io.slipway.model.codedeploy.FileExistsBehavior;
import io.slipway.model.codedeploy.ListDeploymentsInput;
import io.slipway.model.codedeploy.RevisionLocation;
import io.slipway.model.codedeploy.ECSTaskSet;
import io.slipway.model.runtime.AwsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_TARGET;
import static io.slipway.model.codedeploy.CodeDeployErrors.*;

/** The deployment operations: create, read, list, stop and continue, and the hooks' reports. */
public final class Deployments {
    public static final int MAX_BATCH = 25;
    public static final int PAGE_SIZE = 100;
    private final CodeDeployStore store;
    private final Applications applications;
    private final DeploymentGroups groups;
    private final DeploymentConfigs configs;
    private final DeploymentEngine engine;
    private final DeploymentIds ids;
    private final ServerDeployments servers;
    private final Fleet fleet;
    private final ApplicationRevisions revisions;

    public Deployments(CodeDeployStore store, Applications applications, DeploymentGroups groups,
                       DeploymentConfigs configs, DeploymentEngine engine, DeploymentIds ids, ServerDeployments servers,
                       Fleet fleet, ApplicationRevisions revisions) {
        this.store = store;
        this.applications = applications;
        this.groups = groups;
        this.configs = configs;
        this.engine = engine;
        this.ids = ids;
        this.servers = servers;
        this.fleet = fleet;
        this.revisions = revisions;
    }

    public String create(Namespace ns, CreateDeploymentInput in) {
        if (in.deploymentGroupName() == null) {
            throw DEPLOYMENT_GROUP_NAME_REQUIRED.exception("Deployment group name is required");
        }
        // one transaction, run again when a concurrent deployment of the same revision updated its record first
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            var app = applications.get(tx, ns, in.applicationName()).value();
            var group = groups.find(tx, ns, app, in.deploymentGroupName())
                    .orElseThrow(() -> DEPLOYMENT_GROUP_DOES_NOT_EXIST.exception("No Deployment Group found for name: "
                            + in.deploymentGroupName()));
            DeploymentGroupInfo info = group.value();
            boolean server = info.computePlatform() == ComputePlatform.SERVER;
            RevisionLocation revision = server ? ServerRevisions.check(in.revision()) : revision(in.revision());
            String configName = in.deploymentConfigName() != null ? in.deploymentConfigName() : info.deploymentConfigName();
            DeploymentConfigInfo config = configs.get(tx, ns, configName);
            if (config.computePlatform() != info.computePlatform()) {
                throw INVALID_DEPLOYMENT_CONFIG_NAME.exception("The deployment configuration " + configName
                        + " is for the " + config.computePlatform() + " compute platform, not " + info.computePlatform());
            }
            String id = ids.newDeploymentId();
            NewDeployment d = server ? null : NewDeployment.of(ns, id, info, configName, revision,
                    AppSpecParser.parse(content(revision), info.computePlatform()), in.description(),
                    DeploymentCreator.USER, info.computePlatform() == ComputePlatform.ECS
                            ? currentTaskSets(tx, ns, info) : List.of(), engine.now());
            DeploymentInfo base = server ? NewDeployment.info(id, info, configName, revision, in.description(),
                    DeploymentCreator.USER, engine.now()) : d.info();
            DeploymentInfo withOptions = base.toBuilder()
                    .previousRevision(lastSuccessful(info).flatMap(p -> store.get(tx, DEPLOYMENT, ns, p))
                            .map(p -> p.value().revision()).orElse(null))
                    .autoRollbackConfiguration(in.autoRollbackConfiguration() != null ? in.autoRollbackConfiguration()
                            : info.autoRollbackConfiguration())
                    .ignoreApplicationStopFailures(Boolean.TRUE.equals(in.ignoreApplicationStopFailures()))
                    .fileExistsBehavior(in.fileExistsBehavior() == null ? FileExistsBehavior.DISALLOW : in.fileExistsBehavior())
                    .overrideAlarmConfiguration(in.overrideAlarmConfiguration()).build();
            revisions.recordDeployment(tx, ns, app, info.deploymentGroupName(), revision, engine.now());
            try {
                if (server) {
                    servers.launch(tx, ns, withOptions, info.deploymentGroupId(), fleet.matching(tx, ns, info));
                } else {
                    engine.launch(tx, ns, new NewDeployment(withOptions, d.target()), info.deploymentGroupId());
                }
            } catch (DuplicateKeyException e) {
                throw DEPLOYMENT_LIMIT_EXCEEDED.exception("The deployment group " + info.deploymentGroupName()
                        + " already has a deployment in progress");
            }
            return id;
        }));
    }

    /** ECS task sets now serving the group's service: its last successful deployment's, else the original one. */
    private List<ECSTaskSet> currentTaskSets(Tx tx, Namespace ns, DeploymentGroupInfo group) {
        return lastSuccessful(group).flatMap(id -> store.get(tx, DEPLOYMENT_TARGET, ns, DeploymentRun.targetKey(id)))
                .map(t -> t.value().ecsTarget()).filter(t -> t != null).map(t -> t.taskSetsInfo())
                .orElseGet(() -> NewDeployment.originalTaskSets(group, "ecs-svc/" + ids.newDeploymentId().substring(2)));
    }

    private static Optional<String> lastSuccessful(DeploymentGroupInfo group) {
        return Optional.ofNullable(group.lastSuccessfulDeployment()).map(d -> d.deploymentId());
    }

    private static RevisionLocation revision(RevisionLocation revision) {
        if (revision == null || revision.revisionType() == null) {
            throw REVISION_REQUIRED.exception("A revision is required");
        }
        return switch (revision.revisionType()) {
            case APP_SPEC_CONTENT -> {
                if (revision.appSpecContent() == null || revision.appSpecContent().content() == null) {
                    throw INVALID_REVISION.exception("An AppSpecContent revision needs its content");
                }
                yield NewDeployment.appSpecRevision(revision.appSpecContent().content());
            }
            case STRING -> {
                if (revision.string() == null || revision.string().content() == null) {
                    throw INVALID_REVISION.exception("A String revision needs its content");
                }
                yield revision.toBuilder().string(new io.slipway.model.codedeploy.RawString(revision.string().content(),
                        NewDeployment.sha256(revision.string().content()))).build();
            }
            default -> throw INVALID_REVISION.exception("Revisions of type " + revision.revisionType().value()
                    + " are not supported for Lambda and ECS deployments in Slipway yet; use AppSpecContent or String");
        };
    }

    private static String content(RevisionLocation revision) {
        return revision.appSpecContent() != null ? revision.appSpecContent().content() : revision.string().content();
    }

    public DeploymentInfo get(Namespace ns, String deploymentId) {
        return store.get(DEPLOYMENT, ns, DeploymentIds.require(deploymentId)).orElseThrow(() -> doesNotExist(deploymentId));
    }

    public List<DeploymentInfo> batchGet(Namespace ns, List<String> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            throw DEPLOYMENT_ID_REQUIRED.exception("At least one deployment id is required");
        }
        if (deploymentIds.size() > MAX_BATCH) {
            throw BATCH_LIMIT_EXCEEDED.exception("The maximum number of deployment ids that can be specified is " + MAX_BATCH);
        }
        List<DeploymentInfo> out = new ArrayList<>();
        for (String id : deploymentIds) {
            store.get(DEPLOYMENT, ns, DeploymentIds.require(id)).ifPresent(out::add);
        }
        return out;
    }

    public NamePage list(Namespace ns, ListDeploymentsInput in) {
        if ((in.applicationName() == null) != (in.deploymentGroupName() == null)) {
            throw in.applicationName() == null ? APPLICATION_NAME_REQUIRED.exception("An application name is required "
                    + "with a deployment group name") : DEPLOYMENT_GROUP_NAME_REQUIRED.exception(
                    "A deployment group name is required with an application name");
        }
        if (in.createTimeRange() != null && in.createTimeRange().start() != null && in.createTimeRange().end() != null
                && in.createTimeRange().start().isAfter(in.createTimeRange().end())) {
            throw INVALID_TIME_RANGE.exception("The start of the time range is after its end");
        }
        Optional<String> parent = Optional.empty();
        if (in.applicationName() != null) {
            parent = Optional.of(store.inTransaction(tx -> groups.find(tx, ns,
                    applications.get(tx, ns, in.applicationName()).value(), in.deploymentGroupName())
                    .orElseThrow(() -> DEPLOYMENT_GROUP_DOES_NOT_EXIST.exception("No Deployment Group found for name: "
                            + in.deploymentGroupName())).value().deploymentGroupId()));
        }
        String list = "deployments/" + parent.orElse("all");
        Optional<String> after = NamePage.after(list, in.nextToken());
        List<String> ids = new ArrayList<>();
        Optional<String> next = after;
        // status and time filters apply after the index scan, so a page may come back short
        do {
            var page = store.list(DEPLOYMENT, ns, parent, next, PAGE_SIZE);
            page.items().stream().map(k -> k.value()).filter(d -> matches(d, in)).forEach(d -> ids.add(d.deploymentId()));
            next = page.nextAfterId();
        } while (ids.isEmpty() && next.isPresent());
        return new NamePage(ids, next.map(id -> PageToken.encode(list, id)).orElse(null));
    }

    private static boolean matches(DeploymentInfo d, ListDeploymentsInput in) {
        boolean status = in.includeOnlyStatuses() == null || in.includeOnlyStatuses().isEmpty()
                || in.includeOnlyStatuses().contains(d.status());
        var range = in.createTimeRange();
        boolean time = range == null || ((range.start() == null || !d.createTime().isBefore(range.start()))
                && (range.end() == null || !d.createTime().isAfter(range.end())));
        return status && time;
    }

    /** StopDeployment: the deployment ends as Stopped; it rolls back if asked, or if its group asks on stop. */
    public void stop(Namespace ns, String deploymentId, Boolean autoRollbackEnabled) {
        Retry.onConflict(() -> store.inTransaction(tx -> {
            var server = store.get(tx, DEPLOYMENT, ns, DeploymentIds.require(deploymentId))
                    .filter(d -> d.value().computePlatform() == ComputePlatform.SERVER);
            if (server.isPresent()) {
                notDone(server.get().value());
                servers.stop(tx, ns, server.get(), autoRollbackEnabled != null ? autoRollbackEnabled
                        : ServerDeployments.rollsBackOn(server.get().value(), "DEPLOYMENT_STOP_ON_REQUEST"));
                return null;
            }
            DeploymentRun run = running(tx, ns, deploymentId);
            boolean rollBack = autoRollbackEnabled != null ? autoRollbackEnabled
                    : DeploymentEngine.rollsBackOn(run, "DEPLOYMENT_STOP_ON_REQUEST");
            engine.fail(tx, run, DeploymentStatus.STOPPED, ErrorCode.MANUAL_STOP, "The deployment was stopped by a user",
                    rollBack);
            return null;
        }));
    }

    /**
     * ContinueDeployment: READY_WAIT lets a Ready ECS deployment move production traffic;
     * TERMINATION_WAIT ends its wait for the original task set.
     */
    public void continueDeployment(Namespace ns, String deploymentId, DeploymentWaitType waitType) {
        Retry.onConflict(() -> store.inTransaction(tx -> {
            DeploymentRun run = running(tx, ns, deploymentId);
            if (waitType == DeploymentWaitType.TERMINATION_WAIT) {
                if (!engine.skipTerminationWait(tx, run)) {
                    throw INVALID_DEPLOYMENT_STATUS.exception("The deployment " + deploymentId
                            + " is not waiting to terminate its original task set");
                }
            } else if (run.isReady()) {
                engine.continueFromReady(tx, run);
            } else {
                throw DEPLOYMENT_IS_NOT_IN_READY_STATE.exception("The deployment " + deploymentId
                        + " is not in the Ready state");
            }
            return null;
        }));
    }

    /** A Lambda or ECS deployment still running; an in-place Server deployment never waits to be continued. */
    private DeploymentRun running(Tx tx, Namespace ns, String deploymentId) {
        DeploymentInfo info = store.get(tx, DEPLOYMENT, ns, DeploymentIds.require(deploymentId)).map(v -> v.value())
                .orElseThrow(() -> doesNotExist(deploymentId));
        notDone(info);
        if (info.computePlatform() == ComputePlatform.SERVER) {
            throw DEPLOYMENT_IS_NOT_IN_READY_STATE.exception("The deployment " + deploymentId
                    + " is an in-place deployment, which does not wait to be continued");
        }
        return DeploymentRun.load(tx, store, ns, deploymentId).orElseThrow(() -> doesNotExist(deploymentId));
    }

    private static void notDone(DeploymentInfo info) {
        if (ServerDeployments.isDone(info)) {
            throw DEPLOYMENT_ALREADY_COMPLETED.exception("The deployment " + info.deploymentId() + " has already completed");
        }
    }

    // ---- targets ----

    /** ListDeploymentTargets: every target of any platform, filtered by TargetStatus and ServerInstanceLabel. */
    public NamePage listTargets(Namespace ns, String deploymentId, Map<String, List<String>> filters) {
        List<String> statuses = filters == null ? null : filters.get("TargetStatus");
        List<String> labels = filters == null ? null : filters.get("ServerInstanceLabel");
        List<String> ids = new ArrayList<>();
        for (DeploymentTarget target : targets(ns, deploymentId)) {
            TargetView view = new TargetView(target);
            if ((statuses == null || statuses.isEmpty() || statuses.contains(view.status().value()))
                    && (labels == null || labels.isEmpty() || (target.instanceTarget() != null
                    && labels.contains(target.instanceTarget().instanceLabel().value())))) {
                ids.add(view.targetId());
            }
        }
        return new NamePage(ids, null);
    }

    public List<DeploymentTarget> batchGetTargets(Namespace ns, String deploymentId, List<String> targetIds) {
        if (targetIds == null || targetIds.isEmpty()) {
            throw DEPLOYMENT_TARGET_ID_REQUIRED.exception("At least one target id is required");
        }
        if (targetIds.size() > MAX_BATCH) {
            throw DEPLOYMENT_TARGET_LIST_SIZE_EXCEEDED.exception("At most " + MAX_BATCH + " target ids can be given");
        }
        List<DeploymentTarget> targets = targets(ns, deploymentId);
        return targetIds.stream().map(id -> find(targets, id)).toList();
    }

    public DeploymentTarget getTarget(Namespace ns, String deploymentId, String targetId) {
        if (targetId == null || targetId.isEmpty()) {
            throw DEPLOYMENT_TARGET_ID_REQUIRED.exception("A target id is required");
        }
        return find(targets(ns, deploymentId), targetId);
    }

    private static DeploymentTarget find(List<DeploymentTarget> targets, String id) {
        return targets.stream().filter(t -> new TargetView(t).targetId().equals(id)).findFirst().orElseThrow(() ->
                DEPLOYMENT_TARGET_DOES_NOT_EXIST.exception("The target " + id + " is not part of this deployment"));
    }

    /** A started deployment's targets: one for Lambda and ECS, one per instance for Server. */
    private List<DeploymentTarget> targets(Namespace ns, String deploymentId) {
        return store.inTransaction(tx -> {
            DeploymentInfo info = store.get(tx, DEPLOYMENT, ns, DeploymentIds.require(deploymentId)).map(v -> v.value())
                    .orElseThrow(() -> doesNotExist(deploymentId));
            if (info.status() == DeploymentStatus.CREATED) {
                throw DEPLOYMENT_NOT_STARTED.exception("The deployment " + deploymentId + " has not started yet");
            }
            return store.list(tx, DEPLOYMENT_TARGET, ns, Optional.of(deploymentId), Optional.empty(),
                    io.slipway.engine.store.ResourceStore.MAX_PAGE).items().stream().map(k -> k.value()).toList();
        });
    }

    // ---- hooks ----

    /**
     * PutLifecycleEventHookExecutionStatus, with AWS's checks in this order (AWS-BEHAVIOUR.md A.5,
     * order UNVERIFIED): deployment id given, well formed, known, a Lambda or ECS deployment; the
     * execution id one of this deployment's; the status Succeeded or Failed; not reported before.
     */
    public String reportHook(Namespace ns, String deploymentId, String executionId, String status) {
        String id = DeploymentIds.require(deploymentId);
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            // a Server deployment has no single target to load: tell it by its info first
            DeploymentInfo info = store.get(tx, DEPLOYMENT, ns, id).map(v -> v.value())
                    .orElseThrow(() -> doesNotExist(deploymentId));
            if (info.computePlatform() == ComputePlatform.SERVER) {
                throw UNSUPPORTED_ACTION_FOR_DEPLOYMENT_TYPE.exception("call not supported for the specified deployment type");
            }
            DeploymentRun run = DeploymentRun.load(tx, store, ns, id).orElseThrow(() -> doesNotExist(deploymentId));
            HookExecution exec = executionId == null ? null : store.get(tx, HookExecution.TYPE, ns, executionId)
                    .map(v -> v.value()).filter(e -> e.deploymentId().equals(run.id())).orElse(null);
            if (exec == null) {
                throw INVALID_LIFECYCLE_EVENT_HOOK_EXECUTION_ID.exception("The lifecycle event hook execution id "
                        + executionId + " is not valid for deployment " + deploymentId);
            }
            if (!"Succeeded".equals(status) && !"Failed".equals(status)) {
                throw INVALID_LIFECYCLE_EVENT_HOOK_EXECUTION_STATUS.exception("The status must be Succeeded or Failed, not "
                        + status);
            }
            if (exec.status() != HookExecution.Status.PENDING) {
                throw LIFECYCLE_EVENT_ALREADY_COMPLETED.exception("The lifecycle event " + exec.lifecycleEventName()
                        + " has already completed");
            }
            engine.hookReported(tx, run, exec, "Succeeded".equals(status));
            return executionId;
        }));
    }

    /** Hook executions still waiting for a report, oldest first: what Slipway's admin endpoint lists. */
    public List<HookExecution> pendingHooks(Namespace ns) {
        List<HookExecution> out = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            var page = store.list(HookExecution.TYPE, ns, Optional.empty(), after, 500);
            page.items().stream().map(k -> k.value()).filter(e -> e.status() == HookExecution.Status.PENDING)
                    .forEach(out::add);
            after = page.nextAfterId();
        } while (after.isPresent());
        out.sort(java.util.Comparator.comparing(HookExecution::startedAt));
        return out;
    }

    private static AwsException doesNotExist(String deploymentId) {
        return DEPLOYMENT_DOES_NOT_EXIST.exception("The deployment " + deploymentId + " could not be found");
    }
}
