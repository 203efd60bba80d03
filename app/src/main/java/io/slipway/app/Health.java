package io.slipway.app;

import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code GET /_slipway/health}: version, enabled services (by their AWS service ids), store and
 * uptime. Nothing in it belongs to an account, so it answers every caller alike.
 */
record Health(List<String> services, String store, long startedNanos) implements AdminEndpoint {
    static final String PATH = "/_slipway/health";

    @Override
    public HttpResponse handle(HttpRequest request, RequestContext context) {
        String names = services.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        String body = "{\"status\":\"ok\",\"version\":\"" + Version.get() + "\",\"services\":[" + names
                + "],\"store\":\"" + store + "\",\"uptimeSeconds\":"
                + Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() + "}";
        return HttpResponse.of(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}
