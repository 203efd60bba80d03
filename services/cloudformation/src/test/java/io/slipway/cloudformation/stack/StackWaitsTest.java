package io.slipway.cloudformation.stack;

import io.slipway.model.cloudformation.DeleteStackInput;
import io.slipway.model.cloudformation.DescribeStackEventsInput;
import io.slipway.model.cloudformation.StackStatus;
import io.slipway.model.cloudformation.UpdateStackInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider that answers in progress holds no worker: the stack's work goes back to the queue
 * with the provider's callback context stored on the resource, and the handler is called again
 * with that context once its delay has passed (or at once when the stack is woken).
 */
class StackWaitsTest {
    private static final String WAITS = "Resources:\n  A: {Type: Test::Thing}\n  W: {Type: Test::Waiting, DependsOn: A}\n"
            + "  B: {Type: Test::Thing, DependsOn: W}\n";
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
    void aWaitingCreateGivesTheWorkerBackAndCarriesOnWithItsContextAfterTheDelay() {
        f.create("waits", WAITS);

        assertThat(f.status("waits")).isEqualTo(StackStatus.CREATE_IN_PROGRESS);
        assertThat(f.calls).containsExactly("create A", "create W 0");
        assertThat(f.queue.count()).isEqualTo(1); // the operation's work, due again later: no worker holds it
        String stackId = f.stack("waits").stackId();
        StoredResource w = f.store.inTransaction(tx -> f.store.list(tx, Stacks.RESOURCE, StackFixture.NS,
                java.util.Optional.of(stackId), java.util.Optional.empty(), 10)).items().stream().map(v -> v.value())
                .filter(r -> r.logicalId().equals("W")).findFirst().orElseThrow();
        assertThat(w.callbackContext()).containsEntry("polls", 1);

        f.clock.advance(Duration.ofSeconds(10));
        f.awaitIdle();
        assertThat(f.calls).hasSize(2); // not due yet

        f.clock.advance(Duration.ofSeconds(25));
        f.awaitIdle();
        assertThat(f.calls).containsExactly("create A", "create W 0", "create W 1");

        f.ready = true;
        String id = f.stack("waits").stackId();
        boolean woken = f.store.inTransaction(tx -> StackEngine.wake(f.queue, tx, id, f.clock.now()));
        assertThat(woken).isTrue();
        f.awaitIdle();

        assertThat(f.status("waits")).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(f.calls).containsExactly("create A", "create W 0", "create W 1", "create W 2", "create B");
        assertThat(events("waits")).containsSubsequence("W CREATE_IN_PROGRESS", "W CREATE_IN_PROGRESS Resource creation Initiated",
                "W CREATE_COMPLETE", "B CREATE_IN_PROGRESS");
        assertThat(events("waits").stream().filter(e -> e.startsWith("W CREATE_IN_PROGRESS"))).hasSize(2);
        assertThat(f.queue.count()).isZero();
    }

    @Test
    void updatesAndDeletesWaitToo() {
        f.ready = true;
        f.create("waits", WAITS);
        f.ready = false;
        f.calls.clear();

        f.api.updateStack(StackFixture.NS, UpdateStackInput.builder().stackName("waits")
                .templateBody(WAITS.replace("DependsOn: A}", "DependsOn: A, Properties: {Size: 2}}")).build());
        f.awaitIdle();
        assertThat(f.status("waits")).isEqualTo(StackStatus.UPDATE_IN_PROGRESS);
        f.ready = true;
        f.clock.advance(Duration.ofSeconds(30));
        f.awaitIdle();
        assertThat(f.status("waits")).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(f.calls).containsExactly("update W-w 0", "update W-w 1");

        f.ready = false;
        f.calls.clear();
        String stackId = f.stack("waits").stackId();
        f.api.deleteStack(StackFixture.NS, DeleteStackInput.builder().stackName("waits").build());
        f.awaitIdle();
        assertThat(f.calls).containsExactly("delete B-1", "delete W-w 0");
        f.ready = true;
        f.clock.advance(Duration.ofSeconds(30));
        f.awaitIdle();
        assertThat(f.calls).containsExactly("delete B-1", "delete W-w 0", "delete W-w 1", "delete A-1");
        assertThat(f.status(stackId)).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(events(stackId).stream().filter(e -> e.startsWith("W DELETE_IN_PROGRESS"))).hasSize(1);
    }
}
