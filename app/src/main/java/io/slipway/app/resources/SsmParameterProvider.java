package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.ssm.AddTagsToResourceRequest;
import io.slipway.model.ssm.DeleteParameterRequest;
import io.slipway.model.ssm.GetParameterRequest;
import io.slipway.model.ssm.ParameterTier;
import io.slipway.model.ssm.ParameterType;
import io.slipway.model.ssm.PutParameterRequest;
import io.slipway.model.ssm.RemoveTagsFromResourceRequest;
import io.slipway.model.ssm.ResourceTypeForTagging;
import io.slipway.model.ssm.Tag;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::SSM::Parameter in Slipway's Parameter Store. Ref is the parameter's name; Fn::GetAtt reads
 * Type and Value. A new Name replaces the parameter; every other change is a new version of it
 * (PutParameter with Overwrite), and tags change in place. CloudFormation makes String and
 * StringList parameters only: SecureString is refused, as AWS refuses it.
 */
final class SsmParameterProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::SSM::Parameter";

    private final ServiceCalls ssm;

    SsmParameterProvider(ServiceCalls ssm) {
        super(NameProperty.of("Name", 1011), Set.of("Name", "Type", "Value", "Description", "AllowedPattern", "Tier",
                "DataType", "Tags", "Policies"), Set.of());
        this.ssm = ssm;
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        PutParameterRequest put = put(request, p, name, false).toBuilder().tags(tagList(p.stringMap("Tags"))).build();
        createOrAdopt(request, p, ssm, () -> ssm.raw(request, "PutParameter", put),
                () -> ssm.call(request, "GetParameter", new GetParameterRequest(name, false), doc -> doc));
        return provisioned(name, p);
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        String name = current.physicalId();
        if (List.of("Type", "Value", "Description", "AllowedPattern", "Tier", "DataType", "Policies").stream()
                .anyMatch(k -> p.changed(previous, k))) {
            ssm.call(request, "PutParameter", put(request, p, name, true));
        }
        TagChanges changes = TagChanges.between(previous.stringMap("Tags"), p.stringMap("Tags"));
        if (!changes.removed().isEmpty()) {
            ssm.call(request, "RemoveTagsFromResource", new RemoveTagsFromResourceRequest(ResourceTypeForTagging.PARAMETER,
                    name, changes.removed()));
        }
        if (!changes.set().isEmpty()) {
            ssm.call(request, "AddTagsToResource", new AddTagsToResourceRequest(ResourceTypeForTagging.PARAMETER, name,
                    tagList(changes.set())));
        }
        return provisioned(name, p);
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        ssm.delete(request, "DeleteParameter", new DeleteParameterRequest(current.physicalId()));
    }

    private static PutParameterRequest put(ResourceRequest request, ResourceProperties p, String name, boolean overwrite) {
        String type = p.requiredString("Type");
        if (!type.equals("String") && !type.equals("StringList")) {
            // CloudFormation makes no SecureString parameter; UNVERIFIED wording
            throw new ResourceFailure("Property validation failure: [Value for property {/Type} "
                    + "must be one of: String, StringList. SecureString is not supported by CloudFormation]");
        }
        return PutParameterRequest.builder().name(name).value(p.requiredString("Value"))
                .type(ParameterType.fromValue(type)).description(p.string("Description").orElse(null))
                .allowedPattern(p.string("AllowedPattern").orElse(null))
                .tier(p.string("Tier").map(t -> ModelValues.enumValue(request, p, "Tier", t, ParameterTier.values()))
                        .orElse(null))
                .dataType(p.string("DataType").orElse(null)).policies(p.string("Policies").orElse(null))
                .overwrite(overwrite).build();
    }

    private static Provisioned provisioned(String name, ResourceProperties p) {
        return new Provisioned(name, Map.of("Type", p.requiredString("Type"), "Value", p.requiredString("Value")));
    }

    private static List<Tag> tagList(Map<String, String> tags) {
        return tags.isEmpty() ? null : tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    }
}
