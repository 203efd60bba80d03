package io.slipway.cloudformation.resource;

import java.util.Map;

/**
 * Creates, updates and deletes one resource type for real, in the Slipway service that owns it.
 * The stack engine calls providers outside any store transaction, one resource at a time, and may
 * call again after a restart: {@code create} must adopt a resource it already made for the same
 * request (same stack and logical id), and {@code delete} of a resource that is gone succeeds.
 * A failure the user should see is a {@link ResourceFailure}; its message becomes the resource's
 * status reason.
 *
 * <p>The engine calls the handler methods that answer a {@link Progress}, with the callback
 * context the last call left (empty on the first call). Their defaults run the plain methods and
 * answer {@link Progress.Success}: a provider that finishes in one call implements only those. A
 * provider that waits implements {@link WaitingResourceProvider}.
 */
public interface ResourceProvider {

    /** Creates the resource: its physical id and the attributes {@code Fn::GetAtt} can read. */
    Provisioned create(ResourceRequest request);

    /**
     * Brings the resource to the request's properties. Answers the same physical id when it
     * changed in place, or a new one when a property that AWS replaces on change was changed: the
     * engine then deletes {@code current} once the stack update is otherwise complete.
     */
    Provisioned update(ResourceRequest request, Provisioned current);

    /** Deletes the resource; a resource that no longer exists is already deleted. */
    void delete(ResourceRequest request, Provisioned current);

    /** The create handler: {@code callbackContext} is what the last {@link Progress.InProgress} carried, or empty. */
    default Progress create(ResourceRequest request, Map<String, Object> callbackContext) {
        return new Progress.Success(create(request));
    }

    /** The update handler; a new physical id in its {@link Progress.Success} replaces {@code current}. */
    default Progress update(ResourceRequest request, Provisioned current, Map<String, Object> callbackContext) {
        return new Progress.Success(update(request, current));
    }

    /** The delete handler. */
    default Progress delete(ResourceRequest request, Provisioned current, Map<String, Object> callbackContext) {
        delete(request, current);
        return new Progress.Success(current);
    }
}
