package io.slipway.core.protocol;

import io.slipway.core.http.HttpProblem;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.core.identity.SignatureErrors;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.RequestContext;

/**
 * What the Router needs of a protocol: whether a request is its, the answer, and how its errors
 * look. Model-driven protocols extend {@link Protocol}; S3, whose object bodies stream, answers
 * requests its own way.
 */
public interface WireProtocol {

    boolean accepts(HttpRequest request);

    Answer handle(HttpRequest request, RequestContext context);

    /** An error raised before any operation was found (a body over the size limit). */
    HttpResponse encodeError(AwsException error, RequestContext context);

    /**
     * The answer to a request the transport could not read, in this protocol's envelope.
     *
     * @param message what was wrong, for protocols whose error for the problem has no fixed message
     */
    HttpResponse encodeMalformed(HttpProblem problem, String message, RequestContext context);

    /**
     * Whether this protocol serves the service a request is signed for (its credential scope's
     * service). A request no protocol claims is answered in the envelope of the one serving its
     * signing name, as that service would answer it.
     */
    default boolean serves(String signingName) {
        return false;
    }

    /**
     * Whether {@code request}, signed for {@code signingName}, reaches the service it was signed for:
     * on AWS each service has its own endpoint, so a signature scoped to another service fails there.
     * By default any service of this protocol's.
     */
    default boolean serves(HttpRequest request, String signingName) {
        return serves(signingName);
    }

    /** How this protocol's services refuse a signature in verification mode. */
    default SignatureErrors signatureErrors() {
        return SignatureErrors.AWS_JSON;
    }

    /** Whether the request names one of the few operations AWS serves unsigned (the model's {@code authtype: none}). */
    default boolean allowsUnsigned(HttpRequest request) {
        return false;
    }

    /** The answer to a request signed for this protocol's service whose operation cannot be read. */
    default HttpResponse encodeUnclaimed(RequestContext context) {
        return encodeError(io.slipway.model.runtime.AwsErrors.UNKNOWN_OPERATION.exception(
                "The request names no operation of this service"), context);
    }

    /** A response with the name of the operation it answers ("-" when none was found). */
    record Answer(HttpResponse response, String operation) {
    }
}
