package io.slipway.console;

import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.admin.AdminEndpoints;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code GET /_slipway/console/namespaces}: the accounts and regions that hold anything, for the
 * console's account and region picker; no AWS operation lists accounts. Without verification anyone
 * may act as any account, so all are listed. In verification mode a signed caller sees only its
 * own account's regions; the operator's token sees them all.
 */
public final class NamespacesEndpoint implements AdminEndpoint {
    public static final String PATH = "/_slipway/console/namespaces";
    /** Rows of Slipway's own bookkeeping (S3's object storage) are keyed otherwise: only accounts are listed. */
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    /** An account and region that hold resources, and how many stored rows. */
    public record NamespaceUse(String account, String region, long resources) {
    }

    private final Supplier<List<NamespaceUse>> namespaces;
    private final boolean verifying;

    public NamespacesEndpoint(Supplier<List<NamespaceUse>> namespaces, boolean verifying) {
        this.namespaces = namespaces;
        this.verifying = verifying;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestContext context) {
        String authorization = request.header("authorization");
        boolean operator = !verifying || authorization != null && authorization.startsWith("Bearer ");
        return AdminEndpoints.json(200, g -> {
            g.writeStringField("callerAccount", context.accountId());
            g.writeStringField("callerRegion", context.region());
            g.writeBooleanField("signatureVerification", verifying);
            g.writeArrayFieldStart("namespaces");
            for (NamespaceUse use : namespaces.get()) {
                if (ACCOUNT.matcher(use.account()).matches() && (operator || use.account().equals(context.accountId()))) {
                    g.writeStartObject();
                    g.writeStringField("account", use.account());
                    g.writeStringField("region", use.region());
                    g.writeNumberField("resources", use.resources());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        });
    }
}
