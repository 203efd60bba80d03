package io.slipway.cloudformation.registry;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every registry type Slipway does not run: its properties are validated against the resource
 * specification as CloudFormation's handlers validate them, and it gets a Ref and attributes in
 * AWS's shapes ({@link Identity}), but nothing runs behind it. Updates happen in place or by
 * replacement as the specification's replacement flags say; a delete has nothing to remove. The
 * state is all in the stack's stored resource, so there is nothing to adopt after a restart.
 */
public final class RecordedProvider implements ResourceProvider {
    /** What DescribeStackResource(s) show as the Description of a recorded resource. */
    public static final String DESCRIPTION = "Recorded by Slipway: properties validated and kept, no service behind it";
    /** Accepted with any properties, as CloudFormation accepts the CDK's metadata resource. */
    public static final String CDK_METADATA = "AWS::CDK::Metadata";
    private static final ResourceTypeSpec CDK_METADATA_SPEC = new ResourceTypeSpec(CDK_METADATA, Map.of(), Map.of(),
            List.of("Id"), List.of(), Optional.empty(), Optional.empty());

    /**
     * Whether a resource of the type can be recorded: a registry type, or the CDK's metadata. The
     * SAM types ({@code AWS::Serverless::*}) are the specification's too, but CloudFormation knows
     * them only through the transform that expands them; without it they are unrecognized.
     */
    public static boolean records(String type) {
        return type.equals(CDK_METADATA) || (RegistryTypes.contains(type) && !type.startsWith("AWS::Serverless::"));
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        ResourceTypeSpec spec = validated(request);
        Identity.Recorded r = Identity.of(spec, request, Optional.empty());
        return new Provisioned(r.physicalId(), r.attributes());
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        ResourceTypeSpec spec = validated(request);
        if (replaced(spec, request)) {
            Identity.Recorded r = Identity.of(spec, request, Optional.of(current.physicalId()));
            if (r.physicalId().equals(current.physicalId())) {
                throw new ResourceFailure("CloudFormation cannot update a stack when a custom-named resource requires "
                        + "replacing. Rename " + current.physicalId() + " and update the stack again.");
            }
            return new Provisioned(r.physicalId(), r.attributes());
        }
        // in place: generated values stay as they were; attributes that mirror properties follow them
        Identity.Recorded fresh = Identity.of(spec, request, Optional.empty());
        Map<String, Object> attributes = new LinkedHashMap<>();
        fresh.attributes().forEach((name, value) -> {
            boolean mirrors = spec.properties().containsKey(name);
            Object kept = current.attributes().get(name);
            attributes.put(name, mirrors || kept == null ? value : kept);
        });
        return new Provisioned(current.physicalId(), attributes);
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        // nothing runs behind a recorded resource: the stack forgets it
    }

    /** Whether a property the specification replaces on change (replacement "yes") changed. */
    static boolean replaced(ResourceTypeSpec spec, ResourceRequest request) {
        for (PropertySpec p : spec.properties().values()) {
            if (p.replacement() == PropertySpec.Replacement.ALWAYS
                    && !RecordedValues.same(request.properties().get(p.name()), request.previousProperties().get(p.name()))) {
                return true;
            }
        }
        return false;
    }

    private static ResourceTypeSpec validated(ResourceRequest request) {
        if (request.type().equals(CDK_METADATA)) {
            return CDK_METADATA_SPEC;
        }
        ResourceTypeSpec spec = RegistryTypes.find(request.type()).orElseThrow(() -> new ResourceFailure(
                "Unrecognized resource type " + request.type()));
        PropertyValidation.failure(request.logicalId(), spec, request.properties()).ifPresent(m -> {
            throw new ResourceFailure(m);
        });
        return spec;
    }
}
