package io.slipway.cloudformation.hooks;

import io.slipway.core.Namespace;
import io.slipway.core.codec.FormParser;
import io.slipway.core.http.HttpHandler;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.engine.store.ResourceKey;
import io.slipway.engine.store.ResourceStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Stack and change-set payloads for hooks. AWS hands a hook a presigned S3 URL to fetch the
 * template from; Slipway stores the payload for the length of the hook run and serves it at
 * {@code GET /_slipway/cloudformation/hook-payloads?account=A&region=R&id=ID}. The id is in the
 * query because the router matches admin paths exactly; like a presigned URL, the link itself
 * is the credential, so the id is a fresh random one.
 */
public final class HookPayloads implements HttpHandler {
    public static final String PATH = "/_slipway/cloudformation/hook-payloads";
    static final String KIND = "cloudformation.hook-payload";
    private final ResourceStore resources;
    private final Supplier<String> endpoint;

    public HookPayloads(ResourceStore resources, Supplier<String> endpoint) {
        this.resources = resources;
        this.endpoint = endpoint;
    }

    /** Stores a payload and answers its URL. */
    String put(Namespace ns, String id, String payloadJson) {
        resources.insert(key(ns.account(), ns.region(), id), Optional.empty(), payloadJson);
        return endpoint.get().replaceAll("/+$", "") + PATH + "?account=" + encode(ns.account())
                + "&region=" + encode(ns.region()) + "&id=" + encode(id);
    }

    void remove(Namespace ns, String id) {
        resources.delete(key(ns.account(), ns.region(), id));
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Map<String, String> query = FormParser.parse(request.rawQuery());
        String account = query.get("account");
        String region = query.get("region");
        String id = query.get("id");
        if (account == null || region == null || id == null) {
            return HttpResponse.text(400, "text/plain", "account, region and id are required");
        }
        return resources.get(key(account, region, id))
                .map(r -> HttpResponse.text(200, "application/json", r.doc()))
                .orElseGet(() -> HttpResponse.text(404, "text/plain", "no such hook payload"));
    }

    private static ResourceKey key(String account, String region, String id) {
        return new ResourceKey(account, region, KIND, id);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
