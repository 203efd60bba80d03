package io.slipway.cloudformation.hooks;

import io.slipway.core.Namespace;
import io.slipway.core.PageToken;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.ResourceKey;
import io.slipway.engine.store.ResourcePage;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.Tx;
import io.slipway.model.cloudformation.CloudFormationModel;
import io.slipway.model.cloudformation.GetHookResultInput;
import io.slipway.model.cloudformation.GetHookResultOutput;
import io.slipway.model.cloudformation.HookResultSummary;
import io.slipway.model.cloudformation.ListHookResultsInput;
import io.slipway.model.cloudformation.ListHookResultsOutput;
import io.slipway.model.runtime.AwsErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.slipway.model.cloudformation.CloudFormationErrors.HOOK_RESULT_NOT_FOUND;

/**
 * The outcomes of hook invocations, as ListHookResults and GetHookResult read them. Each result
 * is stored twice, in one transaction: a summary by its id under the target it is listed for (a
 * change set ARN for CHANGE_SET targets, the stack id for stack and resource targets), and the
 * whole result (target and annotations) by its id alone.
 */
public final class HookResults {
    public static final DocumentType<HookResultSummary> SUMMARY = new DocumentType<>("cloudformation.hook-result",
            CloudFormationModel.MODEL.shape("HookResultSummary"), HookResultSummary::fromDocument);
    static final DocumentType<GetHookResultOutput> RESULT = new DocumentType<>("cloudformation.hook-result-detail",
            CloudFormationModel.MODEL.shape("GetHookResultOutput"), GetHookResultOutput::fromDocument);
    private static final int PAGE_SIZE = 100;
    private final ResourceStore resources;

    public HookResults(ResourceStore resources) {
        this.resources = resources;
    }

    /** Records one finished invocation; the summary is listed under {@code summary.targetId()}. */
    public void save(Tx tx, Namespace ns, HookResultSummary summary, GetHookResultOutput result) {
        resources.insert(tx, new ResourceKey(ns.account(), ns.region(), SUMMARY.kind(), summary.hookResultId()),
                Optional.of(summary.targetId()), SUMMARY.write(summary));
        resources.insert(tx, new ResourceKey(ns.account(), ns.region(), RESULT.kind(), result.hookResultId()),
                Optional.empty(), RESULT.write(result));
    }

    public GetHookResultOutput get(Namespace ns, GetHookResultInput in) {
        String id = in.hookResultId();
        if (id == null) {
            throw AwsErrors.VALIDATION_ERROR.exception("HookResultId is required");
        }
        return resources.get(new ResourceKey(ns.account(), ns.region(), RESULT.kind(), id)).map(r -> RESULT.read(r.doc()))
                .orElseThrow(() -> HOOK_RESULT_NOT_FOUND.exception("Hook result " + id + " not found"));
    }

    public ListHookResultsOutput list(Namespace ns, ListHookResultsInput in) {
        checkCombination(in);
        boolean byTarget = in.targetId() != null;
        String list = "hook-results/" + (byTarget ? in.targetType().value() + "/" + in.targetId() : "all");
        Optional<String> after = Optional.empty();
        if (in.nextToken() != null) {
            after = Optional.of(PageToken.decode(list, in.nextToken()).orElseThrow(
                    () -> AwsErrors.VALIDATION_ERROR.exception("Invalid NextToken")));
        }
        List<HookResultSummary> matching = new ArrayList<>();
        Optional<String> next = after;
        // Filters other than the target are applied after the index scan, so a page may come back short.
        do {
            ResourcePage page = resources.list(ns.account(), ns.region(), SUMMARY.kind(),
                    byTarget ? Optional.of(in.targetId()) : Optional.empty(), next, PAGE_SIZE);
            page.items().stream().map(r -> SUMMARY.read(r.doc())).filter(s -> matches(s, in)).forEach(matching::add);
            next = page.nextAfterId();
        } while (matching.isEmpty() && next.isPresent());
        if (byTarget && matching.isEmpty() && after.isEmpty()) {
            throw HOOK_RESULT_NOT_FOUND.exception("Target " + in.targetId()
                    + " doesn't have any requested Hook invocations");
        }
        return ListHookResultsOutput.builder().targetType(in.targetType()).targetId(in.targetId())
                .hookResults(byTarget ? matching.stream().map(HookResults::withoutTargetOnlyFields).toList() : matching)
                .nextToken(next.map(id -> PageToken.encode(list, id)).orElse(null)).build();
    }

    /** Status only with TypeArn; TargetType and TargetId only together (AWS-BEHAVIOUR.md C.2). */
    private static void checkCombination(ListHookResultsInput in) {
        if ((in.targetType() == null) != (in.targetId() == null)) {
            throw AwsErrors.VALIDATION_ERROR.exception("TargetType and TargetId must be specified together");
        }
        if (in.status() != null && in.typeArn() == null) {
            throw AwsErrors.VALIDATION_ERROR.exception("Status can only be specified together with TypeArn");
        }
    }

    private static boolean matches(HookResultSummary s, ListHookResultsInput in) {
        return (in.typeArn() == null || in.typeArn().equals(s.typeArn()))
                && (in.status() == null || in.status() == s.status())
                && (in.targetType() == null || in.targetType() == s.targetType());
    }

    /** InvokedAt and HookExecutionTarget come back only when no target filter was given. */
    private static HookResultSummary withoutTargetOnlyFields(HookResultSummary s) {
        return s.toBuilder().invokedAt(null).hookExecutionTarget(null).build();
    }
}
