package io.slipway.app.resources;

import io.slipway.cloudformation.registry.ValidatedProvider;
import io.slipway.cloudformation.resource.Provisioned;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.slipway.app.InProcessServices.request;
import static io.slipway.app.InProcessServices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitConditionHandleProviderTest extends ProviderTest {
    private static final String TYPE = "AWS::CloudFormation::WaitConditionHandle";

    WaitConditionHandleProviderTest() {
        super(TYPE);
    }

    @Test
    void refIsAStableUrlUnderSlipwaysEndpointNamingStackAndHandle() {
        Provisioned handle = provider.create(request("Ready", TYPE, Map.of()));

        assertThat(handle.physicalId()).isEqualTo("http://127.0.0.1:4566/_slipway/cloudformation/wait-condition/"
                + "arn%3Aaws%3Acloudformation%3Aeu-west-1%3A111122223333%3Astack%2Fshop%2F"
                + "6f1c2a50-0000-4000-8000-000000000001/Ready");
        assertThat(provider.create(request("Ready", TYPE, Map.of()))).isEqualTo(handle);
        assertThat(provider.create(request("Other", TYPE, Map.of())).physicalId()).isNotEqualTo(handle.physicalId());
        assertThat(provider.update(update("Ready", TYPE, Map.of(), Map.of()), handle)).isEqualTo(handle);
        provider.delete(request("Ready", TYPE, Map.of()), handle);
    }

    @Test
    void theTypeHasNoProperties() {
        assertThatThrownBy(() -> new ValidatedProvider(provider).create(request("Ready", TYPE, Map.of("Timeout", 10))))
                .hasMessage("Properties validation failed for resource Ready with message: "
                        + "[#: extraneous key [Timeout] is not permitted]");
    }
}
