package io.slipway.core.admin;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;

/**
 * One of Slipway's own endpoints under {@code /_slipway/}, GET unless it says otherwise. It gets the request's identity as the
 * AWS operations do (the SigV4 credential scope's account and region) and must answer only what
 * that namespace may see; a page fetched without signing checks its own presigned signature.
 */
@FunctionalInterface
public interface AdminEndpoint {
    HttpResponse handle(HttpRequest request, RequestContext context);

    /** The one method the endpoint answers (a custom resource's ResponseURL takes PUT). */
    default String method() {
        return "GET";
    }

    /**
     * True for pages fetched with a presigned URL Slipway handed out (a function's code package, a
     * ResponseURL): their signature is their credential, in verification mode too.
     */
    default boolean presigned() {
        return false;
    }

    /** True for files anyone may fetch, in verification mode too (the web console's page and scripts). */
    default boolean isPublic() {
        return false;
    }

    /**
     * What the endpoint shows a caller verification mode did not authenticate; empty refuses it.
     * Only what anyone may know belongs here.
     */
    default java.util.Optional<HttpResponse> anonymous() {
        return java.util.Optional.empty();
    }
}
