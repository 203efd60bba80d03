package io.slipway.cloudformation.resource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The resource types Slipway creates for real, each with its provider, and the provider that
 * records every other type the registry knows.
 */
public final class ResourceProviders {
    static final String CUSTOM_RESOURCE = "AWS::CloudFormation::CustomResource";
    static final String CUSTOM_PREFIX = "Custom::";
    private final Map<String, ResourceProvider> byType;
    private final Optional<ResourceProvider> recorded;
    private final Predicate<String> recordable;

    public ResourceProviders(Map<String, ResourceProvider> byType) {
        this(byType, Optional.empty(), type -> false);
    }

    /**
     * @param recorded   the provider for types Slipway does not run
     * @param recordable the types it can record
     */
    public ResourceProviders(Map<String, ResourceProvider> byType, Optional<ResourceProvider> recorded,
                             Predicate<String> recordable) {
        this.byType = Map.copyOf(byType);
        this.recorded = recorded;
        this.recordable = recordable;
    }

    /** The type's provider; every {@code Custom::*} type is a custom resource, as CloudFormation takes it. */
    public Optional<ResourceProvider> find(String type) {
        ResourceProvider real = byType.get(type);
        if (real == null && type.startsWith(CUSTOM_PREFIX)) {
            real = byType.get(CUSTOM_RESOURCE);
        }
        if (real != null) {
            return Optional.of(real);
        }
        return isRecorded(type) ? recorded : Optional.empty();
    }

    /** Whether resources of the type are recorded rather than run. */
    public boolean isRecorded(String type) {
        return recorded.isPresent() && !byType.containsKey(type) && recordable.test(type);
    }

    /** Whether a template may declare the type: Slipway runs it or records it. */
    public boolean knows(String type) {
        return find(type).isPresent();
    }

    /** The types Slipway runs. */
    public Set<String> types() {
        return byType.keySet();
    }

    /** These providers with more types run for real (the recorded provider stays for the rest). */
    public ResourceProviders with(Map<String, ResourceProvider> more) {
        Map<String, ResourceProvider> all = new java.util.HashMap<>(byType);
        all.putAll(more);
        return new ResourceProviders(all, recorded, recordable);
    }
}
