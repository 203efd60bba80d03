package io.slipway.lambda;

import io.slipway.core.codec.FormParser;
import io.slipway.core.http.HttpHandler;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.lambda.functions.CodeStore;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /_slipway/lambda/code?sha256=...}: a function's deployment package, where GetFunction's
 * Code.Location points (on AWS a presigned S3 URL).
 */
public final class CodeEndpoint implements HttpHandler {
    public static final String PATH = "/_slipway/lambda/code";
    private final CodeStore code;

    public CodeEndpoint(CodeStore code) {
        this.code = code;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String sha = FormParser.parse(request.rawQuery()).get("sha256");
        if (sha == null || !sha.matches("[A-Za-z0-9+/=]{44}")) {
            return HttpResponse.text(400, "text/plain", "sha256 is required");
        }
        try {
            return HttpResponse.of(200, "application/zip", code.zip(sha));
        } catch (UncheckedIOException e) {
            return HttpResponse.of(404, "text/plain", "no such code".getBytes(StandardCharsets.UTF_8));
        }
    }
}
