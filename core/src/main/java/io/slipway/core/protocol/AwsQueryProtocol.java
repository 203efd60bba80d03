package io.slipway.core.protocol;

import io.slipway.core.codec.FormParser;
import io.slipway.core.codec.QueryDecoder;
import io.slipway.core.codec.XmlEncoder;
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

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * awsQuery: form-encoded {@code Action=Op&Version=...} (POST body or GET query string), XML answers
 * in the {@code <OpResponse><OpResult>} envelope, errors as {@code <ErrorResponse>} with the error
 * shape's members after Type, Code and Message. The service is the one the SigV4 credential scope
 * names, else the one that has the action.
 */
public final class AwsQueryProtocol extends Protocol {
    private static final String FORM = "application/x-www-form-urlencoded";
    private final Map<String, ServiceBinding> bySigningName = new HashMap<>();
    private final List<ServiceBinding> services;

    public AwsQueryProtocol(List<ServiceBinding> services) {
        this.services = services;
        services.forEach(s -> bySigningName.put(s.model().signingName(), s));
    }

    @Override
    public boolean serves(String signingName) {
        return bySigningName.containsKey(signingName);
    }

    @Override
    public SignatureErrors signatureErrors() {
        return SignatureErrors.AWS_QUERY;
    }

    /** STS's AssumeRoleWithWebIdentity and AssumeRoleWithSAML: the token in the request is the credential. */
    @Override
    public boolean allowsUnsigned(HttpRequest request) {
        String action = parameters(request).get("Action");
        return action != null && services.stream().anyMatch(s -> s.model().operation(action).filter(Operation::unsigned).isPresent());
    }

    /** Not a form posted to "/": no Action can be read from it. */
    @Override
    public HttpResponse encodeUnclaimed(RequestContext context) {
        return encodeError(AwsErrors.MISSING_ACTION.exception("The request must contain the parameter Action"), context);
    }

    @Override
    public boolean accepts(HttpRequest request) {
        // awsQuery always posts to "/": a form content type elsewhere is a rest request from a client
        // (such as HttpURLConnection) that labels every POST as a form
        if (!request.path().equals("/")) {
            return false;
        }
        String ct = request.header("content-type");
        if (ct != null && ct.startsWith(FORM)) {
            return true;
        }
        String q = request.rawQuery();
        return "GET".equals(request.method()) && q != null && (q.startsWith("Action=") || q.contains("&Action="));
    }

    /** Parameters of the query string and the form body together (the body wins on a clash). */
    private static Map<String, String> parameters(HttpRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        if (request.body().length > 0) {
            FormParser.parse(new String(request.body(), StandardCharsets.UTF_8), params);
        }
        FormParser.parse(request.rawQuery(), params);
        return params;
    }

    @Override
    protected Resolved resolve(HttpRequest request, RequestContext context) {
        Map<String, String> params = parameters(request);
        String action = params.get("Action");
        if (action == null || action.isEmpty()) {
            throw AwsErrors.MISSING_ACTION.exception("Missing required parameter Action");
        }
        ServiceBinding service = serviceFor(context, action);
        Operation operation = service == null ? null : service.model().operation(action).orElse(null);
        if (operation == null) {
            throw AwsErrors.INVALID_ACTION.exception("Could not find operation " + action
                    + (service == null ? "" : " for version " + service.model().apiVersion()));
        }
        Map<String, Object> input = operation.input() == null ? new LinkedHashMap<>()
                : QueryDecoder.decode(params, operation.input());
        return new Resolved(service, operation, input);
    }

    private ServiceBinding serviceFor(RequestContext context, String action) {
        ServiceBinding byScope = bySigningName.get(context.service());
        if (byScope != null) {
            return byScope;
        }
        for (ServiceBinding s : services) {
            if (s.model().operation(action).isPresent()) {
                return s;
            }
        }
        return null;
    }

    @Override
    protected HttpResponse encodeOutput(Resolved resolved, Map<String, Object> output, RequestContext context) {
        Operation op = resolved.operation();
        XmlEncoder xml = new XmlEncoder().start(op.name() + "Response", resolved.service().model().xmlNamespace());
        if (op.output() != null) {
            xml.start(op.resultWrapper() != null ? op.resultWrapper() : op.name() + "Result", null);
            xml.members(op.output(), output == null ? Map.of() : output).end();
        }
        xml.start("ResponseMetadata", null).text("RequestId", context.requestId()).end().end();
        return HttpResponse.of(200, "text/xml", xml.toBytes());
    }

    @Override
    public HttpResponse encodeError(AwsException error, Resolved resolved, RequestContext context) {
        AwsError e = error.error();
        String namespace = resolved != null ? resolved.service().model().xmlNamespace()
                : services.isEmpty() ? null : namespaceFor(context);
        Shape shape = errorShape(e, resolved);
        Member messageMember = messageMember(shape);
        Map<String, Object> fields = new LinkedHashMap<>(error.fields());
        // <Message> is always named so, whatever the shape calls its message member
        Object modelledMessage = messageMember == null ? null : fields.remove(messageMember.name());
        String message = error.getMessage() != null ? error.getMessage()
                : modelledMessage instanceof String s ? s : null;
        XmlEncoder xml = new XmlEncoder().start("ErrorResponse", namespace).start("Error", null)
                .text("Type", e.sender() ? "Sender" : "Receiver").text("Code", e.code());
        if (message != null) {
            xml.text("Message", message);
        }
        if (shape != null) {
            xml.members(shape, fields);
        }
        xml.end().text("RequestId", context.requestId()).end();
        return HttpResponse.of(e.httpStatus(), "text/xml", xml.toBytes());
    }

    private String namespaceFor(RequestContext context) {
        ServiceBinding s = bySigningName.get(context.service());
        return (s != null ? s : services.getFirst()).model().xmlNamespace();
    }

    @Override
    protected AwsError malformedInputError() {
        return AwsErrors.MALFORMED_QUERY_STRING;
    }

    @Override
    protected AwsError validationError() {
        return AwsErrors.VALIDATION_ERROR;
    }

    @Override
    protected AwsError uriError() {
        return AwsErrors.MALFORMED_QUERY_STRING;
    }
}
