package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.model.cloudformation.DescribeStackEventsInput;
import io.slipway.model.cloudformation.StackEvent;
import io.slipway.model.cloudformation.StackStatus;
import io.slipway.model.cloudformation.UpdateStackInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StackReplacementTest {

    private static String template(int version) {
        return "{\"Resources\": {\"Thing\": {\"Type\": \"" + StackFixture.TYPE + "\", \"Properties\": {\"Version\": " + version + "}}}}";
    }

    @Test
    void theReplacedPhysicalResourceIsDeletedInTheCleanupWithEventsUnderItsOldId() {
        try (StackFixture f = new StackFixture()) {
            f.create("s", template(1));
            f.update = (request, current) -> new Provisioned("Thing-2", Map.of());
            f.api.updateStack(StackFixture.NS, UpdateStackInput.builder().stackName("s").templateBody(template(2)).build());
            f.awaitIdle();

            assertThat(f.status("s")).isEqualTo(StackStatus.UPDATE_COMPLETE);
            assertThat(f.calls).containsSubsequence("update Thing", "delete Thing-1");
            // oldest first: the replacement, then the stack's cleanup, then the old resource's delete, then the stack's end
            List<String> events = f.api.describeStackEvents(StackFixture.NS, DescribeStackEventsInput.builder().stackName("s").build())
                    .stackEvents().reversed().stream()
                    .dropWhile(e -> !"UPDATE_IN_PROGRESS".equals(e.resourceStatus().value()))
                    .map(StackReplacementTest::line).toList();
            assertThat(events).containsExactly(
                    "s UPDATE_IN_PROGRESS",
                    "Thing Thing-1 UPDATE_IN_PROGRESS",
                    "Thing Thing-2 UPDATE_COMPLETE",
                    "s UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                    "Thing Thing-1 DELETE_IN_PROGRESS",
                    "Thing Thing-1 DELETE_COMPLETE",
                    "s UPDATE_COMPLETE");
        }
    }

    @Test
    void aCleanupDeleteThatFailsIsADeleteFailedEventAndTheUpdateStillCompletes() {
        try (StackFixture f = new StackFixture()) {
            f.create("s", template(1));
            f.update = (request, current) -> new Provisioned("Thing-2", Map.of());
            f.onDelete = () -> {
                throw new io.slipway.cloudformation.resource.ResourceFailure("the old thing is in use");
            };
            f.api.updateStack(StackFixture.NS, UpdateStackInput.builder().stackName("s").templateBody(template(2)).build());
            f.awaitIdle();

            assertThat(f.status("s")).isEqualTo(StackStatus.UPDATE_COMPLETE);
            StackEvent failed = f.api.describeStackEvents(StackFixture.NS, DescribeStackEventsInput.builder().stackName("s").build())
                    .stackEvents().stream().filter(e -> "DELETE_FAILED".equals(e.resourceStatus().value())).findFirst().orElseThrow();
            assertThat(failed.physicalResourceId()).isEqualTo("Thing-1");
            assertThat(failed.resourceStatusReason()).isEqualTo("the old thing is in use");
        }
    }

    private static String line(StackEvent e) {
        return e.logicalResourceId().equals("s") ? "s " + e.resourceStatus().value()
                : e.logicalResourceId() + " " + e.physicalResourceId() + " " + e.resourceStatus().value();
    }
}
