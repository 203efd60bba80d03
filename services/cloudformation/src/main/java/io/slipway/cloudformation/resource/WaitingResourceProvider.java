package io.slipway.cloudformation.resource;

import java.util.Map;

/**
 * A provider whose actions may take longer than one call: it implements only the handler methods,
 * answering {@link Progress.InProgress} while it waits. The plain methods are for callers outside
 * the stack engine and accept only an action that finishes at once.
 */
public interface WaitingResourceProvider extends ResourceProvider {

    @Override
    Progress create(ResourceRequest request, Map<String, Object> callbackContext);

    @Override
    Progress update(ResourceRequest request, Provisioned current, Map<String, Object> callbackContext);

    @Override
    Progress delete(ResourceRequest request, Provisioned current, Map<String, Object> callbackContext);

    @Override
    default Provisioned create(ResourceRequest request) {
        return done(create(request, Map.of()));
    }

    @Override
    default Provisioned update(ResourceRequest request, Provisioned current) {
        return done(update(request, current, Map.of()));
    }

    @Override
    default void delete(ResourceRequest request, Provisioned current) {
        done(delete(request, current, Map.of()));
    }

    private static Provisioned done(Progress progress) {
        return switch (progress) {
            case Progress.Success s -> s.resource();
            case Progress.Failed f -> throw new ResourceFailure(f.reason());
            case Progress.InProgress p -> throw new IllegalStateException("only the stack engine can wait for this resource");
        };
    }
}
