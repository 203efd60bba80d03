package io.slipway.core.http;

/**
 * The transport interface: everything behind it is independent of how bytes arrive. Slipway's
 * {@link HttpServer} serves it, and fast tests call it directly in-process.
 */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request);
}
