package io.slipway.cloudformation.resource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The resource types Slipway creates for real, each with its provider. */
public final class ResourceProviders {
    static final String CUSTOM_RESOURCE = "AWS::CloudFormation::CustomResource";
    static final String CUSTOM_PREFIX = "Custom::";
    private final Map<String, ResourceProvider> byType;

    public ResourceProviders(Map<String, ResourceProvider> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** The type's provider; every {@code Custom::*} type is a custom resource, as CloudFormation takes it. */
    public Optional<ResourceProvider> find(String type) {
        ResourceProvider provider = byType.get(type);
        if (provider == null && type.startsWith(CUSTOM_PREFIX)) {
            provider = byType.get(CUSTOM_RESOURCE);
        }
        return Optional.ofNullable(provider);
    }

    public Set<String> types() {
        return byType.keySet();
    }
}
