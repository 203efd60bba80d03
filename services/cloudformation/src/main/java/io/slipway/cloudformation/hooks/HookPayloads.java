package io.slipway.cloudformation.hooks;

import io.slipway.core.Namespace;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.admin.AdminEndpoints;
import io.slipway.core.codec.FormParser;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.engine.presign.PresignedUrls;
import io.slipway.engine.store.ResourceKey;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.runtime.RequestContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Stack and change-set payloads for hooks. AWS hands a hook a presigned S3 URL to fetch the
 * template from; Slipway stores the payload for the length of the hook run and serves it at
 * {@code GET /_slipway/cloudformation/hook-payloads?id=ID&account=A&region=R&expires=E&signature=S},
 * a URL presigned by Slipway ({@link PresignedUrls}) for the account and region the hook ran in. The
 * id is in the query because the router matches admin paths exactly.
 */
public final class HookPayloads implements AdminEndpoint {
    public static final String PATH = "/_slipway/cloudformation/hook-payloads";
    static final String KIND = "cloudformation.hook-payload";
    /**
     * How long a payload URL is valid: a whole hook run, which may call its function
     * {@link HookInvocations#MAX_INVOCATIONS} times, each after up to
     * {@link HookInvocations#MAX_CALLBACK_DELAY}. AWS does not document its own (UNVERIFIED).
     */
    static final Duration VALIDITY = HookInvocations.MAX_CALLBACK_DELAY.plus(Duration.ofMinutes(1))
            .multipliedBy(HookInvocations.MAX_INVOCATIONS);
    private final ResourceStore resources;
    private final Supplier<String> endpoint;
    private final PresignedUrls urls;

    public HookPayloads(ResourceStore resources, Supplier<String> endpoint, PresignedUrls urls) {
        this.resources = resources;
        this.endpoint = endpoint;
        this.urls = urls;
    }

    /** Stores a payload and answers its presigned URL. */
    String put(Namespace ns, String id, String payloadJson) {
        resources.insert(key(ns, id), Optional.empty(), payloadJson);
        return endpoint.get().replaceAll("/+$", "") + PATH + "?id=" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "&"
                + urls.query(ns, resource(id), VALIDITY);
    }

    void remove(Namespace ns, String id) {
        resources.delete(key(ns, id));
    }

    @Override
    public boolean presigned() {
        return true;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestContext context) {
        Map<String, String> query = FormParser.parse(request.rawQuery());
        String id = query.get("id");
        if (id == null || id.isEmpty()) {
            return AdminEndpoints.error(400, "InvalidArgument", "id is required");
        }
        PresignedUrls.Result signed = urls.check(query, resource(id));
        if (signed.refusal().isPresent()) {
            return AdminEndpoints.error(403, "AccessDenied", signed.refusal().get() == PresignedUrls.Refusal.EXPIRED
                    ? "Request has expired" : "The request signature does not match; use the URL the hook was given");
        }
        return resources.get(key(signed.namespace().orElseThrow(), id))
                .map(r -> HttpResponse.text(200, "application/json", r.doc()))
                .orElseGet(() -> AdminEndpoints.error(404, "NoSuchKey", "The hook payload is gone: its hook run has ended"));
    }

    private static ResourceKey key(Namespace ns, String id) {
        return new ResourceKey(ns.account(), ns.region(), KIND, id);
    }

    private static String resource(String id) {
        return "hook-payload/" + id;
    }
}
