package io.slipway.core;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.identity.SignatureCheck;
import io.slipway.core.identity.SignedChunks;
import io.slipway.core.identity.SignedRequest;
import io.slipway.core.identity.SigV4Result.Reason;
import io.slipway.core.protocol.WireProtocol;
import io.slipway.model.runtime.AwsException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verification mode at the front door: every request to a service must carry a signature that
 * {@link SignatureCheck} accepts, or it is refused with the answering protocol's error for the
 * refusal. The few operations AWS serves unsigned pass without one.
 */
final class SignatureGate {
    private final SignatureCheck check;

    SignatureGate(SignatureCheck check) {
        this.check = check;
    }

    /** A verified request, or the error that refuses it. */
    sealed interface Outcome {
    }

    record Passed(HttpRequest request) implements Outcome {
    }

    record Refused(AwsException error) implements Outcome {
    }

    Outcome judge(HttpRequest request, WireProtocol protocol, Instant now) {
        SignatureCheck.Outcome outcome = check.check(signed(request), now, protocol::serves);
        return switch (outcome) {
            case SignatureCheck.Accepted accepted -> new Passed(withSignedChunks(request, accepted));
            case SignatureCheck.Rejected rejected -> rejected.reason() == Reason.MISSING && protocol.allowsUnsigned(request)
                    ? new Passed(request)
                    : new Refused(protocol.signatureErrors().exception(rejected));
        };
    }

    /** A streamed body signed chunk by chunk is read through {@link SignedChunks}, which checks each chunk's signature. */
    private static HttpRequest withSignedChunks(HttpRequest request, SignatureCheck.Accepted accepted) {
        return SignedChunks.seed(accepted.verified(), request.header("x-amz-content-sha256"))
                .filter(seed -> request.isStreamed())
                .map(seed -> HttpRequest.streamed(request.method(), request.path(), request.rawQuery(), request.headers(),
                        new SignedChunks(request.bodyStream(), seed)))
                .orElse(request);
    }

    /**
     * The request as SigV4 reads it: the transport keeps one value per header name, repeated lines
     * already joined with commas as SigV4 joins them. A streamed body's hash is not known yet.
     */
    static SignedRequest signed(HttpRequest request) {
        List<SignedRequest.Header> headers = new ArrayList<>(request.headers().size());
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            headers.add(new SignedRequest.Header(h.getKey(), h.getValue()));
        }
        return request.isStreamed()
                ? new SignedRequest(request.method(), request.path(), request.rawQuery(), headers, null)
                : SignedRequest.withBody(request.method(), request.path(), request.rawQuery(), headers, request.body());
    }

    /** Whether the request is signed with a key Slipway knows, for any service: how Slipway's own endpoints are opened. */
    boolean accepts(HttpRequest request, Instant now) {
        return check.check(signed(request), now, service -> true) instanceof SignatureCheck.Accepted;
    }
}
