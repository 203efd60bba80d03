package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.model.codedeploy.CreateApplicationInput;
import io.slipway.model.codedeploy.DeploymentGroupInfo;
import io.slipway.model.codedeploy.GetDeploymentGroupInput;
import io.slipway.model.codedeploy.GetDeploymentGroupOutput;
import io.slipway.model.codedeploy.ListDeploymentsInput;
import io.slipway.model.codedeploy.ListDeploymentsOutput;
import io.slipway.model.codedeploy.ListTagsForResourceInput;
import io.slipway.model.codedeploy.ListTagsForResourceOutput;
import io.slipway.model.codedeploy.Tag;
import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.slipway.app.InProcessServices.request;
import static io.slipway.app.InProcessServices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentGroupProviderTest extends ProviderTest {
    private static final String TYPE = "AWS::CodeDeploy::DeploymentGroup";
    private static final String ROLE = "arn:aws:iam::111122223333:role/codedeploy";
    private static final Map<String, Object> WEB = Map.of("ApplicationName", "shop", "DeploymentGroupName", "web",
            "ServiceRoleArn", ROLE, "DeploymentConfigName", "CodeDeployDefault.AllAtOnce",
            "OnPremisesInstanceTagFilters", List.of(Map.of("Key", "role", "Value", "web", "Type", "KEY_AND_VALUE")),
            "AutoRollbackConfiguration", Map.of("Enabled", "true", "Events", List.of("DEPLOYMENT_FAILURE")),
            "DeploymentStyle", Map.of("DeploymentType", "IN_PLACE", "DeploymentOption", "WITHOUT_TRAFFIC_CONTROL"),
            "Tags", List.of(Map.of("Key", "team", "Value", "shop")));

    DeploymentGroupProviderTest() {
        super(TYPE);
    }

    @BeforeEach
    void createApplication() {
        services.call(services.codeDeploy.binding(), "CreateApplication", new CreateApplicationInput("shop", null, null));
    }

    private DeploymentGroupInfo group(String name) {
        return GetDeploymentGroupOutput.fromDocument(services.call(services.codeDeploy.binding(), "GetDeploymentGroup",
                new GetDeploymentGroupInput("shop", name))).deploymentGroupInfo();
    }

    private List<Tag> tags(String name) {
        return ListTagsForResourceOutput.fromDocument(services.call(services.codeDeploy.binding(), "ListTagsForResource",
                new ListTagsForResourceInput("arn:aws:codedeploy:eu-west-1:111122223333:deploymentgroup:shop/" + name,
                        null))).tags();
    }

    @Test
    void createsTheGroupWithItsTargetsRollbackStyleAndTags() {
        Provisioned web = provider.create(request("Web", TYPE, WEB));

        assertThat(web.physicalId()).isEqualTo("web");
        DeploymentGroupInfo g = group("web");
        assertThat(g.serviceRoleArn()).isEqualTo(ROLE);
        assertThat(g.deploymentConfigName()).isEqualTo("CodeDeployDefault.AllAtOnce");
        assertThat(g.onPremisesInstanceTagFilters()).singleElement()
                .satisfies(f -> assertThat(f.key() + "=" + f.value() + ":" + f.type().value())
                        .isEqualTo("role=web:KEY_AND_VALUE"));
        assertThat(g.autoRollbackConfiguration().enabled()).isTrue();
        assertThat(g.autoRollbackConfiguration().events()).extracting(e -> e.value()).containsExactly("DEPLOYMENT_FAILURE");
        assertThat(tags("web")).containsExactly(new Tag("team", "shop"));
    }

    @Test
    void tagSetsAreMappedFromTheTemplatesGroupObjects() {
        Map<String, Object> p = new HashMap<>(WEB);
        p.remove("OnPremisesInstanceTagFilters");
        p.put("OnPremisesTagSet", Map.of("OnPremisesTagSetList", List.of(
                Map.of("OnPremisesTagGroup", List.of(Map.of("Key", "role", "Value", "web", "Type", "KEY_AND_VALUE"))),
                Map.of("OnPremisesTagGroup", List.of(Map.of("Key", "env", "Value", "test", "Type", "KEY_AND_VALUE"))))));

        provider.create(request("Web", TYPE, p));

        assertThat(group("web").onPremisesTagSet().onPremisesTagSetList()).hasSize(2)
                .allSatisfy(list -> assertThat(list).hasSize(1));
    }

    @Test
    void updateChangesInPlaceAndResetsWhatTheTemplateDropped() {
        Provisioned web = provider.create(request("Web", TYPE, WEB));
        Map<String, Object> next = new HashMap<>(WEB);
        next.remove("AutoRollbackConfiguration");
        next.remove("DeploymentConfigName");
        next.put("Tags", List.of(Map.of("Key", "tier", "Value", "front")));
        next.put("OnPremisesInstanceTagFilters", List.of(Map.of("Key", "role", "Value", "api", "Type", "KEY_AND_VALUE")));

        Provisioned updated = provider.update(update("Web", TYPE, next, WEB), web);

        assertThat(updated.physicalId()).isEqualTo("web");
        DeploymentGroupInfo g = group("web");
        assertThat(g.autoRollbackConfiguration().enabled()).isFalse();
        assertThat(g.deploymentConfigName()).isEqualTo("CodeDeployDefault.OneAtATime");
        assertThat(g.onPremisesInstanceTagFilters()).singleElement().satisfies(f -> assertThat(f.value()).isEqualTo("api"));
        assertThat(tags("web")).containsExactly(new Tag("tier", "front"));
    }

    @Test
    void aNewGroupNameReplacesTheGroup() {
        Provisioned web = provider.create(request("Web", TYPE, WEB));
        Map<String, Object> renamed = new HashMap<>(WEB);
        renamed.put("DeploymentGroupName", "web-2");

        Provisioned replaced = provider.update(update("Web", TYPE, renamed, WEB), web);

        assertThat(replaced.physicalId()).isEqualTo("web-2");
        assertThat(group("web-2").deploymentGroupName()).isEqualTo("web-2");
        assertThat(group("web").deploymentGroupName()).as("the engine deletes the old one later").isEqualTo("web");
    }

    @Test
    void aDeploymentPropertyStartsADeploymentOfTheRevision() {
        services.s3.createBucket("111122223333", "eu-west-1", "bundles");
        byte[] zip = InlineCode.zip("appspec.yml", "version: 0.0\nos: linux\n");
        services.s3.putObject("111122223333", "bundles", "web.zip", new java.io.ByteArrayInputStream(zip), zip.length,
                io.slipway.s3.storage.ObjectAttributes.none());
        Map<String, Object> p = new HashMap<>(WEB);
        p.put("Deployment", Map.of("Description", "first", "Revision", Map.of("RevisionType", "S3",
                "S3Location", Map.of("Bucket", "bundles", "Key", "web.zip", "BundleType", "zip"))));

        provider.create(request("Web", TYPE, p));

        assertThat(ListDeploymentsOutput.fromDocument(services.call(services.codeDeploy.binding(), "ListDeployments",
                ListDeploymentsInput.builder().applicationName("shop").deploymentGroupName("web").build())).deployments())
                .hasSize(1);
    }

    @Test
    void missingPropertiesAndUnknownApplicationsFail() {
        Map<String, Object> noRole = new HashMap<>(WEB);
        noRole.remove("ServiceRoleArn");
        assertThatThrownBy(() -> provider.create(request("Web", TYPE, noRole)))
                .hasMessageEndingWith("#: required key [ServiceRoleArn] not found");
        Map<String, Object> otherApp = new HashMap<>(WEB);
        otherApp.put("ApplicationName", "nope");
        assertThatThrownBy(() -> provider.create(request("Web", TYPE, otherApp)))
                .isInstanceOf(ResourceFailure.class).hasMessageContaining("HandlerErrorCode: NotFound");
        provider.create(request("Web", TYPE, WEB));
        assertThatThrownBy(() -> provider.create(request("Web2", TYPE, WEB)))
                .hasMessageContaining("HandlerErrorCode: AlreadyExists");
    }

    @Test
    void deleteUsesTheApplicationFromThePropertiesAndToleratesAGoneGroup() {
        Provisioned web = provider.create(request("Web", TYPE, WEB));

        provider.delete(request("Web", TYPE, WEB), web);
        provider.delete(request("Web", TYPE, WEB), web);

        assertThatThrownBy(() -> group("web")).isInstanceOf(AwsException.class);
    }
}
