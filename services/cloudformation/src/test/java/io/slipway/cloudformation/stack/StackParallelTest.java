package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.model.cloudformation.DeleteStackInput;
import io.slipway.model.cloudformation.StackStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Independent resources are provisioned side by side, at most StackPhases.PARALLEL at once, with dependencies kept. */
class StackParallelTest {
    private final StackFixture f = new StackFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void independentResourcesAreCreatedTogetherAndTheirDependentAfterThem() {
        CountDownLatch together = new CountDownLatch(3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        f.create = request -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (!request.logicalId().equals("D")) {
                    together.countDown();
                    // each of A, B and C waits until all three have started: only side by side can they all finish
                    assertThat(together.await(10, TimeUnit.SECONDS)).isTrue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return new Provisioned(request.logicalId() + "-1", Map.of());
        };
        String id = f.create("wide", """
                Resources:
                  A: {Type: Test::Thing}
                  B: {Type: Test::Thing}
                  C: {Type: Test::Thing}
                  D: {Type: Test::Thing, DependsOn: [A, B, C]}
                """);

        assertThat(f.status("wide")).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(most.get()).isEqualTo(3);
        assertThat(f.calls.subList(0, 3)).containsExactlyInAnyOrder("create A", "create B", "create C");
        assertThat(f.calls.get(3)).isEqualTo("create D");

        f.calls.clear();
        f.api.deleteStack(StackFixture.NS, DeleteStackInput.builder().stackName("wide").build());
        f.awaitIdle();
        assertThat(f.status(id)).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(f.calls.getFirst()).isEqualTo("delete D-1");
        assertThat(f.calls.subList(1, 4)).containsExactlyInAnyOrder("delete A-1", "delete B-1", "delete C-1");
    }

    @Test
    void whenResourcesFailSideBySideTheStackRollsBackOnceAndDeletesWhatWasMade() {
        f.create = request -> {
            if (!request.logicalId().equals("C")) {
                throw new io.slipway.cloudformation.resource.ResourceFailure(request.logicalId() + " is broken");
            }
            return new Provisioned("C-1", Map.of());
        };
        f.create("broken", "Resources:\n  A: {Type: Test::Thing}\n  B: {Type: Test::Thing}\n  C: {Type: Test::Thing}\n");

        assertThat(f.status("broken")).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        java.util.List<String> events = f.api.describeStackEvents(StackFixture.NS,
                io.slipway.model.cloudformation.DescribeStackEventsInput.builder().stackName("broken").build())
                .stackEvents().stream().map(e -> e.logicalResourceId() + " " + e.resourceStatus().value()).toList();
        assertThat(events).containsOnlyOnce("broken ROLLBACK_IN_PROGRESS").contains("A CREATE_FAILED", "B CREATE_FAILED",
                "C CREATE_COMPLETE", "C DELETE_COMPLETE", "broken ROLLBACK_COMPLETE");
        assertThat(f.calls).contains("delete C-1");
    }

    @Test
    void noMoreThanTheBoundRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        f.create = request -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return new Provisioned(request.logicalId() + "-1", Map.of());
        };
        StringBuilder template = new StringBuilder("Resources:\n");
        for (int i = 0; i < 20; i++) {
            template.append("  R").append(i).append(": {Type: Test::Thing}\n");
        }
        f.create("many", template.toString());

        assertThat(f.status("many")).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(f.calls).hasSize(20);
        assertThat(most.get()).isGreaterThan(1).isLessThanOrEqualTo(StackPhases.PARALLEL);
    }
}
