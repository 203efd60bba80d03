package io.slipway.cloudformation.resource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The resource types Slipway creates for real, each with its provider. */
public final class ResourceProviders {
    private final Map<String, ResourceProvider> byType;

    public ResourceProviders(Map<String, ResourceProvider> byType) {
        this.byType = Map.copyOf(byType);
    }

    public Optional<ResourceProvider> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return byType.keySet();
    }
}
