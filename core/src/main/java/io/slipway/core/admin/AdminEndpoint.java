package io.slipway.core.admin;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;

/**
 * One of Slipway's own GET endpoints under {@code /_slipway/}. It gets the request's identity as the
 * AWS operations do (the SigV4 credential scope's account and region) and must answer only what
 * that namespace may see; a page fetched without signing checks its own presigned signature.
 */
@FunctionalInterface
public interface AdminEndpoint {
    HttpResponse handle(HttpRequest request, RequestContext context);
}
