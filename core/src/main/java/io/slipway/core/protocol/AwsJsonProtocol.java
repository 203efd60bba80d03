package io.slipway.core.protocol;

import io.slipway.core.codec.JsonCodec;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsErrors;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.runtime.Shape;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * awsJson1_1 (and 1_0): {@code POST /}, the operation named by {@code X-Amz-Target: Prefix.Operation},
 * JSON bodies, errors as {@code {"__type": ShapeName, "message": ...}} plus the error shape's members.
 * An operation without output answers with an empty body (still typed as JSON).
 */
public final class AwsJsonProtocol extends Protocol {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_BODY = new byte[0];
    private final Map<String, ServiceBinding> byTargetPrefix = new HashMap<>();
    private final String contentType;

    public AwsJsonProtocol(String version, List<ServiceBinding> services) {
        this.contentType = "application/x-amz-json-" + version;
        services.forEach(s -> byTargetPrefix.put(s.model().targetPrefix(), s));
    }

    @Override
    public boolean serves(String signingName) {
        return byTargetPrefix.values().stream().anyMatch(s -> signingName.equals(s.model().signingName()));
    }

    /**
     * The service a target names must be the one the request is signed for (the classic and the
     * secure agent command services share operations, but not their signing names); a request
     * naming no known target is judged by the protocol's services, and then refused for its target.
     */
    @Override
    public boolean serves(HttpRequest request, String signingName) {
        String target = request.header("x-amz-target");
        int dot = target == null ? -1 : target.lastIndexOf('.');
        ServiceBinding service = dot < 0 ? null : byTargetPrefix.get(target.substring(0, dot));
        return service == null ? serves(signingName) : signingName.equals(service.model().signingName());
    }

    /**
     * Claims requests that name a target, or that are typed as awsJson and sent to "/" (awsJson's
     * only path): older AWS SDKs for Java v2 also type restJson1 requests (Lambda's) as
     * application/x-amz-json-1.1, and those must reach the restJson1 protocol.
     */
    @Override
    public boolean accepts(HttpRequest request) {
        if (request.header("x-amz-target") != null) {
            return true;
        }
        String ct = request.header("content-type");
        return ct != null && ct.startsWith("application/x-amz-json") && "/".equals(request.path());
    }

    @Override
    protected Resolved resolve(HttpRequest request, RequestContext context) {
        String target = request.header("x-amz-target");
        if (target == null || target.isEmpty()) {
            throw AwsErrors.UNKNOWN_OPERATION.exception("Missing X-Amz-Target header");
        }
        int dot = target.lastIndexOf('.');
        ServiceBinding service = dot < 0 ? null : byTargetPrefix.get(target.substring(0, dot));
        Operation operation = service == null ? null
                : service.model().operation(target.substring(dot + 1)).orElse(null);
        if (operation == null) {
            throw AwsErrors.UNKNOWN_OPERATION.exception("Unknown operation " + target);
        }
        String ct = request.header("content-type");
        if (!"POST".equals(request.method()) || ct == null || !ct.startsWith("application/x-amz-json")) {
            throw AwsErrors.UNKNOWN_OPERATION.exception("Operation " + target
                    + " must be sent as POST with Content-Type " + contentType);
        }
        return new Resolved(service, operation, JsonCodec.readStructure(request.body(), operation.input()));
    }

    @Override
    protected HttpResponse encodeOutput(Resolved resolved, Map<String, Object> output, RequestContext context) {
        Operation op = resolved.operation();
        byte[] body = op.output() == null ? NO_BODY
                : output == null ? EMPTY_OBJECT : JsonCodec.writeStructure(op.output(), output);
        return HttpResponse.of(200, contentType, body);
    }

    @Override
    public HttpResponse encodeError(AwsException error, Resolved resolved, RequestContext context) {
        AwsError e = error.error();
        Shape shape = errorShape(e, resolved);
        ErrorBody body = errorBody(error, shape);
        return HttpResponse.of(e.httpStatus(), contentType, JsonCodec.writeError(e.type(), shape, body.fields(), body.looseMessage()))
                .withHeader("x-amzn-ErrorType", e.type());
    }

    @Override
    protected AwsError malformedInputError() {
        return AwsErrors.SERIALIZATION_EXCEPTION;
    }

    @Override
    protected AwsError validationError() {
        return AwsErrors.VALIDATION_EXCEPTION;
    }
}
