package io.slipway.core.protocol;

import io.slipway.core.codec.MalformedInputException;
import io.slipway.core.http.HttpProblem;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsErrors;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.runtime.RetryableConflict;
import io.slipway.model.runtime.Shape;

import java.util.List;
import java.util.Map;

/**
 * One AWS wire protocol: how a request names its operation, how input is decoded and output and
 * errors are encoded. The steps in between (validate, dispatch) are the same for all protocols.
 */
public abstract class Protocol implements WireProtocol {

    /** Whether this protocol claims the request (by header, content type or form). */
    @Override
    public abstract boolean accepts(HttpRequest request);

    protected abstract Resolved resolve(HttpRequest request, RequestContext context);

    protected abstract HttpResponse encodeOutput(Resolved resolved, Map<String, Object> output, RequestContext context);

    public abstract HttpResponse encodeError(AwsException error, Resolved resolved, RequestContext context);

    /** The error a malformed body is answered with in this protocol. */
    protected abstract AwsError malformedInputError();

    /** The generic validation error of this protocol. */
    protected abstract AwsError validationError();

    /** The error for a request URI that does not decode (awsQuery has its own). */
    protected AwsError uriError() {
        return validationError();
    }

    /** An operation found for a request, with its decoded input. */
    public record Resolved(ServiceBinding service, Operation operation, Map<String, Object> input) {
    }

    @Override
    public final HttpResponse encodeError(AwsException error, RequestContext context) {
        return encodeError(error, null, context);
    }

    /*
     * AWS's JSON and query front ends have no documented codes for broken HTTP; these follow the
     * protocols' generic errors (UNVERIFIED: RequestTimeout's 408 is HTTP's status, not an answer
     * seen from AWS). A version or transfer coding Slipway does not speak is the client's fault
     * (400), not a 5xx: only operations not built yet answer 501.
     */
    private static final AwsError REQUEST_TIMEOUT = new AwsError("RequestTimeoutException", "RequestTimeout", 408, true);

    @Override
    public final HttpResponse encodeMalformed(HttpProblem problem, String message, RequestContext context) {
        AwsError error = switch (problem) {
            case BAD_URI -> uriError();
            case REQUEST_TIMEOUT -> REQUEST_TIMEOUT;
            case BAD_REQUEST, METHOD_NOT_ALLOWED, HEADERS_TOO_LARGE, INCOMPLETE_BODY, VERSION_NOT_SUPPORTED,
                 TRANSFER_ENCODING_NOT_IMPLEMENTED -> validationError();
        };
        return encodeError(error.exception(message), null, context);
    }

    @Override
    public final Answer handle(HttpRequest request, RequestContext context) {
        Resolved resolved = null;
        try {
            try {
                resolved = resolve(request, context);
            } catch (MalformedInputException e) {
                throw malformedInputError().exception(e.getMessage());
            }
            Shape input = resolved.operation().input();
            List<Violation> violations = input == null ? List.of() : Validator.validate(input, resolved.input());
            if (!violations.isEmpty()) {
                throw resolved.service().validation().toException(resolved.operation(), violations, validationError());
            }
            Map<String, Object> output = resolved.service().dispatcher()
                    .dispatch(resolved.operation(), resolved.input(), context);
            return new Answer(encodeOutput(resolved, output, context), resolved.operation().name());
        } catch (AwsException e) {
            return new Answer(encodeError(e, resolved, context), name(resolved));
        } catch (RetryableConflict e) {
            return new Answer(encodeError(AwsErrors.THROTTLING.exception("Rate exceeded"), resolved, context), name(resolved));
        } catch (RuntimeException e) {
            // A bug, not an answer: log it for the operator, never show the client a stack trace.
            System.err.println("[" + context.requestId() + "] internal failure: " + e);
            e.printStackTrace(System.err);
            return new Answer(encodeError(AwsErrors.INTERNAL_FAILURE.exception("An internal error occurred"),
                    resolved, context), name(resolved));
        }
    }

    /** The modelled shape of an error the operation declares, or null (generic errors, unknown operation). */
    protected static Shape errorShape(AwsError error, Resolved resolved) {
        if (resolved == null) {
            return null;
        }
        for (Shape s : resolved.operation().errors()) {
            if (s.error() != null && s.error().type().equals(error.type())) {
                return s;
            }
        }
        return null;
    }

    /** The member an error shape keeps its message in ("message" or "Message"), or null. */
    /** An error's body members, with a plain message moved into the member the shape names for it, if any. */
    protected record ErrorBody(Map<String, Object> fields, String looseMessage) {
    }

    protected static ErrorBody errorBody(AwsException error, Shape shape) {
        Member messageMember = messageMember(shape);
        Map<String, Object> fields = error.fields();
        String looseMessage = error.getMessage();
        if (looseMessage != null && messageMember != null) {
            // the shape names its message member ("message", or Lambda's "Message"): the message goes there
            fields = new java.util.LinkedHashMap<>(fields);
            fields.putIfAbsent(messageMember.name(), looseMessage);
            looseMessage = null;
        }
        return new ErrorBody(fields, looseMessage);
    }

    protected static Member messageMember(Shape errorShape) {
        if (errorShape == null) {
            return null;
        }
        for (Member m : errorShape.members()) {
            if (m.name().equalsIgnoreCase("message")) {
                return m;
            }
        }
        return null;
    }

    private static String name(Resolved resolved) {
        return resolved == null ? "-" : resolved.operation().name();
    }
}
