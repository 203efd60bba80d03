package io.slipway.app.resources;

import io.slipway.cloudformation.registry.ValidatedProvider;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.model.codedeploy.DeploymentConfigInfo;
import io.slipway.model.codedeploy.GetDeploymentConfigInput;
import io.slipway.model.codedeploy.GetDeploymentConfigOutput;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.slipway.app.InProcessServices.request;
import static io.slipway.app.InProcessServices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentConfigProviderTest extends ProviderTest {
    private static final String TYPE = "AWS::CodeDeploy::DeploymentConfig";
    private static final Map<String, Object> HALF = Map.of("MinimumHealthyHosts",
            Map.of("Type", "FLEET_PERCENT", "Value", "50"));
    private static final Map<String, Object> CANARY = Map.of("ComputePlatform", "Lambda", "TrafficRoutingConfig",
            Map.of("Type", "TimeBasedCanary", "TimeBasedCanary", Map.of("CanaryPercentage", 10, "CanaryInterval", "5")));

    DeploymentConfigProviderTest() {
        super(TYPE);
    }

    private DeploymentConfigInfo config(String name) {
        return GetDeploymentConfigOutput.fromDocument(services.call(services.codeDeploy.binding(), "GetDeploymentConfig",
                new GetDeploymentConfigInput(name))).deploymentConfigInfo();
    }

    @Test
    void createsServerAndLambdaConfigsFromTheTemplatesCapitalisedMembers() {
        Provisioned half = provider.create(request("Half", TYPE, HALF));
        Provisioned canary = provider.create(request("Canary", TYPE, CANARY));

        assertThat(half.physicalId()).matches("shop-Half-[A-Z0-9]{13}");
        assertThat(config(half.physicalId()).minimumHealthyHosts().value()).isEqualTo(50);
        assertThat(config(half.physicalId()).minimumHealthyHosts().type().value()).isEqualTo("FLEET_PERCENT");
        var routing = config(canary.physicalId()).trafficRoutingConfig();
        assertThat(routing.timeBasedCanary().canaryPercentage()).isEqualTo(10);
        assertThat(routing.timeBasedCanary().canaryInterval()).isEqualTo(5);
        assertThat(provider.create(request("Half", TYPE, HALF)).physicalId()).as("adopted on retry")
                .isEqualTo(half.physicalId());
    }

    @Test
    void anyChangeReplacesAndACustomNameCannotBeReplacedUnderItself() {
        Provisioned half = provider.create(request("Half", TYPE, HALF));
        Map<String, Object> most = Map.of("MinimumHealthyHosts", Map.of("Type", "FLEET_PERCENT", "Value", 75));

        Provisioned replaced = provider.update(update("Half", TYPE, most, HALF), half);
        assertThat(replaced.physicalId()).isNotEqualTo(half.physicalId()).startsWith("shop-Half-");
        assertThat(config(replaced.physicalId()).minimumHealthyHosts().value()).isEqualTo(75);
        assertThat(provider.update(update("Half", TYPE, most, most), replaced)).isEqualTo(replaced);

        Map<String, Object> named = Map.of("DeploymentConfigName", "Half", "MinimumHealthyHosts",
                Map.of("Type", "HOST_COUNT", "Value", 1));
        Provisioned custom = provider.create(request("Named", TYPE, named));
        Map<String, Object> renamedNot = Map.of("DeploymentConfigName", "Half", "MinimumHealthyHosts",
                Map.of("Type", "HOST_COUNT", "Value", 2));
        assertThatThrownBy(() -> provider.update(update("Named", TYPE, renamedNot, named), custom))
                .hasMessageContaining("custom-named resource requires replacing. Rename Half");
    }

    @Test
    void badValuesFail() {
        assertThatThrownBy(() -> provider.create(request("C", TYPE, Map.of("MinimumHealthyHosts",
                Map.of("Type", "MOST", "Value", 1)))))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageEndingWith("#/MinimumHealthyHosts/Type: MOST is not a valid enum value");
        assertThatThrownBy(() -> provider.create(request("C", TYPE, Map.of("MinimumHealthyHosts",
                Map.of("Type", "HOST_COUNT", "Value", "many")))))
                .hasMessageEndingWith("#/MinimumHealthyHosts/Value: expected type: Integer, found: String");
        assertThatThrownBy(() -> new ValidatedProvider(provider).create(request("C", TYPE, Map.of("MinimumHealthyHosts",
                Map.of("Type", "HOST_COUNT", "Value", 1, "Extra", 1)))))
                .hasMessageEndingWith("#/MinimumHealthyHosts: extraneous key [Extra] is not permitted]");
        assertThatThrownBy(() -> provider.create(request("C", TYPE, Map.of("DeploymentConfigName",
                "CodeDeployDefault.Mine", "MinimumHealthyHosts", Map.of("Type", "HOST_COUNT", "Value", 1)))))
                .hasMessageContaining("Service: CodeDeploy").hasMessageContaining("HandlerErrorCode: InvalidRequest");
    }

    @Test
    void deleteRemovesTheConfigAndSucceedsWhenItIsGone() {
        Provisioned half = provider.create(request("Half", TYPE, HALF));

        provider.delete(request("Half", TYPE, HALF), half);
        provider.delete(request("Half", TYPE, HALF), half);

        assertThatThrownBy(() -> config(half.physicalId())).isInstanceOf(AwsException.class);
    }
}
