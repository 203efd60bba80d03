package io.slipway.core.admin;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests are Slipway's own: a browser opening the root is; S3's ListBuckets never is. */
class AdminEndpointsTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private final AdminEndpoints verifying = new AdminEndpoints(Map.of(
            "/_slipway/console/", new AdminEndpoint() {
                @Override
                public HttpResponse handle(HttpRequest request, RequestContext context) {
                    return HttpResponse.text(200, "text/html", "page");
                }

                @Override
                public boolean isPublic() {
                    return true;
                }
            },
            "/_slipway/secret", (request, context) -> HttpResponse.text(200, "application/json", "{}")),
            Optional.empty(), request -> false);

    private static HttpRequest get(String path, String query, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new HttpRequest("GET", path, query, h, new byte[0]);
    }

    private static RequestContext context() {
        return new RequestContext("r", "000000000000", "us-east-1", "", "", Instant.EPOCH);
    }

    @Test
    void aBrowserOpeningTheRootIsSentToTheConsole() {
        HttpRequest browser = get("/", null, "accept", BROWSER);
        assertThat(AdminEndpoints.claims(browser)).isTrue();
        HttpResponse answer = verifying.handle(browser, context());
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.headers()).containsEntry("Location", "/_slipway/console/");
    }

    @Test
    void listBucketsStaysS3s() {
        assertThat(AdminEndpoints.claims(get("/", null, "accept", "*/*"))).as("no HTML asked").isFalse();
        assertThat(AdminEndpoints.claims(get("/", null))).as("no Accept").isFalse();
        assertThat(AdminEndpoints.claims(get("/", null, "accept", BROWSER, "authorization", "AWS4-HMAC-SHA256 Credential=x")))
                .as("signed").isFalse();
        assertThat(AdminEndpoints.claims(get("/", "X-Amz-Signature=abc", "accept", BROWSER))).as("presigned").isFalse();
        assertThat(AdminEndpoints.claims(get("/bucket", null, "accept", BROWSER))).as("a bucket").isFalse();
    }

    @Test
    void publicFilesNeedNoSignatureButOtherEndpointsDo() {
        assertThat(verifying.handle(get("/_slipway/console/", null), context()).status()).isEqualTo(200);
        HttpResponse refused = verifying.handle(get("/_slipway/secret", null), context());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.bodyText()).startsWith("{\"code\":\"AccessDenied\",");
    }
}
