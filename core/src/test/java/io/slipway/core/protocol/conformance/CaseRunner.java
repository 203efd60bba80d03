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
 * params (as output, or as the members of a thrown error) and checks status, headers and body.
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
        if (c.request()) {
            request((HttpRequestTestCase) c.testCase(), op);
        } else {
            response((HttpResponseTestCase) c.testCase(), op, c.error() == null ? null
                    : op.errors().stream().filter(e -> e.name().equals(c.error().getName())).findFirst().orElseThrow());
        }
    }

    private void request(HttpRequestTestCase t, Operation op) {
        CapturingDispatcher dispatcher = new CapturingDispatcher(service, o -> new LinkedHashMap<>());
        Protocol.Answer answer = suite.protocol(new ServiceBinding(dispatcher)).handle(httpRequest(t), context());
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
        Map<String, String> actual = new HashMap<>();
        response.headers().forEach((k, v) -> actual.put(k.toLowerCase(Locale.ROOT), v));
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
        String mediaType = t.getBodyMediaType().orElse(suite == ProtocolSuite.AWS_QUERY ? "application/xml" : "application/json");
        return mediaType.endsWith("json") ? BodyComparison.json(expected, actual) : BodyComparison.xml(expected, actual);
    }

    private static HttpRequest httpRequest(HttpRequestTestCase t) {
        String uri = t.getUri();
        int q = uri.indexOf('?');
        List<String> query = new ArrayList<>();
        if (q >= 0) {
            query.add(uri.substring(q + 1));
        }
        query.addAll(t.getQueryParams());
        Map<String, String> headers = new HashMap<>();
        t.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        return new HttpRequest(t.getMethod(), q >= 0 ? uri.substring(0, q) : uri,
                query.isEmpty() ? null : String.join("&", query), headers,
                t.getBody().orElse("").getBytes(StandardCharsets.UTF_8));
    }

    private RequestContext context() {
        return new RequestContext("conformance-request", "123456789012", "us-east-1", service.signingName(),
                "AKIDEXAMPLE", Instant.EPOCH);
    }
}
