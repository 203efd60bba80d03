package io.slipway.codedeploy.server;

import io.slipway.codedeploy.config.DeploymentConfigs;
import io.slipway.codedeploy.deployment.DeploymentIds;
import io.slipway.codedeploy.deployment.GroupHistory;

import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.WorkKey;
import io.slipway.engine.work.Workers;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.DeploymentOverview;
import io.slipway.model.codedeploy.DeploymentStatus;
import io.slipway.model.codedeploy.Diagnostics;
import io.slipway.model.codedeploy.ErrorCode;
import io.slipway.model.codedeploy.ErrorInformation;
import io.slipway.model.codedeploy.InstanceInfo;
import io.slipway.model.codedeploy.InstanceTarget;
import io.slipway.model.codedeploy.LastDeploymentInfo;
import io.slipway.model.codedeploy.LifecycleErrorCode;
import io.slipway.model.codedeploy.LifecycleEventStatus;
import io.slipway.model.codedeploy.MinimumHealthyHosts;
import io.slipway.model.codedeploy.TargetStatus;
import io.slipway.model.runtime.AwsException;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.codedeploy.store.CodeDeployStore.ACTIVE_DEPLOYMENT;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_TARGET;

/**
 * Runs Server (EC2/on-premises) in-place deployments. A step picks instances in AWS's order and
 * starts as many as the config's minimum of healthy hosts allows; each instance walks its lifecycle
 * events as commands its host's agent polls, runs and reports ({@link HostCommands}); when no
 * instance is left to start, the deployment succeeds if enough instances did. Every change is one
 * transaction with the work it causes, so a restart carries on.
 */
public final class ServerDeployments {
    static final String STEP = "codedeploy.server.step";
    static final String COMMAND_TIMEOUT = "codedeploy.command.timeout";
    /** How long a command may wait for an agent to poll it, and then to report it complete. */
    static final Duration AGENT_WAIT = Duration.ofHours(1);
    static final String AGENT_UNREACHABLE = "CodeDeploy agent was not able to receive the lifecycle event. Check the"
            + " CodeDeploy agent logs on your host and make sure the agent is running and can connect to the CodeDeploy server.";

    private final CodeDeployStore store;
    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final DeploymentConfigs configs;
    private final RevisionBundles bundles;
    private final CommandSignals signals;
    private final GroupHistory history;
    private final InstanceHistory instances;
    private final ServerRollback rollbacks;
    /** Hands polled commands out again when no acknowledgement follows. */
    final CommandRedelivery redelivery;

    public ServerDeployments(CodeDeployStore store, WorkQueue queue, SlipwayClock clock, DeploymentConfigs configs,
                             DeploymentIds ids, RevisionBundles bundles, CommandSignals signals) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.configs = configs;
        this.bundles = bundles;
        this.signals = signals;
        this.history = new GroupHistory(store);
        this.instances = new InstanceHistory(store);
        this.rollbacks = new ServerRollback(store, ids);
        this.redelivery = new CommandRedelivery(store, queue, clock, signals);
    }

    public void register(Workers workers) {
        workers.register(STEP, item -> store.inRetriedTransaction(tx -> {
            WorkKey key = WorkKey.parse(item);
            advance(tx, key.ns(), key.id());
        }));
        workers.register(COMMAND_TIMEOUT, item -> store.inRetriedTransaction(tx -> {
            WorkKey key = WorkKey.parse(item);
            store.get(tx, HostCommand.TYPE, key.ns(), key.id()).map(Versioned::value).filter(HostCommand::isOpen)
                    .ifPresent(command -> completed(tx, key.ns(), command, false, timedOut(command)));
        }));
        redelivery.register(workers);
    }

    private static Diagnostics timedOut(HostCommand command) {
        String message = command.status() == HostCommand.Status.PENDING ? AGENT_UNREACHABLE
                : "The host did not report the lifecycle event " + command.lifecycleEventName() + " complete within "
                + AGENT_WAIT.toMinutes() + " minutes";
        return new Diagnostics(LifecycleErrorCode.UNKNOWN_ERROR, "", message, "");
    }

    /**
     * Inserts a new Server deployment with one target per instance, claims its group (a duplicate
     * key if the group already has one in progress) and schedules its first step.
     */
    public void launch(Tx tx, Namespace ns, DeploymentInfo info, String groupId, List<InstanceInfo> fleet) {
        String id = info.deploymentId();
        store.insert(tx, ACTIVE_DEPLOYMENT, ns, groupId, Optional.empty(),
                new LastDeploymentInfo(id, info.status(), null, info.createTime()));
        store.insert(tx, DEPLOYMENT, ns, id, Optional.of(groupId), info.toBuilder()
                .deploymentOverview(new DeploymentOverview((long) fleet.size(), 0L, 0L, 0L, 0L, 0L)).build());
        for (InstanceInfo instance : fleet) {
            boolean deployedBefore = instances.lastSucceeded(tx, ns, groupId, instance.instanceName()).isPresent();
            store.insert(tx, DEPLOYMENT_TARGET, ns, InstanceRun.key(id, instance.instanceName()), Optional.of(id),
                    InstanceRun.pending(id, instance.instanceName(), instance.instanceArn(), deployedBefore, info.createTime()));
        }
        schedule(tx, ns, id, info.createTime());
        history.record(tx, ns, info, groupId);
    }

    private void schedule(Tx tx, Namespace ns, String deploymentId, Instant at) {
        queue.enqueue(tx, STEP, WorkKey.payload(ns, deploymentId), at);
    }

    /** Starts the deployment if new, starts as many instances as may run, and ends it when none is left. */
    private void advance(Tx tx, Namespace ns, String deploymentId) {
        Optional<Versioned<DeploymentInfo>> stored = store.get(tx, DEPLOYMENT, ns, deploymentId);
        if (stored.isEmpty() || isDone(stored.get().value())) {
            return;
        }
        Deployment d = new Deployment(ns, stored.get());
        Instant now = clock.now();
        List<InstanceTarget> targets = InstanceRun.targets(tx, store, ns, deploymentId);
        HealthyHosts health = HealthyHosts.of(minimumHealthyHosts(tx, d), targets.size());
        if (d.info.status() == DeploymentStatus.CREATED) {
            d.info = d.info.toBuilder().status(DeploymentStatus.IN_PROGRESS).startTime(now).build();
            Optional<ErrorInformation> problem = startProblem(d, targets, health);
            if (problem.isPresent()) {
                end(tx, d, DeploymentStatus.FAILED, problem.get(), false);
                return;
            }
        }
        int failed = count(targets, TargetStatus.FAILED);
        int running = count(targets, TargetStatus.IN_PROGRESS);
        List<InstanceTarget> pending = targets.stream().filter(t -> t.status() == TargetStatus.PENDING).toList();
        int toStart = Math.max(0, Math.min(pending.size(), health.concurrency(failed) - running));
        for (InstanceTarget t : toStart == 0 ? List.<InstanceTarget>of() : pickOrder(tx, d, pending).subList(0, toStart)) {
            InstanceRun run = InstanceRun.load(tx, store, ns, deploymentId, t.targetId()).orElseThrow();
            run.start(now);
            nextCommand(tx, d, run, now);
            run.save(tx, store, ns);
        }
        targets = toStart == 0 ? targets : InstanceRun.targets(tx, store, ns, deploymentId);
        d.info = d.info.toBuilder().deploymentOverview(overview(targets)).build();
        if (count(targets, TargetStatus.IN_PROGRESS) == 0) {
            if (count(targets, TargetStatus.PENDING) == 0 && health.enough(count(targets, TargetStatus.SUCCEEDED))) {
                end(tx, d, DeploymentStatus.SUCCEEDED, null, false);
            } else {
                end(tx, d, DeploymentStatus.FAILED, new ErrorInformation(ErrorCode.HEALTH_CONSTRAINTS,
                        "The overall deployment failed because too many individual instances failed deployment, too few"
                                + " healthy instances are available for deployment, or some instances in your deployment"
                                + " group are experiencing problems."), rollsBackOn(d.info, "DEPLOYMENT_FAILURE"));
            }
            return;
        }
        d.save(tx);
    }

    private Optional<ErrorInformation> startProblem(Deployment d, List<InstanceTarget> targets, HealthyHosts health) {
        if (targets.isEmpty()) {
            return Optional.of(new ErrorInformation(ErrorCode.NO_INSTANCES, "The deployment failed because no instances"
                    + " were found for your deployment group. Check your deployment group settings to make sure the tags"
                    + " for your on-premises instances correctly identify the instances you want to deploy to, and then try again."));
        }
        if (!health.possible()) {
            return Optional.of(new ErrorInformation(ErrorCode.HEALTH_CONSTRAINTS_INVALID, "The deployment failed because"
                    + " the minimum number of healthy instances (" + health.minimum() + ") required by the deployment"
                    + " configuration is not less than the number of instances in the deployment group (" + health.total() + ")."));
        }
        var s3 = d.info.revision().s3Location();
        if (s3 != null && bundles.find(d.ns, s3.bucket(), s3.key(), s3.version()).isEmpty()) {
            return Optional.of(new ErrorInformation(ErrorCode.REVISION_MISSING, "The revision s3://" + s3.bucket() + "/"
                    + s3.key() + (s3.version() == null ? "" : " (version " + s3.version() + ")") + " does not exist in Amazon S3."));
        }
        return Optional.empty();
    }

    private MinimumHealthyHosts minimumHealthyHosts(Tx tx, Deployment d) {
        try {
            return configs.get(tx, d.ns, d.info.deploymentConfigName()).minimumHealthyHosts();
        } catch (AwsException deleted) {
            return null; // a custom config deleted mid-deployment: go on one at a time
        }
    }

    /**
     * Pending instances in AWS's pick order: those whose last deployment failed, then never deployed
     * ones, then the rest, by name. Each instance's history is read once.
     */
    private List<InstanceTarget> pickOrder(Tx tx, Deployment d, List<InstanceTarget> pending) {
        Map<String, Integer> rank = new HashMap<>();
        for (InstanceTarget t : pending) {
            rank.put(t.targetId(), instances.lastAttempt(tx, d.ns, d.groupId(), t.targetId())
                    .map(last -> last.status() == DeploymentStatus.FAILED ? 0 : 2).orElse(1));
        }
        return pending.stream().sorted(Comparator.comparing((InstanceTarget t) -> rank.get(t.targetId()))
                .thenComparing(InstanceTarget::targetId)).toList();
    }

    /** Sends an instance's next pending event to its agent, or ends its part when none is left. */
    private void nextCommand(Tx tx, Deployment d, InstanceRun run, Instant now) {
        Optional<String> event = run.nextEvent();
        if (event.isEmpty()) {
            run.end(TargetStatus.SUCCEEDED, LifecycleEventStatus.SUCCEEDED, now);
            instances.record(tx, d.ns, d.groupId(), run.name(), d.id(), DeploymentStatus.SUCCEEDED, now);
            schedule(tx, d.ns, d.id(), now);
            return;
        }
        HostCommand command = new HostCommand(HostCommands.newCommandId(now), d.id(), run.name(), event.get(),
                HostCommand.Status.PENDING, now);
        store.insert(tx, HostCommand.TYPE, d.ns, command.commandId(), Optional.of(d.id()), command);
        store.insert(tx, HostCommand.DUE, d.ns, command.dueKey(), Optional.of(run.name()), command);
        queue.enqueue(tx, timeoutId(command.commandId()), COMMAND_TIMEOUT, WorkKey.payload(d.ns, command.commandId()),
                now.plus(AGENT_WAIT));
        signals.signal(tx, d.ns, run.name());
    }

    static String timeoutId(String commandId) {
        return COMMAND_TIMEOUT + "/" + commandId;
    }

    /**
     * The agent has acknowledged the command: it is never delivered again, its event is InProgress,
     * and the agent has an hour to finish it.
     */
    void acknowledged(Tx tx, Namespace ns, HostCommand command) {
        Instant now = clock.now();
        store.delete(tx, HostCommand.DUE, ns, command.dueKey());
        replace(tx, ns, command.with(HostCommand.Status.IN_PROGRESS));
        extendLease(tx, ns, command, now.plus(AGENT_WAIT));
        InstanceRun.load(tx, store, ns, command.deploymentId(), command.instanceName()).ifPresent(run -> {
            run.beginEvent(command.lifecycleEventName(), now);
            run.save(tx, store, ns);
        });
    }

    void extendLease(Tx tx, Namespace ns, HostCommand command, Instant until) {
        queue.cancel(tx, timeoutId(command.commandId()));
        queue.enqueue(tx, timeoutId(command.commandId()), COMMAND_TIMEOUT, WorkKey.payload(ns, command.commandId()), until);
    }

    /**
     * A command's outcome, reported by its agent or decided by its lease running out. A failed
     * ApplicationStop is passed over when the deployment ignores ApplicationStop failures; any
     * other failure ends the instance's part as Failed.
     */
    void completed(Tx tx, Namespace ns, HostCommand command, boolean succeeded, Diagnostics diagnostics) {
        Instant now = clock.now();
        replace(tx, ns, command.with(succeeded ? HostCommand.Status.SUCCEEDED : HostCommand.Status.FAILED));
        store.delete(tx, HostCommand.DUE, ns, command.dueKey());
        queue.cancel(tx, timeoutId(command.commandId()));
        Optional<Versioned<DeploymentInfo>> stored = store.get(tx, DEPLOYMENT, ns, command.deploymentId());
        Optional<InstanceRun> found = InstanceRun.load(tx, store, ns, command.deploymentId(), command.instanceName());
        if (stored.isEmpty() || isDone(stored.get().value()) || found.isEmpty() || found.get().isDone()) {
            return;
        }
        Deployment d = new Deployment(ns, stored.get());
        InstanceRun run = found.get();
        run.endEvent(command.lifecycleEventName(), succeeded ? LifecycleEventStatus.SUCCEEDED : LifecycleEventStatus.FAILED,
                diagnostics, now);
        boolean ignored = !succeeded && command.lifecycleEventName().equals(InstanceRun.APPLICATION_STOP)
                && Boolean.TRUE.equals(d.info.ignoreApplicationStopFailures());
        if (succeeded || ignored) {
            nextCommand(tx, d, run, now);
        } else {
            run.end(TargetStatus.FAILED, LifecycleEventStatus.FAILED, now);
            instances.record(tx, ns, d.groupId(), run.name(), d.id(), DeploymentStatus.FAILED, now);
            schedule(tx, ns, d.id(), now);
        }
        run.save(tx, store, ns);
    }

    private void replace(Tx tx, Namespace ns, HostCommand command) {
        store.replace(tx, HostCommand.TYPE, ns, command.commandId(),
                store.get(tx, HostCommand.TYPE, ns, command.commandId()).orElseThrow(), command);
    }

    /** StopDeployment of a Server deployment: open commands are withdrawn, unfinished instances left as they are. */
    public void stop(Tx tx, Namespace ns, Versioned<DeploymentInfo> stored, boolean rollBack) {
        end(tx, new Deployment(ns, stored), DeploymentStatus.STOPPED,
                new ErrorInformation(ErrorCode.MANUAL_STOP, "The deployment was stopped by a user"), rollBack);
    }

    /**
     * Ends a deployment. Commands not yet reported are withdrawn (an agent acknowledging one hears
     * Failed); instances not started are Skipped, running ones Unknown: nobody knows how far their
     * host got. A failure rolls back when asked and a previous revision exists.
     */
    private void end(Tx tx, Deployment d, DeploymentStatus status, ErrorInformation error, boolean rollBack) {
        Instant now = clock.now();
        for (var command : store.list(tx, HostCommand.TYPE, d.ns, Optional.of(d.id()), Optional.empty(), 10_000).items()) {
            if (command.value().isOpen()) {
                replace(tx, d.ns, command.value().with(HostCommand.Status.FAILED));
                store.delete(tx, HostCommand.DUE, d.ns, command.value().dueKey());
                queue.cancel(tx, timeoutId(command.value().commandId()));
            }
        }
        for (InstanceTarget t : InstanceRun.targets(tx, store, d.ns, d.id())) {
            if (t.status() == TargetStatus.PENDING || t.status() == TargetStatus.IN_PROGRESS) {
                InstanceRun run = InstanceRun.load(tx, store, d.ns, d.id(), t.targetId()).orElseThrow();
                run.end(t.status() == TargetStatus.PENDING ? TargetStatus.SKIPPED : TargetStatus.UNKNOWN,
                        LifecycleEventStatus.UNKNOWN, now);
                run.save(tx, store, d.ns);
            }
        }
        d.info = d.info.toBuilder().status(status).errorInformation(error).completeTime(now)
                .deploymentOverview(overview(InstanceRun.targets(tx, store, d.ns, d.id()))).build();
        store.delete(tx, ACTIVE_DEPLOYMENT, d.ns, d.groupId());
        history.record(tx, d.ns, d.info, d.groupId());
        if (rollBack && status != DeploymentStatus.SUCCEEDED) {
            rollbacks.start(tx, d.ns, d.info, d.groupId(), this, now).ifPresent(id ->
                    d.info = d.info.toBuilder().rollbackInfo(new io.slipway.model.codedeploy.RollbackInfo(id, null,
                            "Rolled back by " + id)).build());
        }
        d.save(tx);
    }

    public static boolean rollsBackOn(DeploymentInfo info, String event) {
        var config = info.autoRollbackConfiguration();
        return config != null && Boolean.TRUE.equals(config.enabled()) && config.events() != null
                && config.events().stream().anyMatch(e -> e.value().equals(event));
    }

    private static int count(List<InstanceTarget> targets, TargetStatus status) {
        return (int) targets.stream().filter(t -> t.status() == status).count();
    }

    /** Instances left Unknown by a stop count as Skipped: the overview has no Unknown. */
    private static DeploymentOverview overview(List<InstanceTarget> targets) {
        return new DeploymentOverview((long) count(targets, TargetStatus.PENDING), (long) count(targets, TargetStatus.IN_PROGRESS),
                (long) count(targets, TargetStatus.SUCCEEDED), (long) count(targets, TargetStatus.FAILED),
                (long) count(targets, TargetStatus.SKIPPED) + count(targets, TargetStatus.UNKNOWN),
                (long) count(targets, TargetStatus.READY));
    }

    public static boolean isDone(DeploymentInfo info) {
        return switch (info.status()) {
            case SUCCEEDED, FAILED, STOPPED -> true;
            default -> false;
        };
    }

    /** A deployment as one transaction changes it. */
    private final class Deployment {
        final Namespace ns;
        final Versioned<DeploymentInfo> stored;
        DeploymentInfo info;

        Deployment(Namespace ns, Versioned<DeploymentInfo> stored) {
            this.ns = ns;
            this.stored = stored;
            this.info = stored.value();
        }

        String id() {
            return info.deploymentId();
        }

        String groupId() {
            return stored.parent().orElseThrow();
        }

        void save(Tx tx) {
            store.replace(tx, DEPLOYMENT, ns, id(), stored, info);
        }
    }
}
