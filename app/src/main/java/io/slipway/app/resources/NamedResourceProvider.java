package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.runtime.AwsException;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The life of a resource known by a name that the template may choose: create under the chosen or
 * a generated name; on update, replace under a new name when the name or another property that
 * AWS cannot change in place changed, else change in place. A custom name cannot be replaced
 * under itself, since the old resource still holds it until the update completes.
 */
abstract class NamedResourceProvider implements ResourceProvider {
    private final NameProperty name;
    private final Set<String> properties;
    private final Set<String> replacedOnChange;

    /**
     * @param properties       every property the type accepts; others fail validation
     * @param replacedOnChange the properties besides the name that AWS can only change by replacement
     */
    NamedResourceProvider(NameProperty name, Set<String> properties, Set<String> replacedOnChange) {
        this.name = name;
        this.properties = properties;
        this.replacedOnChange = replacedOnChange;
    }

    /** Makes the resource under {@code name}, or adopts it when the name is generated and it exists already. */
    abstract Provisioned create(ResourceRequest request, ResourceProperties p, String name);

    /** Brings the resource to the new properties without replacing it. */
    abstract Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                                       Provisioned current);

    @Override
    public final Provisioned create(ResourceRequest request) {
        ResourceProperties p = properties(request);
        return create(request, p, name.forCreate(request, p));
    }

    @Override
    public final Provisioned update(ResourceRequest request, Provisioned current) {
        ResourceProperties p = properties(request);
        ResourceProperties previous = ResourceProperties.of(request.logicalId(), request.previousProperties());
        if (name.changed(p, previous) || replacedOnChange.stream().anyMatch(k -> p.changed(previous, k))) {
            String next = name.forReplacement(request, p, current.physicalId());
            if (next.equals(current.physicalId())) {
                throw HandlerErrors.customNamedReplacement(request, next);
            }
            return create(request, p, next);
        }
        return updateInPlace(request, p, previous, current);
    }

    /**
     * Called when creation finds the name taken: a generated name is this stack's own, so the
     * resource is an earlier attempt's and the caller adopts it; a chosen name belongs to someone
     * else, and creation fails.
     */
    void adoptOnlyGenerated(ResourceProperties p, ResourceFailure taken) {
        if (name.chosen(p)) {
            throw taken;
        }
    }

    /**
     * Creates through a service call, adopting what an earlier attempt made under a generated
     * name: {@code create} calls the service and lets its error through, {@code existing} reads
     * the resource that holds the name.
     */
    <T> T createOrAdopt(ResourceRequest request, ResourceProperties p, ServiceCalls service, Supplier<T> create,
                        Supplier<T> existing) {
        try {
            return create.get();
        } catch (AwsException e) {
            if (HandlerErrorCode.of(e) != HandlerErrorCode.ALREADY_EXISTS) {
                throw service.failure(request, e);
            }
            adoptOnlyGenerated(p, service.failure(request, e));
            return existing.get();
        }
    }

    ResourceProperties properties(ResourceRequest request) {
        return ResourceProperties.of(request.logicalId(), request.properties()).only(properties);
    }
}
