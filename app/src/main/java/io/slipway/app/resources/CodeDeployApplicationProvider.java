package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.codedeploy.Arns;
import io.slipway.model.codedeploy.ComputePlatform;
import io.slipway.model.codedeploy.CreateApplicationInput;
import io.slipway.model.codedeploy.DeleteApplicationInput;
import io.slipway.model.codedeploy.GetApplicationInput;
import io.slipway.model.codedeploy.Tag;
import io.slipway.model.codedeploy.TagResourceInput;
import io.slipway.model.codedeploy.UntagResourceInput;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::CodeDeploy::Application in Slipway's CodeDeploy. Ref is the application name. A new name or
 * compute platform replaces the application; tags change in place.
 */
final class CodeDeployApplicationProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::CodeDeploy::Application";

    private final ServiceCalls codeDeploy;

    CodeDeployApplicationProvider(ServiceCalls codeDeploy) {
        super(NameProperty.of("ApplicationName", 100), Set.of("ApplicationName", "ComputePlatform", "Tags"),
                Set.of("ComputePlatform"));
        this.codeDeploy = codeDeploy;
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        tagging(codeDeploy).retag(request, Arns.application(request.ns(), current.physicalId()), previous, p);
        return new Provisioned(current.physicalId(), Map.of());
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        // CodeDeploy answers the deletion of a missing application with success, as CloudFormation wants
        codeDeploy.call(request, "DeleteApplication", new DeleteApplicationInput(current.physicalId()));
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        ComputePlatform platform = p.string("ComputePlatform")
                .map(v -> ModelValues.enumValue(request, p, "ComputePlatform", v, ComputePlatform.values())).orElse(null);
        Map<String, String> tags = p.tags("Tags");
        createOrAdopt(request, p, codeDeploy,
                () -> codeDeploy.raw(request, "CreateApplication", new CreateApplicationInput(name, platform,
                        tags.isEmpty() ? null : tagList(tags))),
                () -> codeDeploy.call(request, "GetApplication", new GetApplicationInput(name), doc -> doc));
        return new Provisioned(name, Map.of());
    }

    static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    }

    /** CodeDeploy's tagging, shared by the application and deployment group providers. */
    static ResourceTagging tagging(ServiceCalls codeDeploy) {
        return new ResourceTagging(codeDeploy, (arn, tags) -> new TagResourceInput(arn, tagList(tags)),
                UntagResourceInput::new);
    }
}
