package io.slipway.agent.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Sends requests to the agent's endpoint signed with SigV4 for one service. */
final class SignedRequests {
    private final HttpClient http;
    private final URI endpoint;
    private final SigV4Signer signer;
    private final Clock clock;

    SignedRequests(HttpClient http, URI endpoint, Credentials credentials, String region, String service, Clock clock) {
        this.http = http;
        this.endpoint = endpoint.resolve("/");
        this.signer = new SigV4Signer(credentials, region, service);
        this.clock = clock;
    }

    /** The endpoint's root, {@code scheme://host:port/}. */
    URI endpoint() {
        return endpoint;
    }

    /**
     * Sends {@code body} (null for none) to {@code uri} with {@code headers}, all of them signed;
     * {@code timeout} bounds the wait for the response's headers.
     */
    <T> HttpResponse<T> send(String method, URI uri, Map<String, String> headers, byte[] body, String payloadHash,
                             Duration timeout, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        signer.sign(method, uri, headers, payloadHash, clock.instant()).forEach(request::header);
        return http.send(request.build(), handler);
    }
}
