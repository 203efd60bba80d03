package io.slipway.core.protocol;

import io.slipway.core.codec.HttpBindings;
import io.slipway.core.codec.JsonCodec;
import io.slipway.core.codec.JsonDialect;
import io.slipway.core.codec.MalformedInputException;
import io.slipway.core.codec.UriDecoding;
import io.slipway.core.codec.UriTemplate;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.identity.SignatureErrors;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsErrors;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * restJson1 (Lambda): the operation is the one whose method and URI template match the request
 * (see {@link RestRoutes}); input members come from URI labels, query parameters, headers and
 * the body, as each member's {@code location} says ({@link HttpBindings}); the body is a JSON
 * object of the remaining members, or the raw payload member. Output goes the same way back, with
 * the operation's success status unless a {@code statusCode} member says otherwise. Errors are a
 * JSON object of the error shape's members with the error's name in {@code X-Amzn-ErrorType}.
 */
public final class RestJsonProtocol extends Protocol {
    private static final String JSON = "application/json";
    private static final byte[] NO_BODY = new byte[0];
    /** A path no operation has: 404, as rest services answer. */
    private static final AwsError UNKNOWN_OPERATION =
            new AwsError("UnknownOperationException", "UnknownOperationException", 404, true);
    private static final AwsError NOT_ACCEPTABLE =
            new AwsError("NotAcceptableException", "NotAcceptableException", 406, true);
    private final RestRoutes routes;
    private final java.util.Set<String> signingNames;

    public RestJsonProtocol(List<ServiceBinding> services) {
        this.routes = new RestRoutes(services);
        this.signingNames = services.stream().map(s -> s.model().signingName()).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public boolean serves(String signingName) {
        return signingNames.contains(signingName);
    }

    @Override
    public SignatureErrors signatureErrors() {
        return SignatureErrors.REST_JSON;
    }

    /** No operation's path fits the request's. */
    @Override
    public HttpResponse encodeUnclaimed(RequestContext context) {
        return encodeError(UNKNOWN_OPERATION.exception("The request path names no operation of this service"), context);
    }

    /**
     * Claims a request whose path fits one of the operations' URI templates, whatever the method;
     * a path that does not decode is matched as it came, so that its error is this protocol's.
     */
    @Override
    public boolean accepts(HttpRequest request) {
        try {
            return routes.anyPathMatches(UriDecoding.pathSegments(request.path()));
        } catch (MalformedInputException e) {
            return routes.anyPathMatches(UriTemplate.split(request.path()));
        }
    }

    @Override
    protected Resolved resolve(HttpRequest request, RequestContext context) {
        Map<String, List<String>> query;
        String[] segments;
        try {
            query = UriDecoding.query(request.rawQuery());
            segments = UriDecoding.pathSegments(request.path());
        } catch (MalformedInputException e) {
            // a name that does not decode fails its pattern on AWS: a validation error, not a body's serialization one
            throw AwsErrors.VALIDATION_EXCEPTION.exception(e.getMessage());
        }
        RestRoutes.Match match = routes.find(request.method(), segments, query);
        if (match == null) {
            throw UNKNOWN_OPERATION.exception("No operation answers " + request.method() + " " + request.path());
        }
        Operation op = match.route().operation();
        checkAccept(request, op.output());
        Map<String, Object> input = new LinkedHashMap<>();
        Shape shape = op.input();
        if (shape != null) {
            readBody(request, shape, input);
            HttpBindings.read(shape, match.labels(), query, match.route().template()::isLiteralQuery,
                    request.headers(), input);
        }
        return new Resolved(match.route().service(), op, input);
    }

    private static void readBody(HttpRequest request, Shape input, Map<String, Object> into) {
        byte[] body = request.body();
        Member payload = payloadMember(input);
        if (body.length == 0) {
            return;
        }
        if (payload == null) {
            // A body for an input without body members is ignored, not refused: the AWS SDK for
            // JavaScript v2 sends "{}" with every POST and PUT.
            if (input.members().stream().anyMatch(JsonDialect::inRequestBody)) {
                requireJson(request);
                into.putAll(JsonCodec.readRestJsonBody(body, input));
            }
            return;
        }
        Shape target = payload.target();
        Object value = switch (target.type()) {
            // The model has no media type for blob and string payloads (Lambda's Invoke takes any),
            // so their Content-Type is not checked.
            case BLOB -> body;
            case STRING -> new String(body, StandardCharsets.UTF_8);
            default -> {
                requireJson(request);
                Object read = JsonCodec.readRestJsonValue(body, target);
                // "{}" is what clients send for an unset structure payload (Smithy's RestJsonHttpWithEmptyStructurePayload)
                yield target.type() == ShapeType.STRUCTURE && read instanceof Map<?, ?> m && m.isEmpty()
                        && !payload.isRequired() ? null : read;
            }
        };
        if (value != null) {
            into.put(payload.name(), value);
        }
    }

    /**
     * A JSON body that names a media type must name a JSON one. application/json is restJson1's;
     * older AWS SDKs for Java send application/x-amz-json-1.1 (v2) or an empty Content-Type (v1,
     * Lambda), and hand-written clients often send none, so those are read as JSON too.
     */
    private static void requireJson(HttpRequest request) {
        String ct = request.header("content-type");
        String mediaType = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.isEmpty() && !mediaType.equals(JSON) && !mediaType.startsWith("application/x-amz-json-")) {
            throw AwsErrors.UNSUPPORTED_MEDIA_TYPE.exception("Expected Content-Type " + JSON + ", got " + ct);
        }
    }

    /** An Accept header that rules JSON out cannot be answered by an operation whose output is JSON. */
    private static void checkAccept(HttpRequest request, Shape output) {
        String accept = request.header("accept");
        if (accept == null || output == null || !answersJson(output)) {
            return;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(JSON) || type.equals("*/*") || type.equals("application/*")) {
                return;
            }
        }
        throw NOT_ACCEPTABLE.exception("Cannot answer with any of " + accept + "; the answer is " + JSON);
    }

    private static boolean answersJson(Shape output) {
        Member payload = payloadMember(output);
        return payload == null || switch (payload.target().type()) {
            case BLOB, STRING -> false;
            default -> true;
        };
    }

    @Override
    protected HttpResponse encodeOutput(Resolved resolved, Map<String, Object> output, RequestContext context) {
        Operation op = resolved.operation();
        Shape shape = op.output();
        Map<String, Object> doc = output == null ? Map.of() : output;
        Integer bound = shape == null ? null : HttpBindings.statusCode(shape, doc);
        int status = bound != null ? bound : op.successCode() > 0 ? op.successCode() : 200;
        HttpResponse response;
        if (shape == null || status == 204 || status == 304) {
            // no output, or a status that forbids a body
            response = new HttpResponse(status, new LinkedHashMap<>(4), NO_BODY);
        } else {
            Member payload = payloadMember(shape);
            response = payload == null ? HttpResponse.of(status, JSON, JsonCodec.writeRestJsonBody(shape, doc))
                    : payloadResponse(status, payload, doc.get(payload.name()));
        }
        if (shape != null) {
            HttpBindings.writeHeaders(shape, doc, (name, value) -> setHeader(response, name, value));
        }
        return response;
    }

    private static HttpResponse payloadResponse(int status, Member payload, Object value) {
        if (value == null) {
            return new HttpResponse(status, new LinkedHashMap<>(4), NO_BODY);
        }
        return switch (payload.target().type()) {
            case BLOB -> HttpResponse.of(status, "application/octet-stream", (byte[]) value);
            case STRING -> HttpResponse.text(status, "text/plain", (String) value);
            default -> HttpResponse.of(status, JSON, JsonCodec.writeRestJsonValue(payload.target(), value));
        };
    }

    @Override
    public HttpResponse encodeError(AwsException error, Resolved resolved, RequestContext context) {
        AwsError e = error.error();
        Shape shape = errorShape(e, resolved);
        ErrorBody body = errorBody(error, shape);
        HttpResponse response = HttpResponse.of(e.httpStatus(), JSON, JsonCodec.writeRestJsonError(shape, body.fields(), body.looseMessage()))
                .withHeader("X-Amzn-ErrorType", e.type());
        if (shape != null) {
            HttpBindings.writeHeaders(shape, body.fields(), (name, value) -> setHeader(response, name, value));
        }
        return response;
    }

    /** Sets a header, replacing one of the same name in any case (a member may bind Content-Type). */
    private static void setHeader(HttpResponse response, String name, String value) {
        response.headers().keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        response.headers().put(name, value);
    }

    /** The member bound to the whole body, or null. */
    private static Member payloadMember(Shape shape) {
        for (Member m : shape.members()) {
            if (m.isPayload()) {
                return m;
            }
        }
        return null;
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
