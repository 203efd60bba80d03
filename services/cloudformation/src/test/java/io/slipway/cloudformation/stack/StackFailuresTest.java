package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.engine.store.ResourceKey;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.cloudformation.CreateStackInput;
import io.slipway.model.cloudformation.DeleteStackInput;
import io.slipway.model.cloudformation.DescribeStackEventsInput;
import io.slipway.model.cloudformation.DescribeStacksInput;
import io.slipway.model.cloudformation.ListStacksInput;
import io.slipway.model.cloudformation.Stack;
import io.slipway.model.cloudformation.StackStatus;
import io.slipway.model.cloudformation.StackSummary;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stack operations that meet what no template explains end in a failed state with a reason, never in an endless retry or a 500. */
class StackFailuresTest {
    private static final String ONE_THING = "Resources:\n  A: {Type: Test::Thing}\n";
    private final StackFixture f = new StackFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private List<String> events(String stack) {
        return f.api.describeStackEvents(StackFixture.NS, DescribeStackEventsInput.builder().stackName(stack).build())
                .stackEvents().reversed().stream().map(e -> e.logicalResourceId() + " " + e.resourceStatus().value()
                        + (e.resourceStatusReason() == null ? "" : " " + e.resourceStatusReason())).toList();
    }

    @Test
    void aStepThatKeepsFailingUnexpectedlyRollsTheCreateBackInsteadOfRetryingForever() {
        f.create = request -> {
            throw new StackOverflowError(); // what no provider or template accounts for
        };
        f.create("crash", ONE_THING);
        f.runRetries();

        assertThat(f.status("crash")).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(f.calls).containsExactly("create A", "create A", "create A", "create A", "create A");
        assertThat(events("crash")).contains("crash ROLLBACK_IN_PROGRESS Internal Failure. Rollback requested by user.",
                "A DELETE_COMPLETE", "crash ROLLBACK_COMPLETE");
        assertThat(f.queue.count()).isZero();
    }

    @Test
    void withRollbackDisabledTheCreateStopsFailedAndADeleteThatKeepsFailingEndsDeleteFailed() {
        f.create = request -> {
            throw new StackOverflowError();
        };
        f.api.createStack(StackFixture.NS, CreateStackInput.builder().stackName("kept").templateBody(ONE_THING)
                .disableRollback(true).build());
        f.awaitIdle();
        f.runRetries();
        Stack kept = f.stack("kept");
        assertThat(kept.stackStatus()).isEqualTo(StackStatus.CREATE_FAILED);
        assertThat(kept.stackStatusReason()).isEqualTo("Internal Failure. ");

        f.create = request -> new Provisioned("thing-1", Map.of());
        f.create("doomed", ONE_THING);
        f.onDelete = () -> {
            throw new StackOverflowError();
        };
        f.api.deleteStack(StackFixture.NS, DeleteStackInput.builder().stackName("doomed").build());
        f.awaitIdle();
        f.runRetries();
        Stack doomed = f.stack("doomed");
        assertThat(doomed.stackStatus()).isEqualTo(StackStatus.DELETE_FAILED);
        assertThat(doomed.stackStatusReason()).isEqualTo("Internal Failure. ");
        assertThat(f.queue.count()).isZero();
    }

    @Test
    void whatTheStoreCannotKeepFailsTheResourceWithAReasonAndEverythingStaysReadable() {
        // more than the JSON reader takes in one string: stored, it would have broken every listing
        f.create = request -> new Provisioned("thing-1", Map.of("Blob", "x".repeat(20_000_001)));
        f.create("huge", ONE_THING);
        f.runRetries();

        assertThat(f.status("huge")).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(events("huge")).anySatisfy(e -> assertThat(e).startsWith("A CREATE_FAILED Internal Failure: The "
                + "cloudformation.stack-resource ").endsWith(" more than the " + ResourceStore.MAX_DOCUMENT_LENGTH + " Slipway stores"));
        assertThat(f.calls).containsExactly("create A", "delete thing-1"); // what was made is not left behind
        assertThat(f.api.listStacks(StackFixture.NS, ListStacksInput.builder().build()).stackSummaries())
                .extracting(StackSummary::stackName).containsExactly("huge");
    }

    @Test
    void aStackWhoseRecordCannotBeReadIsLeftOutOfListingsAndCanStillBeDeleted() {
        String good = f.create("good", ONE_THING);
        String broken = f.create("broken", ONE_THING);
        assertThat(f.status("broken")).isEqualTo(StackStatus.CREATE_COMPLETE);
        // what a document grown beyond what the reader takes looks like to the store: it is there, it does not read
        ResourceKey key = new ResourceKey(StackFixture.NS.account(), StackFixture.NS.region(), Stacks.STACK.kind(),
                Stacks.key(broken));
        f.resources.update(key, f.resources.get(key).orElseThrow().version(),
                "{\"view\":{\"StackName\":" + "[".repeat(100) + "]".repeat(100) + "}}");

        assertThat(f.api.listStacks(StackFixture.NS, ListStacksInput.builder().build()).stackSummaries())
                .extracting(StackSummary::stackId).containsExactly(good);
        assertThat(f.api.describeStacks(StackFixture.NS, DescribeStacksInput.builder().build()).stacks())
                .extracting(Stack::stackId).containsExactly(good);
        assertThatThrownBy(() -> f.stack("broken")).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.error().code()).isEqualTo("ValidationError");
            assertThat(e.getMessage()).startsWith("Stack with id broken cannot be read");
        });

        f.api.deleteStack(StackFixture.NS, DeleteStackInput.builder().stackName("broken").build());
        f.awaitIdle();
        assertThat(f.status(broken)).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(f.calls).contains("delete A-1"); // its resources went with it
        assertThat(events(broken)).endsWith("broken DELETE_IN_PROGRESS User Initiated", "A DELETE_IN_PROGRESS",
                "A DELETE_COMPLETE", "broken DELETE_COMPLETE");
        assertThat(f.api.listStacks(StackFixture.NS, ListStacksInput.builder().build()).stackSummaries())
                .extracting(StackSummary::stackId).containsExactlyInAnyOrder(good, broken);
    }
}
