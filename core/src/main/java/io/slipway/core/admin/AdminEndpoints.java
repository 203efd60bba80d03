package io.slipway.core.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import io.slipway.core.codec.JsonCodec;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything under {@code /_slipway/}: the endpoints by exact path (each with its one method), and a small JSON
 * error for the rest, so that no such request falls through to another protocol (S3 would take it
 * for a bucket).
 */
public final class AdminEndpoints {
    public static final String PREFIX = "/_slipway/";
    private final Map<String, AdminEndpoint> endpoints;
    private final Optional<byte[]> operatorToken;
    private final Predicate<HttpRequest> signed;

    /**
     * @param operatorToken in verification mode, the operator's token that opens every endpoint
     * @param signed        in verification mode, whether a request carries a signature Slipway
     *                      accepts; null when every caller is let in
     */
    public AdminEndpoints(Map<String, AdminEndpoint> endpoints, Optional<String> operatorToken, Predicate<HttpRequest> signed) {
        this.endpoints = Map.copyOf(endpoints);
        this.operatorToken = operatorToken.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
        this.signed = signed;
    }

    /** Where the web console lives; a browser opening Slipway's root is sent there. */
    public static final String CONSOLE = PREFIX + "console/";

    /** Whether the path is Slipway's own, whatever the method, or a browser opening the root. */
    public static boolean claims(HttpRequest request) {
        return request.path().startsWith(PREFIX) || request.path().equals("/_slipway") || browserAtRoot(request);
    }

    /**
     * A person's browser opening {@code http://host:port/}: an unsigned GET of the root, with no query,
     * that asks for HTML. S3's ListBuckets is also {@code GET /}, but every SDK and the CLI sign it,
     * and none asks for {@code text/html}, so API clients keep their answer.
     */
    static boolean browserAtRoot(HttpRequest request) {
        String accept = request.header("accept");
        return request.path().equals("/") && request.method().equals("GET") && request.rawQuery() == null
                && request.header("authorization") == null && accept != null && accept.contains("text/html");
    }

    public HttpResponse handle(HttpRequest request, RequestContext context) {
        if (browserAtRoot(request)) {
            return HttpResponse.of(302, "text/plain", new byte[0]).withHeader("Location", CONSOLE);
        }
        AdminEndpoint endpoint = endpoints.get(request.path());
        if (endpoint == null) {
            return error(404, "NotFound", "No Slipway endpoint at " + request.path());
        }
        if (!endpoint.method().equals(request.method())) {
            return error(405, "MethodNotAllowed", request.path() + " answers " + endpoint.method() + " only")
                    .withHeader("Allow", endpoint.method());
        }
        if (signed != null && !endpoint.presigned() && !endpoint.isPublic() && !authenticated(request)) {
            return endpoint.anonymous().orElseGet(() -> error(403, "AccessDenied",
                    "Slipway verifies signatures: sign the request with known access keys, or give the operator's token"));
        }
        return endpoint.handle(request, context);
    }

    private boolean authenticated(HttpRequest request) {
        String authorization = request.header("authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return operatorToken.filter(t -> MessageDigest.isEqual(t, authorization.getBytes(StandardCharsets.UTF_8)))
                    .isPresent();
        }
        return signed.test(request);
    }

    /** {@code {"code":"...","message":"..."}}: how every admin endpoint answers what it will not serve. */
    public static HttpResponse error(int status, String code, String message) {
        return json(status, g -> {
            g.writeStringField("code", code);
            g.writeStringField("message", message);
        });
    }

    /** The fields of one JSON object, written by an endpoint. */
    @FunctionalInterface
    public interface JsonFields {
        void write(JsonGenerator g) throws IOException;
    }

    /** A JSON object answer whose fields {@code fields} writes. */
    public static HttpResponse json(int status, JsonFields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonCodec.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.of(status, "application/json", out.toByteArray());
    }
}
