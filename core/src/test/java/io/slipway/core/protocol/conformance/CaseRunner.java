package io.slipway.core.protocol.conformance;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.core.protocol.Protocol;
import io.slipway.core.protocol.ServiceBinding;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.runtime.ServiceModel;
import io.slipway.model.runtime.Shape;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestDefinition;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpMalformedResponseDefinition;
import software.amazon.smithy.protocoltests.traits.HttpMessageTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestCase;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs one case through the real protocol with {@link Protocol#handle}: a request case checks the
 * input the protocol dispatches; a response case has the stand-in service answer with the case's
 * params (as output, or as the members of a thrown error) and checks status, headers and body; a
 * malformed case checks the rejection's status and headers.
 */
final class CaseRunner {
    private final ProtocolSuite suite;
    private final ServiceModel service;

    CaseRunner(ProtocolSuite suite, ServiceModel service) {
        this.suite = suite;
        this.service = service;
    }

    void run(ConformanceCase c) throws Exception {
        Operation op = service.operation(c.operation().getId().getName()).orElseThrow();
        switch (c.kind()) {
            case REQUEST -> request((HttpRequestTestCase) c.testCase(), op);
            case RESPONSE -> response((HttpResponseTestCase) c.testCase(), op, c.error() == null ? null
                    : op.errors().stream().filter(e -> e.name().equals(c.error().getName())).findFirst().orElseThrow());
            case MALFORMED -> malformed((HttpMalformedRequestTestCase) c.testCase());
        }
    }

    private void request(HttpRequestTestCase t, Operation op) {
        CapturingDispatcher dispatcher = new CapturingDispatcher(service, o -> new LinkedHashMap<>());
        Protocol.Answer answer = suite.protocol(new ServiceBinding(dispatcher)).handle(httpRequest(t.getMethod(),
                t.getUri(), t.getQueryParams(), t.getHeaders(), t.getBody()), context());
        if (dispatcher.operation == null) {
            fail("not dispatched: " + answer.response().status() + " " + answer.response().bodyText());
        }
        assertThat(dispatcher.operation.name()).isEqualTo(op.name());
        Map<String, Object> expected = op.input() == null ? Map.of() : ParamsDocument.input(t.getParams(), op.input());
        DocumentDiff.between(expected, dispatcher.input).ifPresent(d -> fail("decoded input: " + d));
    }

    private void response(HttpResponseTestCase t, Operation op, Shape error) throws Exception {
        CapturingDispatcher dispatcher = new CapturingDispatcher(service, o -> {
            if (error != null) {
                throw thrown(error, ParamsDocument.output(t.getParams(), error));
            }
            return o.output() == null ? null : ParamsDocument.output(t.getParams(), o.output());
        });
        HttpResponse response = suite.protocol(new ServiceBinding(dispatcher)).handle(suite.call(service, op), context())
                .response();
        assertThat(response.status()).as("status; body %s", response.bodyText()).isEqualTo(t.getCode());
        headers(t, response);
        if (t.getBody().isPresent()) {
            body(t, response.bodyText()).ifPresent(d -> fail(d));
        }
    }

    /** The error a service throws: the message from the shape's message member, the other members as fields. */
    private static AwsException thrown(Shape error, Map<String, Object> fields) {
        String message = null;
        for (Member m : error.members()) {
            if (m.name().equalsIgnoreCase("message") && fields.get(m.name()) instanceof String s) {
                message = s;
            }
        }
        return error.error().exception(message, fields);
    }

    private static void headers(HttpMessageTestCase t, HttpResponse response) {
        Map<String, String> actual = lowerCaseHeaders(response);
        t.getHeaders().forEach((name, value) ->
                assertThat(actual.get(name.toLowerCase(Locale.ROOT))).as("header " + name).isEqualTo(value));
        t.getRequireHeaders().forEach(name -> assertThat(actual).as("required header").containsKey(name.toLowerCase(Locale.ROOT)));
        t.getForbidHeaders().forEach(name -> assertThat(actual).as("forbidden header").doesNotContainKey(name.toLowerCase(Locale.ROOT)));
    }

    private Optional<String> body(HttpMessageTestCase t, String actual) throws Exception {
        String expected = t.getBody().orElseThrow();
        if (expected.isEmpty()) {
            return actual.isEmpty() ? Optional.empty() : Optional.of("expected no body, got " + actual);
        }
        String mediaType = t.getBodyMediaType().orElse(suite.bodyMediaType);
        if (mediaType.endsWith("json")) {
            return BodyComparison.json(expected, actual);
        }
        if (mediaType.endsWith("xml")) {
            return BodyComparison.xml(expected, actual);
        }
        return expected.equals(actual) ? Optional.empty() : Optional.of("expected body '" + expected + "', got '" + actual + "'");
    }

    /**
     * A malformed request must be answered with the case's status and headers, and its body
     * (when the case gives one) must equal the case's JSON or carry a message matching its pattern.
     */
    private void malformed(HttpMalformedRequestTestCase t) throws Exception {
        CapturingDispatcher dispatcher = new CapturingDispatcher(service, o -> new LinkedHashMap<>());
        HttpMalformedRequestDefinition r = t.getRequest();
        HttpResponse response = suite.protocol(new ServiceBinding(dispatcher)).handle(httpRequest(r.getMethod(),
                r.getUri().orElse("/"), r.getQueryParams(), r.getHeaders(), r.getBody()), context()).response();
        HttpMalformedResponseDefinition expected = t.getResponse();
        assertThat(response.status()).as("status; body %s", response.bodyText()).isEqualTo(expected.getCode());
        Map<String, String> actual = lowerCaseHeaders(response);
        expected.getHeaders().forEach((name, value) ->
                assertThat(actual.get(name.toLowerCase(Locale.ROOT))).as("header " + name).isEqualTo(value));
        if (expected.getBody().isPresent()) {
            var body = expected.getBody().get();
            if (body.getContents().isPresent()) {
                BodyComparison.json(body.getContents().get(), response.bodyText()).ifPresent(d -> fail(d));
            }
            if (body.getMessageRegex().isPresent()) {
                String message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.bodyText())
                        .path("message").asText();
                assertThat(message).as("message").matches(body.getMessageRegex().get());
            }
        }
    }

    /** The response's headers by lower-case name, with the Content-Length the transport writes for every body. */
    private static Map<String, String> lowerCaseHeaders(HttpResponse response) {
        Map<String, String> actual = new HashMap<>();
        response.headers().forEach((k, v) -> actual.put(k.toLowerCase(Locale.ROOT), v));
        if (response.status() != 204 && response.status() >= 200) {
            actual.putIfAbsent("content-length", String.valueOf(response.body().length));
        }
        return actual;
    }

    private static HttpRequest httpRequest(String method, String uri, List<String> queryParams,
                                           Map<String, String> caseHeaders, Optional<String> body) {
        int q = uri.indexOf('?');
        List<String> query = new ArrayList<>();
        if (q >= 0) {
            query.add(uri.substring(q + 1));
        }
        query.addAll(queryParams);
        Map<String, String> headers = new HashMap<>();
        caseHeaders.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        return new HttpRequest(method, q >= 0 ? uri.substring(0, q) : uri,
                query.isEmpty() ? null : String.join("&", query), headers,
                body.orElse("").getBytes(StandardCharsets.UTF_8));
    }

    private RequestContext context() {
        return new RequestContext("conformance-request", "123456789012", "us-east-1", service.signingName(),
                "AKIDEXAMPLE", Instant.EPOCH);
    }
}
