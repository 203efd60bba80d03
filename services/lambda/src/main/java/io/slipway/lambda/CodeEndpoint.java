package io.slipway.lambda;

import io.slipway.core.Namespace;
import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.admin.AdminEndpoints;
import io.slipway.core.codec.FormParser;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.engine.presign.PresignedUrls;
import io.slipway.lambda.functions.CodeStore;
import io.slipway.model.runtime.RequestContext;

import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code GET /_slipway/lambda/code?sha256=...&account=...&region=...&expires=...&signature=...}: a
 * function's deployment package, where GetFunction's Code.Location points. On AWS that is a
 * presigned S3 URL valid for up to 10 minutes; here the URL is presigned by Slipway
 * ({@link PresignedUrls}) for the account whose function it is, so it serves that package to
 * whoever holds the URL, and nothing else to anyone.
 */
public final class CodeEndpoint implements AdminEndpoint {
    public static final String PATH = "/_slipway/lambda/code";
    /** How long a Code.Location stays valid, as on AWS. */
    static final Duration VALIDITY = Duration.ofMinutes(10);
    private final CodeStore code;
    private final PresignedUrls urls;

    public CodeEndpoint(CodeStore code, PresignedUrls urls) {
        this.code = code;
        this.urls = urls;
    }

    /** The presigned location of {@code ns}'s package with this CodeSha256. */
    String location(String endpoint, Namespace ns, String sha256) {
        return endpoint + PATH + "?sha256=" + URLEncoder.encode(sha256, StandardCharsets.UTF_8) + "&"
                + urls.query(ns, resource(sha256), VALIDITY);
    }

    @Override
    public boolean presigned() {
        return true;
    }

    @Override
    public HttpResponse handle(HttpRequest request, RequestContext context) {
        Map<String, String> query = FormParser.parse(request.rawQuery());
        String sha = query.get("sha256");
        if (sha == null || !sha.matches("[A-Za-z0-9+/=]{44}")) {
            return AdminEndpoints.error(400, "InvalidArgument", "sha256 is required");
        }
        PresignedUrls.Result signed = urls.check(query, resource(sha));
        if (signed.refusal().isPresent()) {
            return AdminEndpoints.error(403, "AccessDenied", signed.refusal().get() == PresignedUrls.Refusal.EXPIRED
                    ? "Request has expired" : "The request signature does not match; use the Code.Location GetFunction answers");
        }
        try {
            return HttpResponse.of(200, "application/zip", code.zip(sha));
        } catch (UncheckedIOException e) {
            return AdminEndpoints.error(404, "NoSuchKey", "The specified key does not exist.");
        }
    }

    private static String resource(String sha256) {
        return "lambda-code/" + sha256;
    }
}
