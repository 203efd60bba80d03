package io.slipway.cloudformation.custom;

import io.slipway.cloudformation.stack.StackEngine;
import io.slipway.core.Namespace;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.codec.FormParser;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.presign.PresignedUrls;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceKey;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.StoredResource;
import io.slipway.engine.store.WorkQueue;
import io.slipway.model.runtime.RequestContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The custom resource requests in flight, and their ResponseURL. AWS hands the provider a
 * presigned S3 URL to PUT its response to; Slipway serves
 * {@code PUT /_slipway/cloudformation/custom-resource-responses?id=REQUEST&account=A&region=R&expires=E&signature=S},
 * presigned ({@link PresignedUrls}) for the stack's account and region, and refuses a tampered or
 * expired URL with 403 in S3's XML error form. A response is kept with its request and wakes the
 * stack's operation, whose custom resource handler reads it. Each request is a record keyed by its
 * RequestId: it says whether the request was sent (so a restart never sends it twice) and holds
 * the response once one came.
 */
public final class CustomResourceResponses implements AdminEndpoint {
    public static final String PATH = "/_slipway/cloudformation/custom-resource-responses";
    static final String KIND = "cloudformation.custom-resource-request";
    /** AWS's limit on a response body. */
    static final int MAX_RESPONSE = 4096;
    private final Jdbc jdbc;
    private final ResourceStore resources;
    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final Supplier<String> endpoint;
    private final PresignedUrls urls;

    public CustomResourceResponses(Jdbc jdbc, ResourceStore resources, WorkQueue queue, SlipwayClock clock,
                                   Supplier<String> endpoint, PresignedUrls urls) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.queue = queue;
        this.clock = clock;
        this.endpoint = endpoint;
        this.urls = urls;
    }

    @Override
    public String method() {
        return "PUT";
    }

    /** Records a request about to be sent and answers its ResponseURL, valid for {@code validity}. */
    String open(Namespace ns, String requestId, String stackId, String logicalId, Duration validity) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("stackId", stackId);
        record.put("logicalId", logicalId);
        record.put("sent", false);
        resources.insert(key(ns, requestId), Optional.empty(), CustomJson.write(record));
        return endpoint.get().replaceAll("/+$", "") + PATH + "?id=" + URLEncoder.encode(requestId, StandardCharsets.UTF_8)
                + "&" + urls.query(ns, resource(requestId), validity);
    }

    /** The request's record: {@code sent}, and {@code response} (the provider's JSON) or {@code refused} (why not) once one came. */
    Optional<Map<String, Object>> record(Namespace ns, String requestId) {
        return resources.get(key(ns, requestId)).map(r -> CustomJson.object(CustomJson.parse(r.doc())));
    }

    void markSent(Namespace ns, String requestId) {
        change(ns, requestId, record -> record.put("sent", true));
    }

    /** The request is over: a response that comes now is accepted and ignored. */
    void close(Namespace ns, String requestId) {
        resources.delete(key(ns, requestId));
    }

    @Override
    public boolean presigned() {
        return true;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestContext context) {
        Map<String, String> query = FormParser.parse(request.rawQuery());
        String id = query.getOrDefault("id", "");
        PresignedUrls.Result signed = urls.check(query, resource(id));
        if (id.isEmpty() || signed.refusal().isPresent()) {
            return signed.refusal().orElse(PresignedUrls.Refusal.INVALID) == PresignedUrls.Refusal.EXPIRED
                    ? s3Error(403, "AccessDenied", "Request has expired")
                    : s3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature "
                    + "you provided. Check your key and signing method.");
        }
        Namespace ns = signed.namespace().orElseThrow();
        byte[] body = request.body();
        change(ns, id, record -> {
            if (record.containsKey("response") || record.containsKey("refused")) {
                return; // the first response counts
            }
            if (body.length > MAX_RESPONSE) {
                record.put("refused", "Response object is too long.");
                return;
            }
            Map<String, Object> response;
            try {
                response = CustomJson.object(CustomJson.parse(new String(body, StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                response = null;
            }
            if (response == null) {
                record.put("refused", "Response object is not valid JSON.");
            } else {
                record.put("response", response);
            }
        });
        return HttpResponse.of(200, "application/xml", new byte[0]);
    }

    /** Changes the request's record and wakes its stack in one transaction; nothing when the request is over. */
    private void change(Namespace ns, String requestId, java.util.function.Consumer<Map<String, Object>> change) {
        jdbc.inTransaction(tx -> {
            Optional<StoredResource> stored = resources.getForUpdate(tx, key(ns, requestId));
            if (stored.isEmpty()) {
                return null;
            }
            Map<String, Object> record = new LinkedHashMap<>(CustomJson.object(CustomJson.parse(stored.get().doc())));
            change.accept(record);
            resources.update(tx, key(ns, requestId), stored.get().version(), CustomJson.write(record));
            if (record.containsKey("response") || record.containsKey("refused")) {
                StackEngine.wake(queue, tx, (String) record.get("stackId"), clock.now());
            }
            return null;
        });
    }

    /** S3's error document: the ResponseURL stands for a presigned S3 URL, so its refusals look like S3's. */
    private static HttpResponse s3Error(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>";
        return HttpResponse.text(status, "application/xml", xml);
    }

    private static ResourceKey key(Namespace ns, String id) {
        return new ResourceKey(ns.account(), ns.region(), KIND, id);
    }

    private static String resource(String id) {
        return "custom-resource-response/" + id;
    }
}
