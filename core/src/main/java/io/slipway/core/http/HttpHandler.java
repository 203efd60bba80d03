package io.slipway.core.http;

/**
 * The transport interface: everything behind it is independent of how bytes arrive. The JDK
 * server adapts to it, and fast tests call it directly in-process.
 */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request);
}
