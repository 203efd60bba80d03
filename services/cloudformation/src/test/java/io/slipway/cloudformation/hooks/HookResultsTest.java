package io.slipway.cloudformation.hooks;

import io.slipway.model.cloudformation.GetHookResultInput;
import io.slipway.model.cloudformation.HookResultSummary;
import io.slipway.model.cloudformation.HookStatus;
import io.slipway.model.cloudformation.ListHookResultsInput;
import io.slipway.model.cloudformation.ListHookResultsOutput;
import io.slipway.model.cloudformation.ListHookResultsTargetType;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.slipway.cloudformation.hooks.HookFixture.NS;
import static io.slipway.cloudformation.hooks.HookFixture.STACK_ID;
import static io.slipway.cloudformation.hooks.HookFixture.bucket;
import static io.slipway.cloudformation.hooks.HookFixture.resourceHook;
import static io.slipway.model.cloudformation.CloudFormationErrors.HOOK_RESULT_NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HookResultsTest {
    private final HookFixture f = new HookFixture();

    @AfterEach
    void close() {
        f.close();
    }

    /** Two hooks on one resource: Audit succeeds, Guard fails. */
    private void runTwoHooks() {
        f.activate("Shop::Hooks::Audit", resourceHook("audit", ""));
        f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));
        f.functions.reply("{\"hookStatus\":\"SUCCESS\",\"clientRequestToken\":\"TOKEN\"}")
                .reply("{\"hookStatus\":\"FAILED\",\"errorCode\":\"NonCompliant\",\"clientRequestToken\":\"TOKEN\"}");
        f.invocations.run(NS, bucket("CREATE"));
    }

    @Test
    void resourceAndStackResultsAreListedUnderTheStack() {
        runTwoHooks();

        ListHookResultsOutput listed = f.results.list(NS, ListHookResultsInput.builder()
                .targetType(ListHookResultsTargetType.STACK).targetId(STACK_ID).build());

        assertThat(listed.targetType()).isEqualTo(ListHookResultsTargetType.STACK);
        assertThat(listed.targetId()).isEqualTo(STACK_ID);
        assertThat(listed.hookResults()).extracting(HookResultSummary::typeName, HookResultSummary::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Shop::Hooks::Audit", HookStatus.HOOK_COMPLETE_SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("Shop::Hooks::Guard", HookStatus.HOOK_COMPLETE_FAILED));
        assertThat(listed.hookResults()).allSatisfy(s -> {
            assertThat(s.invokedAt()).as("only without a target filter").isNull();
            assertThat(s.hookExecutionTarget()).isNull();
            assertThat(s.typeVersionId()).isEqualTo("00000001");
        });
    }

    @Test
    void unfilteredListingCarriesInvokedAtAndTheExecutionTarget() {
        runTwoHooks();

        ListHookResultsOutput all = f.results.list(NS, ListHookResultsInput.builder().build());

        assertThat(all.hookResults()).hasSize(2).allSatisfy(s -> {
            assertThat(s.invokedAt()).isEqualTo(f.clock.now());
            assertThat(s.hookExecutionTarget()).isEqualTo("Assets");
        });
    }

    @Test
    void typeArnAndStatusNarrowTheListing() {
        runTwoHooks();
        String guard = HookTypeNames.typeArn(NS, "Shop::Hooks::Guard");

        assertThat(f.results.list(NS, ListHookResultsInput.builder().typeArn(guard).build()).hookResults())
                .extracting(HookResultSummary::typeName).containsExactly("Shop::Hooks::Guard");
        assertThat(f.results.list(NS, ListHookResultsInput.builder().typeArn(guard)
                .status(HookStatus.HOOK_COMPLETE_SUCCEEDED).build()).hookResults()).isEmpty();
    }

    @Test
    void unknownResultIdIsHookResultNotFound() {
        assertThatThrownBy(() -> f.results.get(NS, GetHookResultInput.builder()
                .hookResultId("00000000-0000-4000-8000-000000000099").build()))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.error()).isEqualTo(HOOK_RESULT_NOT_FOUND);
                    assertThat(e.error().httpStatus()).isEqualTo(404);
                    assertThat(e.error().code()).isEqualTo("HookResultNotFound");
                });
    }

    @Test
    void aStackWithoutInvocationsIsHookResultNotFound() {
        assertThatThrownBy(() -> f.results.list(NS, ListHookResultsInput.builder()
                .targetType(ListHookResultsTargetType.STACK).targetId(STACK_ID).build()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.error()).isEqualTo(HOOK_RESULT_NOT_FOUND));
    }
}
