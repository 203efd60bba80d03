package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.codepipeline.ActionCategory;
import io.slipway.model.codepipeline.CodePipelineModel;
import io.slipway.model.codepipeline.CreateCustomActionTypeInput;
import io.slipway.model.codepipeline.DeleteCustomActionTypeInput;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::CodePipeline::CustomActionType. The type is known by its category, provider and version,
 * which Ref joins as "Category|Provider|Version" (CloudFormation's form for an identifier of
 * several parts). Only Tags change in place; any other change replaces the type, which fails when
 * the three identifying properties stay the same, as the new type would need the old one's identity.
 * CodePipeline answers a repeated creation of an identical type with success, so a retried create
 * finds its type; a type of the same identity but another definition fails.
 */
final class CustomActionTypeProvider implements ResourceProvider {
    static final String TYPE = "AWS::CodePipeline::CustomActionType";
    private static final Set<String> PROPERTIES = Set.of("Category", "Provider", "Version", "Settings",
            "ConfigurationProperties", "InputArtifactDetails", "OutputArtifactDetails", "Tags");

    private final ServiceCalls codePipeline;
    private final ResourceTagging tagging;

    CustomActionTypeProvider(ServiceCalls codePipeline, ResourceTagging tagging) {
        this.codePipeline = codePipeline;
        this.tagging = tagging;
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        ResourceProperties p = properties(request);
        for (String required : List.of("Category", "Provider", "Version", "InputArtifactDetails", "OutputArtifactDetails")) {
            if (!p.has(required)) {
                throw p.missing(required);
            }
        }
        codePipeline.call(request, "CreateCustomActionType", CreateCustomActionTypeInput.fromDocument(
                PropertyDocuments.structure(CodePipelineModel.MODEL.shape("CreateCustomActionTypeInput"), p)));
        return new Provisioned(identity(p), Map.of());
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        ResourceProperties p = properties(request);
        ResourceProperties previous = ResourceProperties.of(request.logicalId(), request.previousProperties());
        Set<String> keys = new HashSet<>(p.values().keySet());
        keys.addAll(previous.values().keySet());
        keys.remove("Tags");
        if (keys.stream().noneMatch(k -> p.changed(previous, k))) {
            tagging.retag(request, arn(request, current.physicalId()), previous, p);
            return current;
        }
        if (identity(p).equals(current.physicalId())) {
            throw HandlerErrors.customNamedReplacement(request, current.physicalId());
        }
        return create(request);
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        String[] id = current.physicalId().split("\\|", 3);
        codePipeline.delete(request, "DeleteCustomActionType", new DeleteCustomActionTypeInput(
                ActionCategory.fromValue(id[0]), id[1], id[2]));
    }

    private static String identity(ResourceProperties p) {
        return String.join("|", p.requiredString("Category"), p.requiredString("Provider"), p.requiredString("Version"));
    }

    private static String arn(ResourceRequest request, String physicalId) {
        return "arn:aws:codepipeline:" + request.ns().region() + ":" + request.ns().account() + ":actiontype:Custom/"
                + physicalId.replace('|', '/');
    }

    private static ResourceProperties properties(ResourceRequest request) {
        return ResourceProperties.of(request.logicalId(), request.properties()).only(PROPERTIES);
    }
}
