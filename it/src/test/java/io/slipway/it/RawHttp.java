package io.slipway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Hand-made requests, for what no SDK would send: malformed bodies, wrong headers, unknown operations. */
final class RawHttp {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private RawHttp() {
    }

    static HttpResponse<String> post(String endpoint, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    static HttpResponse<String> put(String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    static HttpResponse<String> get(String url, String... headers) {
        return request("GET", url, headers);
    }

    /** A GET whose body is kept as bytes (a zip, say). */
    static HttpResponse<byte[]> bytes(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bodiless request with any method. */
    static HttpResponse<String> request(String method, String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** A SigV4-shaped Authorization header for a key's credential scope (Slipway reads the scope; it does not verify). */
    static String[] signedAs(String accessKeyId, String region) {
        return new String[] {"Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/20260301/" + region
                + "/codedeploy/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64)};
    }

    static HttpResponse<String> json(String endpoint, String target, String body) {
        return post(endpoint, body, "Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target);
    }

    static HttpResponse<String> query(String endpoint, String form) {
        return post(endpoint, form, "Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
