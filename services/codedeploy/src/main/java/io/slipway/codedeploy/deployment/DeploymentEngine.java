package io.slipway.codedeploy.deployment;

import io.slipway.codedeploy.config.DeploymentConfigs;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.WorkKey;
import io.slipway.engine.work.Workers;
import io.slipway.model.codedeploy.DeploymentStatus;
import io.slipway.model.codedeploy.ECSTaskSet;
import io.slipway.model.codedeploy.ErrorCode;
import io.slipway.model.codedeploy.ErrorInformation;
import io.slipway.model.codedeploy.LifecycleEventStatus;
import io.slipway.model.codedeploy.TargetGroupInfo;
import io.slipway.model.codedeploy.TargetLabel;
import io.slipway.model.codedeploy.TrafficRoutingConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.slipway.codedeploy.store.CodeDeployStore.ACTIVE_DEPLOYMENT;
import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT;

/**
 * Runs Lambda and ECS deployments: every step is one transaction that moves the deployment on and
 * writes the work it causes (call this hook, wake me at the end of this canary interval, give up on
 * this hook in an hour) into the same store, so a restart carries on where it stopped.
 */
public final class DeploymentEngine {
    static final String STEP = "codedeploy.deployment.step";
    static final String INVOKE_HOOK = "codedeploy.hook.invoke";
    static final String HOOK_TIMEOUT = "codedeploy.hook.timeout";
    /** How long an event waits for its hook's report (AWS-BEHAVIOUR.md A.2). */
    static final Duration HOOK_WAIT = Duration.ofHours(1);

    private final CodeDeployStore store;
    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final DeploymentIds ids;
    private final DeploymentConfigs configs;
    private final HookFunctions functions;
    private final LambdaFunctions lambda;
    private final Rollbacks rollbacks;
    private final GroupHistory history;
    private final DeploymentEnds ends;

    public DeploymentEngine(CodeDeployStore store, WorkQueue queue, SlipwayClock clock, DeploymentIds ids,
                            DeploymentConfigs configs, HookFunctions functions, LambdaFunctions lambda, DeploymentEnds ends) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.ids = ids;
        this.configs = configs;
        this.functions = functions;
        this.lambda = lambda;
        this.rollbacks = new Rollbacks(ids, this);
        this.history = new GroupHistory(store);
        this.ends = ends;
    }

    public void register(Workers workers) {
        workers.register(STEP, item -> store.inRetriedTransaction(tx -> {
            WorkKey key = WorkKey.parse(item);
            DeploymentRun.load(tx, store, key.ns(), key.id()).ifPresent(run -> advance(tx, run));
        }));
        workers.register(INVOKE_HOOK, new HookInvocations(store, functions, clock, this)::invoke);
        workers.register(HOOK_TIMEOUT, item -> store.inRetriedTransaction(tx -> {
            WorkKey key = WorkKey.parse(item);
            hookTimedOut(tx, key.ns(), key.id());
        }));
    }

    /** Asks the workers to look at a deployment at a time (now, or the end of a wait). */
    void scheduleStep(Tx tx, Namespace ns, String deploymentId, Instant at) {
        queue.enqueue(tx, STEP, WorkKey.payload(ns, deploymentId), at);
    }

    /** Moves a deployment on as far as it can go without waiting. */
    private void advance(Tx tx, DeploymentRun run) {
        if (run.isDone()) {
            return;
        }
        Instant now = clock.now();
        if (run.info.status() == DeploymentStatus.CREATED) {
            run.start(now);
            Optional<ErrorInformation> invalid = checkLambda(tx, run);
            if (invalid.isPresent()) {
                fail(tx, run, DeploymentStatus.FAILED, invalid.get().code(), invalid.get().message(), false);
                return;
            }
        }
        int i = run.currentEvent();
        if (run.isReady()) {
            readyWaitOver(tx, run, i, now);
            return;
        } else if (i < 0) {
            finish(tx, run, now);
        } else if (run.events.get(i).status() == LifecycleEventStatus.PENDING && waitsUntilContinued(run, i)) {
            run.ready(now);
            scheduleStep(tx, run.ns, run.id(), now.plus(readyWait(run)));
        } else if (run.events.get(i).status() == LifecycleEventStatus.PENDING) {
            beginEvent(tx, run, i, now);
        } else if (run.events.get(i).lifecycleEventName().equals(LifecyclePlan.ALLOW_TRAFFIC)) {
            shiftTraffic(tx, run, i, now);
        }
        run.save(tx, store, now);
    }

    /**
     * An ECS group whose deploymentReadyOption says STOP_DEPLOYMENT waits, once the replacement
     * task set has passed its test traffic, for ContinueDeployment(READY_WAIT) before production
     * traffic moves; if none comes within waitTimeInMinutes, the deployment stops.
     */
    private static boolean waitsUntilContinued(DeploymentRun run, int i) {
        var bg = run.info.blueGreenDeploymentConfiguration();
        return run.target.isEcs() && run.events.get(i).lifecycleEventName().equals(LifecyclePlan.BEFORE_ALLOW_TRAFFIC)
                && bg != null && bg.deploymentReadyOption() != null
                && bg.deploymentReadyOption().actionOnTimeout() == io.slipway.model.codedeploy.DeploymentReadyAction.STOP_DEPLOYMENT;
    }

    private static Duration readyWait(DeploymentRun run) {
        Integer minutes = run.info.blueGreenDeploymentConfiguration().deploymentReadyOption().waitTimeInMinutes();
        return Duration.ofMinutes(minutes == null ? 0 : minutes);
    }

    /** The wait's timer, or a stale step: stop the deployment only once the whole wait has passed. */
    private void readyWaitOver(Tx tx, DeploymentRun run, int i, Instant now) {
        Instant readySince = run.events.get(i - 1).endTime();
        if (!now.isBefore(readySince.plus(readyWait(run)))) {
            fail(tx, run, DeploymentStatus.STOPPED, ErrorCode.TIMEOUT, "Traffic was not rerouted within "
                    + readyWait(run).toMinutes() + " minutes of the replacement task set being ready", false);
        }
    }

    /** ContinueDeployment(READY_WAIT): production traffic may move now. */
    void continueFromReady(Tx tx, DeploymentRun run) {
        Instant now = clock.now();
        run.resume(now);
        beginEvent(tx, run, run.currentEvent(), now);
        run.save(tx, store, now);
    }

    private void beginEvent(Tx tx, DeploymentRun run, int i, Instant now) {
        String event = run.events.get(i).lifecycleEventName();
        run.beginEvent(i, now);
        switch (event) {
            case LifecyclePlan.INSTALL -> {
                installReplacementTaskSet(run);
                eventSucceeded(tx, run, i, now);
            }
            case LifecyclePlan.ALLOW_TEST_TRAFFIC -> eventSucceeded(tx, run, i, now);
            case LifecyclePlan.ALLOW_TRAFFIC -> shiftTraffic(tx, run, i, now);
            default -> {
                String function = appSpec(run).hooks().get(event);
                if (function == null) {
                    eventSucceeded(tx, run, i, now);
                } else {
                    startHook(tx, run, event, function, now);
                }
            }
        }
    }

    private void eventSucceeded(Tx tx, DeploymentRun run, int i, Instant now) {
        run.endEvent(i, LifecycleEventStatus.SUCCEEDED, now);
        scheduleStep(tx, run.ns, run.id(), now);
    }

    private void startHook(Tx tx, DeploymentRun run, String event, String function, Instant now) {
        HookExecution exec = HookExecution.started(ids.newHookExecutionId(), run.id(), event, function, now);
        store.insert(tx, HookExecution.TYPE, run.ns, exec.executionId(), Optional.of(run.id()), exec);
        String payload = WorkKey.payload(run.ns, exec.executionId());
        queue.enqueue(tx, INVOKE_HOOK, payload, now);
        queue.enqueue(tx, timeoutId(exec.executionId()), HOOK_TIMEOUT, payload, now.plus(HOOK_WAIT));
    }

    private static String timeoutId(String executionId) {
        return HOOK_TIMEOUT + "/" + executionId;
    }

    private Optional<ErrorInformation> checkLambda(Tx tx, DeploymentRun run) {
        if (!(appSpec(run) instanceof AppSpec.Lambda l)) {
            return Optional.empty();
        }
        return lambda.check(tx, run.ns, l.functionName(), l.alias(), l.currentVersion(), l.targetVersion());
    }

    private void shiftTraffic(Tx tx, DeploymentRun run, int i, Instant now) {
        TrafficShift shift = TrafficShift.next(routing(tx, run), run.trafficWeight());
        run.setTrafficWeight(shift.weight());
        if (appSpec(run) instanceof AppSpec.Lambda l) {
            lambda.route(tx, run.ns, l.functionName(), l.alias(), l.currentVersion(), l.targetVersion(), shift.weight());
        }
        if (shift.complete()) {
            eventSucceeded(tx, run, i, now);
        } else {
            scheduleStep(tx, run.ns, run.id(), now.plus(shift.untilNext()));
        }
    }

    private TrafficRoutingConfig routing(Tx tx, DeploymentRun run) {
        try {
            return configs.get(tx, run.ns, run.info.deploymentConfigName()).trafficRoutingConfig();
        } catch (io.slipway.model.runtime.AwsException deleted) {
            return null; // a custom config deleted mid-deployment: finish all at once
        }
    }

    /** ECS Install: the replacement (Green) task set, on the second target group, with no traffic yet. */
    private void installReplacementTaskSet(DeploymentRun run) {
        if (!run.target.isEcs() || run.target.taskSets().stream().anyMatch(t -> t.taskSetLabel() == TargetLabel.GREEN)) {
            return;
        }
        List<TargetGroupInfo> groups = run.info.loadBalancerInfo().targetGroupPairInfoList().getFirst().targetGroups();
        List<ECSTaskSet> sets = new ArrayList<>(run.target.taskSets());
        // the replacement goes behind whichever target group of the pair is not serving now
        TargetGroupInfo free = groups.stream().filter(g -> sets.stream().noneMatch(t -> g.equals(t.targetGroup())))
                .findFirst().orElse(groups.get(1));
        sets.add(new ECSTaskSet("ecs-svc/" + ids.newDeploymentId().substring(2), 1L, 0L, 1L, "ACTIVE", 0.0,
                free, TargetLabel.GREEN));
        run.target = run.target.withTaskSets(sets);
    }

    private void finish(Tx tx, DeploymentRun run, Instant now) {
        if (run.target.isEcs()) {
            Duration wait = terminationWait(run);
            if (!wait.isZero() && !Boolean.TRUE.equals(run.info.instanceTerminationWaitTimeStarted())) {
                // the original task set stays until the wait ends or ContinueDeployment(TERMINATION_WAIT)
                run.info = run.info.toBuilder().instanceTerminationWaitTimeStarted(true).build();
                scheduleStep(tx, run.ns, run.id(), now.plus(wait));
                return;
            }
            run.target = run.target.withTaskSets(run.target.taskSets().stream()
                    .filter(t -> t.taskSetLabel() == TargetLabel.GREEN)
                    .map(t -> t.toBuilder().status("PRIMARY").taskSetLabel(TargetLabel.BLUE).build()).toList());
        }
        run.end(DeploymentStatus.SUCCEEDED, null, now);
        store.delete(tx, ACTIVE_DEPLOYMENT, run.ns, run.groupId());
        history.record(tx, run.ns, run.info, run.groupId());
        ends.ended(tx, run.ns, run.id());
    }

    private static Duration terminationWait(DeploymentRun run) {
        var bg = run.info.blueGreenDeploymentConfiguration();
        var termination = bg == null ? null : bg.terminateBlueInstancesOnDeploymentSuccess();
        return termination == null || termination.terminationWaitTimeInMinutes() == null ? Duration.ZERO
                : Duration.ofMinutes(termination.terminationWaitTimeInMinutes());
    }

    /** ContinueDeployment(TERMINATION_WAIT): end the original task set's wait now. */
    boolean skipTerminationWait(Tx tx, DeploymentRun run) {
        if (!Boolean.TRUE.equals(run.info.instanceTerminationWaitTimeStarted()) || run.isDone()) {
            return false;
        }
        // the wait has started, so the next step finishes the deployment; the wait's own timer then finds it done
        scheduleStep(tx, run.ns, run.id(), clock.now());
        return true;
    }

    /**
     * Ends a deployment that failed or was stopped: pending hooks are cancelled, its group is free
     * again, and an automatic rollback starts when one is asked for and something had changed.
     */
    void fail(Tx tx, DeploymentRun run, DeploymentStatus status, ErrorCode code, String message, boolean rollBack) {
        Instant now = clock.now();
        boolean changed = run.trafficWeight() > 0
                || (run.target.isEcs() && run.target.taskSets().stream().anyMatch(t -> t.taskSetLabel() == TargetLabel.GREEN));
        cancelHooks(tx, run, now);
        run.end(status, new ErrorInformation(code, message), now);
        store.delete(tx, ACTIVE_DEPLOYMENT, run.ns, run.groupId());
        history.record(tx, run.ns, run.info, run.groupId());
        ends.ended(tx, run.ns, run.id());
        if (rollBack && changed) {
            rollbacks.start(tx, run, now);
        }
        run.save(tx, store, now);
    }

    private void cancelHooks(Tx tx, DeploymentRun run, Instant now) {
        for (var exec : store.list(tx, HookExecution.TYPE, run.ns, Optional.of(run.id()), Optional.empty(), 100).items()) {
            if (exec.value().status() == HookExecution.Status.PENDING) {
                replaceExecution(tx, run.ns, exec.value().ended(HookExecution.Status.CANCELLED, now));
            }
        }
    }

    /** A hook's report: Succeeded lets the event end and the deployment go on; Failed fails it. */
    void hookReported(Tx tx, DeploymentRun run, HookExecution exec, boolean succeeded) {
        Instant now = clock.now();
        replaceExecution(tx, run.ns, exec.ended(succeeded ? HookExecution.Status.SUCCEEDED : HookExecution.Status.FAILED, now));
        if (succeeded) {
            int i = run.currentEvent();
            if (i >= 0 && run.events.get(i).lifecycleEventName().equals(exec.lifecycleEventName())) {
                eventSucceeded(tx, run, i, now);
            }
            run.save(tx, store, now);
        } else {
            fail(tx, run, DeploymentStatus.FAILED, ErrorCode.HOOK_EXECUTION_FAILURE, "The lifecycle event "
                    + exec.lifecycleEventName() + " failed: its hook " + exec.functionName() + " reported Failed",
                    rollsBackOn(run, "DEPLOYMENT_FAILURE"));
        }
    }

    private void hookTimedOut(Tx tx, Namespace ns, String executionId) {
        endPendingHook(tx, ns, executionId, HookExecution.Status.TIMED_OUT, ErrorCode.TIMEOUT, exec -> "The lifecycle event "
                + exec.lifecycleEventName() + " timed out: its hook " + exec.functionName() + " did not report within "
                + HOOK_WAIT.toMinutes() + " minutes");
    }

    /** A hook still waiting ends without a report, and its deployment fails (rolling back if configured to). */
    void endPendingHook(Tx tx, Namespace ns, String executionId, HookExecution.Status status, ErrorCode code,
                                java.util.function.Function<HookExecution, String> message) {
        store.get(tx, HookExecution.TYPE, ns, executionId).map(v -> v.value())
                .filter(exec -> exec.status() == HookExecution.Status.PENDING)
                .ifPresent(exec -> DeploymentRun.load(tx, store, ns, exec.deploymentId()).ifPresent(run -> {
                    replaceExecution(tx, ns, exec.ended(status, clock.now()));
                    fail(tx, run, DeploymentStatus.FAILED, code, message.apply(exec), rollsBackOn(run, "DEPLOYMENT_FAILURE"));
                }));
    }

    static boolean rollsBackOn(DeploymentRun run, String event) {
        var config = run.info.autoRollbackConfiguration();
        return config != null && Boolean.TRUE.equals(config.enabled()) && config.events() != null
                && config.events().stream().anyMatch(e -> e.value().equals(event));
    }

    void replaceExecution(Tx tx, Namespace ns, HookExecution exec) {
        var stored = store.get(tx, HookExecution.TYPE, ns, exec.executionId()).orElseThrow();
        store.replace(tx, HookExecution.TYPE, ns, exec.executionId(), stored, exec);
        if (exec.status() != HookExecution.Status.PENDING) {
            queue.cancel(tx, timeoutId(exec.executionId()));
        }
    }

    AppSpec appSpec(DeploymentRun run) {
        var revision = run.info.revision();
        String content = revision.appSpecContent() != null ? revision.appSpecContent().content() : revision.string().content();
        return AppSpecParser.parse(content, run.info.computePlatform());
    }

    Instant now() {
        return clock.now();
    }

    /**
     * Inserts a new deployment with its target, claims its group and starts it. A group that already
     * has a deployment in progress makes the claim a duplicate key (DeploymentLimitExceededException
     * for the caller to raise).
     */
    void launch(Tx tx, Namespace ns, NewDeployment d, String groupId) {
        String id = d.info().deploymentId();
        store.insert(tx, ACTIVE_DEPLOYMENT, ns, groupId, Optional.empty(),
                new io.slipway.model.codedeploy.LastDeploymentInfo(id, d.info().status(), null, d.info().createTime()));
        store.insert(tx, DEPLOYMENT, ns, id, Optional.of(groupId), d.info());
        store.insert(tx, io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT_TARGET, ns,
                DeploymentRun.targetKey(id), Optional.of(id), d.target().target());
        scheduleStep(tx, ns, id, d.info().createTime());
        history.record(tx, ns, d.info(), groupId);
    }
}
