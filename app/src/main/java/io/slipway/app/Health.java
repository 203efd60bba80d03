package io.slipway.app;

import io.slipway.core.http.HttpHandler;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.core.protocol.ServiceBinding;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code GET /_slipway/health}: version, enabled services, store and uptime. */
record Health(List<ServiceBinding> json, List<ServiceBinding> query, List<ServiceBinding> rest, String store,
              long startedNanos)
        implements HttpHandler {
    static final String PATH = "/_slipway/health";

    @Override
    public HttpResponse handle(HttpRequest request) {
        String services = Stream.of(json, query, rest).flatMap(List::stream)
                .map(s -> "\"" + s.model().serviceId() + "\"").collect(Collectors.joining(",")) + ",\"S3\"";
        String body = "{\"status\":\"ok\",\"version\":\"" + Version.get() + "\",\"services\":[" + services
                + "],\"store\":\"" + store + "\",\"uptimeSeconds\":"
                + Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() + "}";
        return HttpResponse.of(200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}
