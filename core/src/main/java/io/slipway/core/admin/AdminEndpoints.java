package io.slipway.core.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import io.slipway.core.codec.JsonCodec;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Everything under {@code /_slipway/}: the endpoints by exact path (each with its one method), and a small JSON
 * error for the rest, so that no such request falls through to another protocol (S3 would take it
 * for a bucket).
 */
public final class AdminEndpoints {
    public static final String PREFIX = "/_slipway/";
    private final Map<String, AdminEndpoint> endpoints;

    public AdminEndpoints(Map<String, AdminEndpoint> endpoints) {
        this.endpoints = Map.copyOf(endpoints);
    }

    /** Whether the path is Slipway's own, whatever the method. */
    public static boolean claims(HttpRequest request) {
        return request.path().startsWith(PREFIX) || request.path().equals("/_slipway");
    }

    public HttpResponse handle(HttpRequest request, RequestContext context) {
        AdminEndpoint endpoint = endpoints.get(request.path());
        if (endpoint == null) {
            return error(404, "NotFound", "No Slipway endpoint at " + request.path());
        }
        if (!endpoint.method().equals(request.method())) {
            return error(405, "MethodNotAllowed", request.path() + " answers " + endpoint.method() + " only")
                    .withHeader("Allow", endpoint.method());
        }
        return endpoint.handle(request, context);
    }

    /** {@code {"code":"...","message":"..."}}: how every admin endpoint answers what it will not serve. */
    public static HttpResponse error(int status, String code, String message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonCodec.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.text(status, "application/json", out.toString());
    }
}
