package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionType;
import io.slipway.model.codepipeline.ListActionTypesInput;
import io.slipway.model.codepipeline.ListActionTypesOutput;
import io.slipway.model.codepipeline.ListTagsForResourceInput;
import io.slipway.model.codepipeline.ListTagsForResourceOutput;
import io.slipway.model.codepipeline.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.slipway.app.InProcessServices.request;
import static io.slipway.app.InProcessServices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomActionTypeProviderTest extends ProviderTest {
    private static final String TYPE = "AWS::CodePipeline::CustomActionType";
    private static final Map<String, Object> BUILD = Map.of("Category", "Build", "Provider", "ShopBuilder",
            "Version", "1", "InputArtifactDetails", Map.of("MinimumCount", 1, "MaximumCount", "1"),
            "OutputArtifactDetails", Map.of("MinimumCount", 0, "MaximumCount", 1),
            "Settings", Map.of("EntityUrlTemplate", "https://builds.example/{Config:Project}"),
            "ConfigurationProperties", List.of(Map.of("Name", "Project", "Key", true, "Required", "true",
                    "Secret", false, "Queryable", true, "Type", "String")),
            "Tags", List.of(Map.of("Key", "team", "Value", "shop")));

    CustomActionTypeProviderTest() {
        super(TYPE);
    }

    private List<ActionType> customTypes() {
        return ListActionTypesOutput.fromDocument(services.call(services.codePipeline.binding(), "ListActionTypes",
                new ListActionTypesInput(ActionOwner.CUSTOM, null, null))).actionTypes();
    }

    private List<Tag> tags() {
        return ListTagsForResourceOutput.fromDocument(services.call(services.codePipeline.binding(), "ListTagsForResource",
                new ListTagsForResourceInput("arn:aws:codepipeline:eu-west-1:111122223333:actiontype:Custom/Build/ShopBuilder/1",
                        null, null))).tags();
    }

    @Test
    void createsTheTypeWhoseRefJoinsCategoryProviderAndVersion() {
        Provisioned made = provider.create(request("Builder", TYPE, BUILD));

        assertThat(made.physicalId()).isEqualTo("Build|ShopBuilder|1");
        assertThat(customTypes()).singleElement().satisfies(t -> {
            assertThat(t.id().provider()).isEqualTo("ShopBuilder");
            assertThat(t.actionConfigurationProperties()).singleElement()
                    .satisfies(c -> assertThat(c.queryable()).isTrue());
            assertThat(t.inputArtifactDetails().maximumCount()).isEqualTo(1);
        });
        assertThat(tags()).containsExactly(new Tag("team", "shop"));
    }

    @Test
    void tagsChangeInPlaceOtherChangesNeedANewIdentity() {
        Provisioned made = provider.create(request("Builder", TYPE, BUILD));
        Map<String, Object> retagged = new HashMap<>(BUILD);
        retagged.put("Tags", List.of(Map.of("Key", "team", "Value", "platform")));

        assertThat(provider.update(update("Builder", TYPE, retagged, BUILD), made)).isEqualTo(made);
        assertThat(tags()).containsExactly(new Tag("team", "platform"));

        Map<String, Object> resettled = new HashMap<>(retagged);
        resettled.put("Settings", Map.of("EntityUrlTemplate", "https://elsewhere.example/"));
        assertThatThrownBy(() -> provider.update(update("Builder", TYPE, resettled, retagged), made))
                .hasMessageContaining("Rename Build|ShopBuilder|1");

        Map<String, Object> v2 = new HashMap<>(resettled);
        v2.put("Version", "2");
        assertThat(provider.update(update("Builder", TYPE, v2, retagged), made).physicalId())
                .isEqualTo("Build|ShopBuilder|2");
    }

    @Test
    void missingOrInvalidPropertiesAndDuplicatesFail() {
        Map<String, Object> noInputs = new HashMap<>(BUILD);
        noInputs.remove("InputArtifactDetails");
        assertThatThrownBy(() -> provider.create(request("Builder", TYPE, noInputs)))
                .hasMessageEndingWith("#: required key [InputArtifactDetails] not found");
        Map<String, Object> badCategory = new HashMap<>(BUILD);
        badCategory.put("Category", "Cook");
        assertThatThrownBy(() -> provider.create(request("Builder", TYPE, badCategory)))
                .hasMessageEndingWith("#/Category: Cook is not a valid enum value");
        provider.create(request("Builder", TYPE, BUILD));
        assertThat(provider.create(request("Builder", TYPE, BUILD)).physicalId()).as("a retry finds its type")
                .isEqualTo("Build|ShopBuilder|1");
        Map<String, Object> other = new HashMap<>(BUILD);
        other.put("Settings", Map.of("EntityUrlTemplate", "https://elsewhere.example/"));
        assertThatThrownBy(() -> provider.create(request("Again", TYPE, other)))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageContaining("already exists with another definition (Service: CodePipeline");
    }

    @Test
    void deleteRemovesTheTypeAndToleratesAGoneOne() {
        Provisioned made = provider.create(request("Builder", TYPE, BUILD));

        provider.delete(request("Builder", TYPE, BUILD), made);
        provider.delete(request("Builder", TYPE, BUILD), made);

        assertThat(customTypes()).isEmpty();
    }
}
