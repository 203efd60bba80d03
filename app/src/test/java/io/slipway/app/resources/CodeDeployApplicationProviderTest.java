package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.model.codedeploy.ApplicationInfo;
import io.slipway.model.codedeploy.CreateApplicationInput;
import io.slipway.model.codedeploy.GetApplicationInput;
import io.slipway.model.codedeploy.GetApplicationOutput;
import io.slipway.model.codedeploy.ListTagsForResourceInput;
import io.slipway.model.codedeploy.ListTagsForResourceOutput;
import io.slipway.model.codedeploy.Tag;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.slipway.app.InProcessServices.made;
import static io.slipway.app.InProcessServices.request;
import static io.slipway.app.InProcessServices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeDeployApplicationProviderTest extends ProviderTest {
    private static final String TYPE = "AWS::CodeDeploy::Application";

    CodeDeployApplicationProviderTest() {
        super(TYPE);
    }

    private ApplicationInfo application(String name) {
        return GetApplicationOutput.fromDocument(services.call(services.codeDeploy.binding(), "GetApplication",
                new GetApplicationInput(name))).application();
    }

    private List<Tag> tags(String name) {
        return ListTagsForResourceOutput.fromDocument(services.call(services.codeDeploy.binding(), "ListTagsForResource",
                new ListTagsForResourceInput("arn:aws:codedeploy:eu-west-1:111122223333:application:" + name, null))).tags();
    }

    @Test
    void createsANamedApplicationOnItsComputePlatformWithTags() {
        Provisioned app = provider.create(request("App", TYPE, Map.of("ApplicationName", "shop",
                "ComputePlatform", "Lambda", "Tags", List.of(Map.of("Key", "team", "Value", "shop")))));

        assertThat(app.physicalId()).isEqualTo("shop");
        assertThat(application("shop").computePlatform().value()).isEqualTo("Lambda");
        assertThat(tags("shop")).containsExactly(new Tag("team", "shop"));
    }

    @Test
    void generatesANameOnServerByDefaultAndAdoptsItOnRetry() {
        Provisioned app = provider.create(request("App", TYPE, Map.of()));

        assertThat(app.physicalId()).matches("shop-App-[A-Z0-9]{13}");
        assertThat(application(app.physicalId()).computePlatform().value()).isEqualTo("Server");
        assertThat(provider.create(request("App", TYPE, Map.of())).physicalId()).isEqualTo(app.physicalId());
    }

    @Test
    void aTakenNameOrAnUnknownPlatformFails() {
        services.call(services.codeDeploy.binding(), "CreateApplication", new CreateApplicationInput("taken", null, null));

        assertThatThrownBy(() -> provider.create(request("App", TYPE, Map.of("ApplicationName", "taken"))))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageContaining("HandlerErrorCode: AlreadyExists")
                .hasMessageContaining("Service: CodeDeploy");
        assertThatThrownBy(() -> provider.create(request("App", TYPE, Map.of("ComputePlatform", "Mainframe"))))
                .hasMessageContaining("Value 'Mainframe' at 'computePlatform' failed to satisfy constraint");
        assertThatThrownBy(() -> provider.create(request("App", TYPE, Map.of("ApplicationName", ""))))
                .hasMessageContaining("HandlerErrorCode: InvalidRequest");
    }

    @Test
    void tagsChangeInPlace() {
        Map<String, Object> before = Map.of("ApplicationName", "shop", "Tags",
                List.of(Map.of("Key", "team", "Value", "shop"), Map.of("Key", "cost", "Value", "1")));
        Map<String, Object> after = Map.of("ApplicationName", "shop", "Tags",
                List.of(Map.of("Key", "team", "Value", "checkout"), Map.of("Key", "tier", "Value", "web")));
        Provisioned app = provider.create(request("App", TYPE, before));

        Provisioned updated = provider.update(update("App", TYPE, after, before), app);

        assertThat(updated.physicalId()).isEqualTo("shop");
        assertThat(tags("shop")).containsExactlyInAnyOrder(new Tag("team", "checkout"), new Tag("tier", "web"));
    }

    @Test
    void aNewNameOrPlatformReplacesButACustomNameCannotBeReplacedUnderItself() {
        Provisioned renamed = renamed("App", "ApplicationName", "shop", "shop-2");
        assertThat(renamed.physicalId()).isEqualTo("shop-2");
        assertThat(application("shop-2").applicationName()).isEqualTo("shop-2");

        assertThatThrownBy(() -> provider.update(update("App", TYPE, Map.of("ApplicationName", "shop-2",
                "ComputePlatform", "Lambda"), Map.of("ApplicationName", "shop-2")), renamed))
                .hasMessage("CloudFormation cannot update a stack when a custom-named resource requires replacing. "
                        + "Rename shop-2 and update the stack again.");

        Provisioned generated = provider.create(request("Gen", TYPE, Map.of()));
        Provisioned moved = provider.update(update("Gen", TYPE, Map.of("ComputePlatform", "Lambda"), Map.of()), generated);
        assertThat(moved.physicalId()).isNotEqualTo(generated.physicalId()).startsWith("shop-Gen-");
        assertThat(application(moved.physicalId()).computePlatform().value()).isEqualTo("Lambda");
    }

    @Test
    void deleteRemovesTheApplicationAndAMissingOneIsAlreadyDeleted() {
        Provisioned app = provider.create(request("App", TYPE, Map.of("ApplicationName", "shop")));

        provider.delete(request("App", TYPE, Map.of()), app);
        provider.delete(request("App", TYPE, Map.of()), made("shop"));

        assertThatThrownBy(() -> application("shop")).isInstanceOf(AwsException.class)
                .hasMessageContaining("No application found for name: shop");
    }
}
