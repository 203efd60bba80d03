package io.slipway.lambda;

import io.slipway.core.Namespace;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.admin.AdminEndpoints;
import io.slipway.core.codec.FormParser;
import io.slipway.core.codec.Timestamps;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.lambda.invoke.RecentInvocations;
import io.slipway.model.runtime.RequestContext;


/**
 * {@code GET /_slipway/lambda/invocations?functionName=NAME}: the function's recent invocations on
 * this node (see {@link RecentInvocations}), for the console; Lambda's API has no operation that
 * lists invocations. The caller's namespace is the request's credential scope, as for Lambda's own
 * operations, so a caller sees only its own account's functions.
 */
public final class InvocationsEndpoint implements AdminEndpoint {
    public static final String PATH = "/_slipway/lambda/invocations";
    private final RecentInvocations recent;

    InvocationsEndpoint(RecentInvocations recent) {
        this.recent = recent;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestContext context) {
        String name = FormParser.parse(request.rawQuery()).get("functionName");
        if (name == null || name.isEmpty()) {
            return AdminEndpoints.error(400, "InvalidParameterValueException", "functionName is required");
        }
        return AdminEndpoints.json(200, g -> {
            g.writeArrayFieldStart("invocations");
            for (RecentInvocations.Invocation i : recent.of(Namespace.of(context), name)) {
                g.writeStartObject();
                g.writeStringField("requestId", i.requestId());
                g.writeStringField("version", i.version());
                g.writeStringField("startedAt", Timestamps.iso(i.startedAt()));
                g.writeNumberField("durationMillis", i.duration().toNanos() / 1e6);
                g.writeStringField("status", i.functionError().isEmpty() ? "Succeeded" : "Failed");
                if (!i.functionError().isEmpty()) {
                    g.writeStringField("functionError", i.functionError());
                }
                g.writeStringField("logTail", i.logTail());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
