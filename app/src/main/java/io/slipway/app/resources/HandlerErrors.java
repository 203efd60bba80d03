package io.slipway.app.resources;

import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.runtime.AwsException;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Status reasons in the form CloudFormation's resource handlers report them:
 * {@code Resource handler returned message: "<service message> (Service: Lambda, Status Code: 409)"
 * (RequestToken: <uuid>, HandlerErrorCode: AlreadyExists)}. The request token is derived from the
 * stack and logical id, so the reason of a retried operation reads the same.
 */
final class HandlerErrors {

    private HandlerErrors() {
    }

    /** A service's error, with the service named as the AWS SDK names it in its exception messages. */
    static ResourceFailure failure(ResourceRequest request, String service, AwsException e) {
        return failure(request, e.getMessage() + " (Service: " + service + ", Status Code: " + e.error().httpStatus() + ")",
                HandlerErrorCode.of(e));
    }

    static ResourceFailure failure(ResourceRequest request, String message, HandlerErrorCode code) {
        return new ResourceFailure("Resource handler returned message: \"" + message + "\" (RequestToken: "
                + requestToken(request) + ", HandlerErrorCode: " + code.wireName() + ")");
    }

    /** A name the template chose is taken: CloudFormation never takes over a resource it did not make. */
    static ResourceFailure alreadyExists(ResourceRequest request, String name) {
        return failure(request, name + " already exists", HandlerErrorCode.ALREADY_EXISTS);
    }

    /** AWS's refusal to replace a resource whose name the template fixes: the new one would need the old one's name. */
    static ResourceFailure customNamedReplacement(ResourceRequest request, String name) {
        return new ResourceFailure("CloudFormation cannot update a stack when a custom-named resource requires replacing. "
                + "Rename " + name + " and update the stack again.");
    }

    static String requestToken(ResourceRequest request) {
        return UUID.nameUUIDFromBytes((request.stackId() + "|" + request.logicalId()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
