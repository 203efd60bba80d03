package io.slipway.cloudformation.registry;

import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.core.Namespace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityTest {
    private static final Namespace NS = new Namespace("123456789012", "eu-west-1");

    private static ResourceRequest request(String type) {
        return new ResourceRequest(NS, "shop", "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop/id", "Thing", type,
                Map.of(), Map.of());
    }

    @Test
    void everyRegistryTypeGetsAnIdAndEveryAttribute() {
        for (String type : RegistryTypes.names()) {
            ResourceTypeSpec spec = RegistryTypes.find(type).orElseThrow();
            Identity.Recorded r = Identity.of(spec, request(type), Optional.empty());
            assertThat(r.physicalId()).as(type).isNotBlank().doesNotContain("${").doesNotContain("null");
            assertThat(r.attributes().keySet()).as(type).containsExactlyInAnyOrderElementsOf(spec.attributes().keySet());
            r.attributes().forEach((name, value) -> assertThat(value).as(type + "." + name)
                    .satisfiesAnyOf(v -> assertThat(v).isInstanceOf(String.class), v -> assertThat(v).isInstanceOf(List.class)));
            assertThat(Identity.of(spec, request(type), Optional.of(r.physicalId())).physicalId()).as(type + " replaced")
                    .isNotBlank();
        }
    }

    @Test
    void aReplacementGetsNewGeneratedValues() {
        ResourceTypeSpec vpc = RegistryTypes.find("AWS::EC2::VPC").orElseThrow();
        Identity.Recorded first = Identity.of(vpc, request("AWS::EC2::VPC"), Optional.empty());
        Identity.Recorded second = Identity.of(vpc, request("AWS::EC2::VPC"), Optional.of(first.physicalId()));
        assertThat(second.physicalId()).matches("vpc-[0-9a-f]{17}").isNotEqualTo(first.physicalId());
        assertThat(second.attributes().get("DefaultSecurityGroup")).isNotEqualTo(first.attributes().get("DefaultSecurityGroup"));
    }
}
