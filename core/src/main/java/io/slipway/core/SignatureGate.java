package io.slipway.core;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.identity.Credential;
import io.slipway.core.identity.SignatureCheck;
import io.slipway.core.identity.SignedChunks;
import io.slipway.core.identity.SigV4Result.Verified;
import io.slipway.core.identity.SignedRequest;
import io.slipway.core.identity.SigV4Result.Reason;
import io.slipway.core.protocol.WireProtocol;
import io.slipway.model.runtime.AwsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
        SignatureCheck.Outcome outcome = check.check(signed(request), now, name -> protocol.serves(request, name));
        return switch (outcome) {
            case SignatureCheck.Accepted(Verified verified) -> chained(request, verified, protocol);
            case SignatureCheck.Rejected rejected -> rejected.reason() == Reason.MISSING && protocol.allowsUnsigned(request)
                    ? new Passed(request)
                    : new Refused(protocol.signatureErrors().exception(rejected));
        };
    }

    /**
     * A body sent in signed chunks ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, with or without
     * trailers) has each chunk's signature chained from the request's: a streamed body is checked as
     * its reader reads it (S3 keeps nothing it has not read to the end); a body read whole is checked here.
     */
    private static Outcome chained(HttpRequest request, Verified verified, WireProtocol protocol) {
        String payload = request.header("x-amz-content-sha256");
        boolean trailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER".equals(payload);
        if (verified.presigned() || !trailer && !"STREAMING-AWS4-HMAC-SHA256-PAYLOAD".equals(payload)) {
            return new Passed(request);
        }
        Credential c = verified.credential();
        SignedChunks.Seed seed = new SignedChunks.Seed(verified.signingKey(), verified.amzDate(),
                c.date() + '/' + c.region() + '/' + c.service() + "/aws4_request", verified.signature(), trailer);
        if (request.isStreamed()) {
            return new Passed(HttpRequest.streamed(request.method(), request.path(), request.rawQuery(), request.headers(),
                    new SignedChunks(request.bodyStream(), seed)));
        }
        try (InputStream chunks = new SignedChunks(request.bodyStream(), seed)) {
            chunks.transferTo(OutputStream.nullOutputStream());
            return new Passed(request);
        } catch (SignedChunks.SignatureMismatch e) {
            return new Refused(protocol.signatureErrors().exception(new SignatureCheck.Rejected(
                    Reason.SIGNATURE_MISMATCH, SignatureCheck.MISMATCH, false, Map.of())));
        } catch (IOException | RuntimeException e) {
            return new Passed(request); // bad framing: the protocol's decoder says so in its words
        }
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
