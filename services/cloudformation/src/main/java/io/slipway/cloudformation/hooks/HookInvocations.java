package io.slipway.cloudformation.hooks;

import io.slipway.core.Namespace;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.presign.PresignedUrls;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.cloudformation.Annotation;
import io.slipway.model.cloudformation.GetHookResultOutput;
import io.slipway.model.cloudformation.HookFailureMode;
import io.slipway.model.cloudformation.HookInvocationPoint;
import io.slipway.model.cloudformation.HookResultSummary;
import io.slipway.model.cloudformation.HookStatus;
import io.slipway.model.cloudformation.HookTargetAction;
import io.slipway.model.cloudformation.HookTargetType;
import io.slipway.model.cloudformation.ListHookResultsTargetType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Runs the Lambda hooks that target one operation of the stack engine, and records each run.
 * The engine calls it outside any store transaction: a hook may take minutes (IN_PROGRESS answers
 * ask to be called again after a delay). Every hook that targets the operation runs, in type
 * name order, so a failure reports all the hooks that failed, as AWS's reason lists them.
 */
public final class HookInvocations {
    public static final String PAYLOAD_PATH = HookPayloads.PATH;
    /** A Lambda hook may answer IN_PROGRESS; its function is called at most this often per run. */
    static final int MAX_INVOCATIONS = 3;
    /** AWS documents no bound on callbackDelaySeconds; one hour keeps a stack from waiting forever. */
    static final Duration MAX_CALLBACK_DELAY = Duration.ofHours(1);

    /** Waits real time before the next call; tests pass one that only records. */
    @FunctionalInterface
    public interface Pause {
        Pause SLEEP = Thread::sleep;

        void await(Duration realDelay) throws InterruptedException;
    }

    private final Jdbc jdbc;
    private final SlipwayClock clock;
    private final IdGenerator ids;
    private final HookTypes types;
    private final HookFunctions functions;
    private final HookResults results;
    private final HookPayloads payloads;
    private final Pause pause;

    public HookInvocations(Jdbc jdbc, ResourceStore resources, SlipwayClock clock, IdGenerator ids, HookTypes types,
                           HookFunctions functions, Supplier<String> endpoint, PresignedUrls urls) {
        this(jdbc, resources, clock, ids, types, functions, endpoint, urls, Pause.SLEEP);
    }

    public HookInvocations(Jdbc jdbc, ResourceStore resources, SlipwayClock clock, IdGenerator ids, HookTypes types,
                           HookFunctions functions, Supplier<String> endpoint, PresignedUrls urls, Pause pause) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
        this.types = types;
        this.functions = functions;
        this.results = new HookResults(resources);
        this.payloads = new HookPayloads(resources, endpoint, urls);
        this.pause = pause;
    }

    /** Serves STACK and CHANGE_SET payloads at {@link #PAYLOAD_PATH} (an admin GET endpoint). */
    public AdminEndpoint payloadEndpoint() {
        return payloads;
    }

    /** A hook that would run for a target, as DescribeChangeSetHooks lists it. */
    public record PlannedHook(String typeName, String failureMode, String typeVersionId, String configurationVersionId) {
    }

    /** The enabled hooks whose configuration targets {@code target}, found without calling any. */
    public List<PlannedHook> planned(Namespace ns, HookTarget target) {
        return types.enabled(ns).stream().filter(h -> h.configuration().targets(target, Optional.empty()))
                .map(h -> new PlannedHook(h.typeName(), h.configuration().failureMode(), HookTypes.TYPE_VERSION,
                        h.configurationVersionId())).toList();
    }

    public HookOutcome run(Namespace ns, HookTarget target) {
        return run(ns, target, Optional.empty());
    }

    /**
     * Runs every enabled hook whose configuration targets this operation.
     *
     * @param stackRole the stack's service role, which StackFilters.StackRoles match
     * @throws CancellationException when the thread is interrupted while waiting to call a hook
     *                               again (Slipway is stopping); nothing is recorded for that hook
     */
    public HookOutcome run(Namespace ns, HookTarget target, Optional<String> stackRole) {
        List<ActiveHook> hooks = types.enabled(ns).stream().filter(h -> h.configuration().targets(target, stackRole))
                .toList();
        if (hooks.isEmpty()) {
            return HookOutcome.NONE;
        }
        String payloadId = target.isResource() ? null : ids.newId();
        String payloadUrl = payloadId == null ? null : payloads.put(ns, payloadId, target.payloadJson());
        try {
            List<HookRun> runs = new ArrayList<>();
            for (ActiveHook hook : hooks) {
                runs.add(invoke(ns, hook, target, payloadUrl));
            }
            return new HookOutcome(runs);
        } finally {
            if (payloadId != null) {
                payloads.remove(ns, payloadId);
            }
        }
    }

    private HookRun invoke(Namespace ns, ActiveHook hook, HookTarget target, String payloadUrl) {
        String id = ids.newId();
        Instant invokedAt = Instant.ofEpochMilli(clock.now().toEpochMilli());
        HookRequest request = HookRequest.of(ns, hook, target, id, payloadUrl);
        String function = hook.configuration().lambdaFunction();
        Object callbackContext = null;
        Verdict verdict = null;
        for (int invocation = 1; verdict == null; invocation++) {
            HookAnswer answer = switch (functions.call(ns, function, request.json(invocation, callbackContext))) {
                case HookFunctions.Answer.Returned r -> HookAnswer.read(r.payload(), id);
                case HookFunctions.Answer.Failed f -> new HookAnswer.Unusable(
                        "Failed to invoke Lambda function " + function + ": " + f.reason());
            };
            switch (answer) {
                case HookAnswer.Done d -> verdict = Verdict.of(d);
                case HookAnswer.Unusable u -> verdict = new Verdict(HookStatus.HOOK_FAILED,
                        HookAnswer.truncate(u.reason(), HookAnswer.MAX_MESSAGE), List.of());
                case HookAnswer.InProgress p -> {
                    if (invocation == MAX_INVOCATIONS) {
                        verdict = new Verdict(HookStatus.HOOK_FAILED, "Hook did not complete after "
                                + MAX_INVOCATIONS + " invocations", p.annotations());
                    } else {
                        await(Duration.ofSeconds(p.callbackDelaySeconds()));
                        callbackContext = p.callbackContext();
                    }
                }
            }
        }
        record(ns, hook, target, id, invokedAt, verdict);
        return new HookRun(id, hook.typeName(), hook.typeArn(), hook.configuration().failureMode(),
                verdict.status().value(), verdict.reason(), invokedAt);
    }

    private void await(Duration slipwayDelay) {
        Duration delay = slipwayDelay.compareTo(MAX_CALLBACK_DELAY) > 0 ? MAX_CALLBACK_DELAY : slipwayDelay;
        if (delay.isZero()) {
            return;
        }
        try {
            pause.await(clock.toRealDelay(delay));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Slipway is stopping; the hook runs again with the operation");
        }
    }

    private void record(Namespace ns, ActiveHook hook, HookTarget target, String id, Instant invokedAt,
                        Verdict verdict) {
        boolean changeSet = target.targetType().equals("CHANGE_SET");
        String listedUnder = changeSet ? (target.changeSetId() != null ? target.changeSetId() : target.logicalId())
                : target.stackId();
        HookResultSummary summary = HookResultSummary.builder().hookResultId(id)
                .invocationPoint(HookInvocationPoint.PRE_PROVISION)
                .failureMode(HookFailureMode.fromValue(hook.configuration().failureMode())).typeName(hook.typeName())
                .typeVersionId(HookTypes.TYPE_VERSION).typeConfigurationVersionId(hook.configurationVersionId())
                .status(verdict.status()).hookStatusReason(verdict.reason()).invokedAt(invokedAt)
                .targetType(changeSet ? ListHookResultsTargetType.CHANGE_SET : ListHookResultsTargetType.STACK)
                .targetId(listedUnder).typeArn(hook.typeArn()).hookExecutionTarget(target.logicalId()).build();
        GetHookResultOutput result = GetHookResultOutput.builder().hookResultId(id)
                .invocationPoint(summary.invocationPoint()).failureMode(summary.failureMode())
                .typeName(hook.typeName()).originalTypeName(hook.originalTypeName())
                .typeVersionId(summary.typeVersionId()).typeConfigurationVersionId(summary.typeConfigurationVersionId())
                .typeArn(hook.typeArn()).status(verdict.status()).hookStatusReason(verdict.reason())
                .invokedAt(invokedAt).target(resultTarget(target)).annotations(verdict.annotations()).build();
        jdbc.runInTransaction(tx -> results.save(tx, ns, summary, result));
    }

    /** GetHookResult's Target can only name a resource (its TargetType enum has RESOURCE alone). */
    private static io.slipway.model.cloudformation.HookTarget resultTarget(HookTarget target) {
        if (!target.isResource()) {
            return null;
        }
        return io.slipway.model.cloudformation.HookTarget.builder().targetType(HookTargetType.RESOURCE)
                .targetTypeName(target.targetName()).targetId(target.logicalId())
                .action(HookTargetAction.fromValue(target.action())).build();
    }

    /** How one hook run ended: its status, the reason shown for it, and its annotations. */
    private record Verdict(HookStatus status, String reason, List<Annotation> annotations) {

        static Verdict of(HookAnswer.Done done) {
            String reason = done.message() != null && !done.message().isEmpty() ? done.message()
                    : done.succeeded() ? "Hook succeeded"
                    : "Hook failed" + (done.errorCode() == null ? "" : " with error code " + done.errorCode());
            return new Verdict(done.succeeded() ? HookStatus.HOOK_COMPLETE_SUCCEEDED : HookStatus.HOOK_COMPLETE_FAILED,
                    reason, done.annotations());
        }
    }
}
