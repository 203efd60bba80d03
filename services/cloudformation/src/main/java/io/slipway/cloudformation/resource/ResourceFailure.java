package io.slipway.cloudformation.resource;

/** Why a resource could not be created, updated or deleted, in words the stack's events show. */
public final class ResourceFailure extends RuntimeException {

    public ResourceFailure(String reason) {
        super(reason, null, false, false);
    }
}
