package io.slipway.cloudformation.registry;

import io.slipway.cloudformation.resource.Progress;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceProvider;
import io.slipway.cloudformation.resource.ResourceRequest;

import java.util.Map;

/**
 * A type Slipway runs, with its properties first validated against the resource specification,
 * in the same words as a recorded type's. The provider then applies what Slipway implements of
 * them; the rest are accepted and kept with the stack's resource (recorded), never refused.
 * The handler methods pass through too, so a provider that waits still waits.
 */
public record ValidatedProvider(ResourceProvider real) implements ResourceProvider {

    @Override
    public Provisioned create(ResourceRequest request) {
        validate(request);
        return real.create(request);
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current) {
        validate(request);
        return real.update(request, current);
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        real.delete(request, current);
    }

    @Override
    public Progress create(ResourceRequest request, Map<String, Object> callbackContext) {
        validate(request);
        return real.create(request, callbackContext);
    }

    @Override
    public Progress update(ResourceRequest request, Provisioned current, Map<String, Object> callbackContext) {
        validate(request);
        return real.update(request, current, callbackContext);
    }

    @Override
    public Progress delete(ResourceRequest request, Provisioned current, Map<String, Object> callbackContext) {
        return real.delete(request, current, callbackContext);
    }

    private static void validate(ResourceRequest request) {
        RegistryTypes.find(request.type()).flatMap(spec -> PropertyValidation.failure(request.logicalId(), spec,
                request.properties())).ifPresent(m -> {
                    throw new ResourceFailure(m);
                });
    }
}
