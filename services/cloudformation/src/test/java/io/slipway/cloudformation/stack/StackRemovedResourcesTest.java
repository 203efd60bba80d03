package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.model.cloudformation.DeleteStackInput;
import io.slipway.model.cloudformation.DescribeStackEventsInput;
import io.slipway.model.cloudformation.DescribeStackResourceInput;
import io.slipway.model.cloudformation.DescribeStackResourcesInput;
import io.slipway.model.cloudformation.ListStackResourcesInput;
import io.slipway.model.cloudformation.StackStatus;
import io.slipway.model.cloudformation.UpdateStackInput;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A resource an update or its rollback removed is no longer one of the stack's resources once the operation
 * has ended (only its events remain), as on AWS; a rolled-back create and a deleted stack still list theirs.
 */
class StackRemovedResourcesTest {
    private final StackFixture f = new StackFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static String template(String... ids) {
        StringBuilder t = new StringBuilder("Resources:\n");
        for (String id : ids) {
            t.append("  ").append(id).append(": {Type: Test::Thing")
                    .append(id.startsWith("Kept") ? ", DeletionPolicy: Retain" : "").append("}\n");
        }
        return t.toString();
    }

    private void update(String stack, String template) {
        f.api.updateStack(StackFixture.NS, UpdateStackInput.builder().stackName(stack).templateBody(template).build());
        f.awaitIdle();
    }

    /** The stack's resources as ListStackResources lists them: logical id and status. */
    private List<String> listed(String stack) {
        return f.api.listStackResources(StackFixture.NS, ListStackResourcesInput.builder().stackName(stack).build())
                .stackResourceSummaries().stream().map(r -> r.logicalResourceId() + " " + r.resourceStatus().value()).toList();
    }

    private List<String> described(String stack) {
        return f.api.describeStackResources(StackFixture.NS, DescribeStackResourcesInput.builder().stackName(stack).build())
                .stackResources().stream().map(r -> r.logicalResourceId() + " " + r.resourceStatus().value()).toList();
    }

    private List<String> events(String stack) {
        return f.api.describeStackEvents(StackFixture.NS, DescribeStackEventsInput.builder().stackName(stack).build())
                .stackEvents().stream().map(e -> e.logicalResourceId() + " " + e.resourceStatus().value()).toList();
    }

    @Test
    void anUpdateThatRemovesResourcesNoLongerListsThemAndReAddingOneCreatesItAfresh() {
        f.create("s", template("A", "B", "KeptC"));
        update("s", template("A"));

        assertThat(f.status("s")).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(f.calls).contains("delete B-1").doesNotContain("delete KeptC-1");
        assertThat(listed("s")).containsExactly("A CREATE_COMPLETE");
        assertThat(described("s")).containsExactly("A CREATE_COMPLETE");
        assertThatThrownBy(() -> f.api.describeStackResource(StackFixture.NS,
                DescribeStackResourceInput.builder().stackName("s").logicalResourceId("KeptC").build()))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Resource KeptC does not exist for stack s"));
        assertThat(events("s")).contains("B DELETE_COMPLETE", "KeptC DELETE_SKIPPED");

        f.calls.clear();
        update("s", template("A", "B"));
        assertThat(f.status("s")).isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(f.calls).containsExactly("create B");
        assertThat(listed("s")).containsExactlyInAnyOrder("A CREATE_COMPLETE", "B CREATE_COMPLETE");
    }

    @Test
    void anUpdateRollbackForgetsTheResourcesTheUpdateAdded() {
        f.create("s", template("A"));
        f.create = request -> {
            if (request.logicalId().equals("Broken")) {
                throw new ResourceFailure("cannot make it");
            }
            return new Provisioned(request.logicalId() + "-1", Map.of());
        };
        update("s", "Resources:\n  A: {Type: Test::Thing}\n  B: {Type: Test::Thing}\n"
                + "  Broken: {Type: Test::Thing, DependsOn: B}\n");

        assertThat(f.status("s")).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(f.calls).contains("create B", "create Broken", "delete B-1");
        assertThat(listed("s")).containsExactly("A CREATE_COMPLETE");
        assertThat(events("s")).contains("B DELETE_COMPLETE", "Broken CREATE_FAILED");
    }

    @Test
    void aRolledBackCreateAndADeletedStackStillListTheirResources() {
        f.create = request -> {
            if (request.logicalId().equals("Broken")) {
                throw new ResourceFailure("cannot make it");
            }
            return new Provisioned(request.logicalId() + "-1", Map.of());
        };
        f.create("failed", "Resources:\n  A: {Type: Test::Thing}\n  Broken: {Type: Test::Thing, DependsOn: A}\n");
        assertThat(f.status("failed")).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(listed("failed")).containsExactlyInAnyOrder("A DELETE_COMPLETE", "Broken DELETE_COMPLETE");

        String id = f.create("gone", template("A", "KeptB"));
        f.api.deleteStack(StackFixture.NS, DeleteStackInput.builder().stackName("gone").build());
        f.awaitIdle();
        assertThat(f.status(id)).isEqualTo(StackStatus.DELETE_COMPLETE);
        assertThat(listed(id)).containsExactlyInAnyOrder("A DELETE_COMPLETE", "KeptB DELETE_SKIPPED");
    }
}
