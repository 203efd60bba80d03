package io.slipway.lambda.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Runtime API as a runtime sees it, driven by plain HTTP on loopback. */
class RuntimeApiServerTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RuntimeApiServer api;

    @BeforeEach
    void start() throws Exception {
        api = RuntimeApiServer.start();
    }

    @AfterEach
    void stop() {
        api.close();
        http.close();
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + "/2018-06-01/runtime" + path);
    }

    private CompletableFuture<HttpResponse<String>> next() {
        return http.sendAsync(HttpRequest.newBuilder(uri("/invocation/next")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static PendingInvocation invocation(String id) {
        return new PendingInvocation(id, "{\"k\":1}".getBytes(StandardCharsets.UTF_8), 1_700_000_003_000L,
                "arn:aws:lambda:eu-west-1:111122223333:function:f:live", "Root=1-abc;Sampled=0");
    }

    @Test
    void nextWaitsForAnEventAndCarriesLambdasHeaders() throws Exception {
        CompletableFuture<HttpResponse<String>> next = next();
        assertThat(api.initialized().get(5, TimeUnit.SECONDS)).isInstanceOf(RuntimeReply.Ready.class);
        assertThat(next).isNotDone();

        api.dispatch(invocation("id-1"));
        HttpResponse<String> event = next.get(5, TimeUnit.SECONDS);

        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(event.body()).isEqualTo("{\"k\":1}");
        assertThat(event.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).contains("id-1");
        assertThat(event.headers().firstValue("Lambda-Runtime-Deadline-Ms")).contains("1700000003000");
        assertThat(event.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                .contains("arn:aws:lambda:eu-west-1:111122223333:function:f:live");
        assertThat(event.headers().firstValue("Lambda-Runtime-Trace-Id")).contains("Root=1-abc;Sampled=0");
    }

    @Test
    void responseCompletesTheInvocation() throws Exception {
        PendingInvocation invocation = invocation("id-1");
        CompletableFuture<HttpResponse<String>> next = next();
        api.dispatch(invocation);
        next.get(5, TimeUnit.SECONDS);

        HttpResponse<String> accepted = post("/invocation/id-1/response", "{\"ok\":true}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(invocation.reply().get(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(RuntimeReply.Response.class,
                        r -> assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}"));
    }

    @Test
    void errorCompletesTheInvocationWithTheRuntimesDocument() throws Exception {
        PendingInvocation invocation = invocation("id-1");
        CompletableFuture<HttpResponse<String>> next = next();
        api.dispatch(invocation);
        next.get(5, TimeUnit.SECONDS);
        String doc = "{\"errorMessage\":\"boom\",\"errorType\":\"Error\",\"stackTrace\":[]}";

        assertThat(post("/invocation/id-1/error", doc).statusCode()).isEqualTo(202);
        assertThat(invocation.reply().get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RuntimeReply.Error.class,
                e -> assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo(doc));
    }

    @Test
    void answersForAnotherRequestIdAreRefused() throws Exception {
        PendingInvocation invocation = invocation("id-1");
        CompletableFuture<HttpResponse<String>> next = next();
        api.dispatch(invocation);
        next.get(5, TimeUnit.SECONDS);

        HttpResponse<String> refused = post("/invocation/id-2/response", "{}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("InvalidRequestID");
        assertThat(invocation.reply()).isNotDone();
    }

    @Test
    void initErrorIsAcceptedOnceAndOnlyDuringInit() throws Exception {
        String doc = "{\"errorMessage\":\"bad\",\"errorType\":\"Runtime.ImportModuleError\"}";

        assertThat(post("/init/error", doc).statusCode()).isEqualTo(202);
        assertThat(post("/init/error", doc).statusCode()).isEqualTo(403);
        assertThat(api.initialized().get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RuntimeReply.Error.class,
                e -> assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo(doc));
    }

    @Test
    void anEmptyErrorBodyBecomesADocumentFromTheErrorTypeHeader() throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(uri("/init/error"))
                .header("Lambda-Runtime-Function-Error-Type", "Custom.Failure")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(api.initialized().get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RuntimeReply.Error.class,
                e -> assertThat(new String(e.body(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"errorMessage\":\"Unknown application error occurred\",\"errorType\":\"Custom.Failure\"}"));
    }

    @Test
    void responsesOverSixMegabytesBecomeAnError() throws Exception {
        PendingInvocation invocation = invocation("id-1");
        CompletableFuture<HttpResponse<String>> next = next();
        api.dispatch(invocation);
        next.get(5, TimeUnit.SECONDS);

        HttpResponse<String> refused = post("/invocation/id-1/response", "x".repeat(RuntimeApiServer.MAX_RESPONSE_BYTES + 1));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(invocation.reply().get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(RuntimeReply.Error.class,
                e -> assertThat(new String(e.body(), StandardCharsets.UTF_8)).contains("Function.ResponseSizeTooLarge"));
    }

    @Test
    void processExitFailsWhatWaits() throws Exception {
        PendingInvocation invocation = invocation("id-1");
        api.dispatch(invocation);

        api.processExited("exit status 1");

        assertThat(api.initialized().get(5, TimeUnit.SECONDS)).isEqualTo(new RuntimeReply.Exited("exit status 1"));
        assertThat(invocation.reply().get(5, TimeUnit.SECONDS)).isEqualTo(new RuntimeReply.Exited("exit status 1"));
        PendingInvocation later = invocation("id-2");
        api.dispatch(later);
        assertThat(later.reply()).isCompletedWithValue(new RuntimeReply.Exited("exit status 1"));
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        assertThat(post("/extension/register", "{}").statusCode()).isEqualTo(404);
    }
}
