package io.slipway.cloudformation.registry;

import io.slipway.model.cloudformation.Replacement;
import io.slipway.model.cloudformation.RequiresRecreation;
import io.slipway.model.cloudformation.ResourceChangeDetail;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeDetailsTest {

    @Test
    void aChangeToAReplacingPropertyIsAReplacement() {
        List<ResourceChangeDetail> details = ChangeDetails.of("AWS::SQS::Queue",
                Map.of("QueueName", "a", "DelaySeconds", 5), Map.of("QueueName", "b", "DelaySeconds", 10));
        assertThat(details).extracting(d -> d.target().name() + " " + d.target().requiresRecreation().value())
                .containsExactlyInAnyOrder("QueueName Always", "DelaySeconds Never");
        assertThat(ChangeDetails.replacement(details)).isEqualTo(Replacement.TRUE);
    }

    @Test
    void aChangeInPlaceIsNoReplacement() {
        List<ResourceChangeDetail> details = ChangeDetails.of("AWS::SQS::Queue", null, Map.of("DelaySeconds", 10));
        assertThat(details).singleElement().satisfies(d ->
                assertThat(d.target().requiresRecreation()).isEqualTo(RequiresRecreation.NEVER));
        assertThat(ChangeDetails.replacement(details)).isEqualTo(Replacement.FALSE);
    }

    @Test
    void whatTheSpecificationCannotTellIsConditional() {
        assertThat(ChangeDetails.replacement(ChangeDetails.of("Custom::Thing", Map.of("A", 1), Map.of("A", 2))))
                .isEqualTo(Replacement.CONDITIONAL);
        assertThat(ChangeDetails.replacement(ChangeDetails.of("AWS::SQS::Queue", Map.of("Fn::If", List.of()), Map.of())))
                .isEqualTo(Replacement.CONDITIONAL);
    }
}
