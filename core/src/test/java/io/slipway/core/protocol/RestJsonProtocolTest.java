package io.slipway.core.protocol;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.lambda.LambdaErrors;
import io.slipway.model.lambda.LambdaModel;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.OperationDispatcher;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.runtime.ServiceModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** restJson1 against the generated Lambda model: routing, bindings, statuses and errors as Lambda's clients see them. */
class RestJsonProtocolTest {
    private static final String FUNCTIONS = "/2015-03-31/functions/";
    private static final RequestContext CONTEXT = new RequestContext("req-1", "123456789012", "us-east-1", "lambda",
            "AKIDEXAMPLE", Instant.EPOCH);

    /** Records what was dispatched and answers as told. */
    private static final class Recorder implements OperationDispatcher {
        final Function<Operation, Map<String, Object>> answer;
        Operation operation;
        Map<String, Object> input;

        Recorder(Function<Operation, Map<String, Object>> answer) {
            this.answer = answer;
        }

        @Override
        public ServiceModel model() {
            return LambdaModel.MODEL;
        }

        @Override
        public Map<String, Object> dispatch(Operation operation, Map<String, Object> input, RequestContext context) {
            this.operation = operation;
            this.input = input;
            return answer.apply(operation);
        }
    }

    private final Recorder lambda = new Recorder(op -> new LinkedHashMap<>());
    private final RestJsonProtocol protocol = new RestJsonProtocol(List.of(new ServiceBinding(lambda)));

    private HttpResponse send(String method, String path, String query, Map<String, String> headers, String body) {
        return protocol.handle(new HttpRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8)),
                CONTEXT).response();
    }

    private HttpResponse send(String method, String path, String query) {
        return send(method, path, query, Map.of(), "");
    }

    @Test
    void theMostSpecificTemplateWins() {
        send("GET", FUNCTIONS + "my-function", null);
        assertThat(lambda.operation.name()).isEqualTo("GetFunction");
        send("GET", FUNCTIONS + "my-function/configuration", null);
        assertThat(lambda.operation.name()).isEqualTo("GetFunctionConfiguration");
        send("GET", "/2018-10-31/layers", "find=LayerVersion&Arn=arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Alayer%3Al%3A1");
        assertThat(lambda.operation.name()).isEqualTo("GetLayerVersionByArn");
        send("GET", "/2018-10-31/layers", null);
        assertThat(lambda.operation.name()).isEqualTo("ListLayers");
        send("GET", "/2019-09-30/functions/f/provisioned-concurrency", "List=ALL");
        assertThat(lambda.operation.name()).isEqualTo("ListProvisionedConcurrencyConfigs");
    }

    @Test
    void labelsAreDecodedAndQueryAndHeadersBound() {
        send("POST", FUNCTIONS + "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af/invocations",
                "Qualifier=live", Map.of("x-amz-invocation-type", "Event", "x-amz-log-type", "Tail"), "");
        assertThat(lambda.operation.name()).isEqualTo("Invoke");
        assertThat(lambda.input).containsEntry("FunctionName", "arn:aws:lambda:us-east-1:123456789012:function:f")
                .containsEntry("Qualifier", "live").containsEntry("InvocationType", "Event").containsEntry("LogType", "Tail");
        send("GET", "/2015-03-31/functions", "MaxItems=5&Marker=abc");
        assertThat(lambda.input).containsEntry("MaxItems", 5).containsEntry("Marker", "abc");
    }

    @Test
    void theInvokePayloadIsTheRawBody() {
        Assumptions.assumeTrue(LambdaModel.MODEL.operation("Invoke").orElseThrow().input().member("Payload").isPayload(),
                "the generated Lambda model does not mark InvocationRequest.Payload as its payload yet");
        send("POST", FUNCTIONS + "f/invocations", null, Map.of(), "{\"key\": 1}");
        assertThat(new String((byte[]) lambda.input.get("Payload"), StandardCharsets.UTF_8)).isEqualTo("{\"key\": 1}");
    }

    @Test
    void aJsonBodyIsReadAndTheModelledSuccessCodeAnswered() {
        HttpResponse r = send("POST", "/2015-03-31/functions", null, Map.of("content-type", "application/json"),
                "{\"FunctionName\": \"f\", \"Role\": \"arn:aws:iam::123456789012:role/r\", \"Runtime\": \"python3.12\","
                        + " \"Code\": {\"S3Bucket\": \"bucket\", \"S3Key\": \"k\"}}");
        assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
        assertThat(lambda.operation.name()).isEqualTo("CreateFunction");
        assertThat(lambda.input).containsEntry("FunctionName", "f").containsEntry("Runtime", "python3.12");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.headers()).containsEntry("Content-Type", "application/json");
        assertThat(r.bodyText()).isEqualTo("{}");
    }

    @Test
    void olderSdksContentTypesAreReadAsJsonAndOthersRefused() {
        String body = "{\"Description\": \"d\"}";
        String path = FUNCTIONS + "f/configuration";
        for (String ct : List.of("application/x-amz-json-1.1", "", "application/json; charset=utf-8")) {
            lambda.input = null;
            assertThat(send("PUT", path, null, Map.of("content-type", ct), body).status()).as(ct).isEqualTo(200);
            assertThat(lambda.input).as(ct).containsEntry("Description", "d");
        }
        HttpResponse text = send("PUT", path, null, Map.of("content-type", "text/plain"), body);
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.headers()).containsEntry("X-Amzn-ErrorType", "UnsupportedMediaTypeException");
        // awsJson comes first in the Router and must leave such a request to restJson1
        assertThat(new AwsJsonProtocol("1.1", List.of()).accepts(new HttpRequest("PUT", path, null,
                Map.of("content-type", "application/x-amz-json-1.1"), new byte[0]))).isFalse();
    }

    @Test
    void aStatusCodeMemberSetsTheStatusAnd204HasNoBody() {
        Recorder deleting = new Recorder(op -> new HashMap<>(Map.of("StatusCode", 204)));
        HttpResponse r = new RestJsonProtocol(List.of(new ServiceBinding(deleting)))
                .handle(new HttpRequest("DELETE", FUNCTIONS + "f", null, Map.of(), new byte[0]), CONTEXT).response();
        assertThat(deleting.operation.name()).isEqualTo("DeleteFunction");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void modelledErrorsCarryTheirStatusTypeHeaderAndMembers() {
        Recorder missing = new Recorder(op -> {
            throw LambdaErrors.RESOURCE_NOT_FOUND.exception("Function not found: f", Map.of("Type", "User"));
        });
        HttpResponse r = new RestJsonProtocol(List.of(new ServiceBinding(missing)))
                .handle(new HttpRequest("GET", FUNCTIONS + "f", null, Map.of(), new byte[0]), CONTEXT).response();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.headers()).containsEntry("X-Amzn-ErrorType", "ResourceNotFoundException");
        assertThat(r.bodyText()).isEqualTo("{\"Type\":\"User\",\"Message\":\"Function not found: f\"}");
    }

    @Test
    void malformedAndInvalidInputGetTheGenericErrors() {
        HttpResponse bad = send("GET", "/2015-03-31/functions", "MaxItems=five");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.headers()).containsEntry("X-Amzn-ErrorType", "SerializationException");
        HttpResponse invalid = send("GET", "/2015-03-31/functions", "MaxItems=0");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.headers()).containsEntry("X-Amzn-ErrorType", "ValidationException");
        assertThat(invalid.bodyText()).contains("failed to satisfy constraint");
    }

    @Test
    void claimsOnlyPathsOfItsOperations() {
        assertThat(protocol.accepts(new HttpRequest("POST", "/", null, Map.of("x-amz-target", "X.Y"), new byte[0]))).isFalse();
        assertThat(protocol.accepts(new HttpRequest("GET", "/nothing/here", null, Map.of(), new byte[0]))).isFalse();
        assertThat(protocol.accepts(new HttpRequest("PATCH", FUNCTIONS + "f", null, Map.of(), new byte[0]))).isTrue();
        HttpResponse wrongMethod = send("PATCH", FUNCTIONS + "f", null);
        assertThat(wrongMethod.status()).isEqualTo(404);
        assertThat(wrongMethod.headers()).containsEntry("X-Amzn-ErrorType", "UnknownOperationException");
    }
}
