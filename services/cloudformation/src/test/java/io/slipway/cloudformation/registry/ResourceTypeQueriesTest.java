package io.slipway.cloudformation.registry;

import io.slipway.core.Namespace;
import io.slipway.core.codec.JsonCodec;
import io.slipway.model.cloudformation.DescribeTypeOutput;
import io.slipway.model.cloudformation.ProvisioningType;
import io.slipway.model.cloudformation.RegistryType;
import io.slipway.model.cloudformation.Visibility;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceTypeQueriesTest {
    private static final Namespace NS = new Namespace("123456789012", "eu-west-1");

    @Test
    @SuppressWarnings("unchecked")
    void aResourceTypeIsDescribedWithASchemaFromTheSpecification() {
        DescribeTypeOutput topic = ResourceTypeQueries.describe(NS, null, "AWS::SNS::Topic").orElseThrow();
        assertThat(topic.arn()).isEqualTo("arn:aws:cloudformation:eu-west-1::type/resource/AWS-SNS-Topic");
        assertThat(topic.type()).isEqualTo(RegistryType.RESOURCE);
        assertThat(topic.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(topic.provisioningType()).isEqualTo(ProvisioningType.FULLY_MUTABLE);
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) JsonCodec.readRestJsonValue(
                topic.schema().getBytes(StandardCharsets.UTF_8), new Shape("Document", ShapeType.DOCUMENT));
        assertThat(schema).containsEntry("typeName", "AWS::SNS::Topic")
                .containsEntry("primaryIdentifier", List.of("/properties/TopicArn"));
        assertThat((List<Object>) schema.get("createOnlyProperties")).contains("/properties/TopicName", "/properties/FifoTopic");
        assertThat((Map<String, Object>) schema.get("definitions")).containsKeys("Subscription", "LoggingConfig");
        assertThat(ResourceTypeQueries.describe(NS, topic.arn(), null)).contains(topic);
    }

    @Test
    void anUnknownTypeIsNotDescribed() {
        assertThat(ResourceTypeQueries.describe(NS, null, "AWS::Nope::Thing")).isEmpty();
        assertThat(ResourceTypeQueries.describe(NS, "arn:aws:cloudformation:eu-west-1::type/resource/AWS-Nope-Thing", null)).isEmpty();
    }

    @Test
    void everyTypesSchemaCanBeBuilt() {
        for (String name : RegistryTypes.names()) {
            assertThat(ResourceTypeQueries.describe(NS, null, name)).as(name).isPresent();
        }
        assertThat(ResourceTypeQueries.summaries(NS)).hasSize(RegistryTypes.names().size());
    }
}
