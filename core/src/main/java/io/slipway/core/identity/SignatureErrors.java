package io.slipway.core.identity;

import io.slipway.core.identity.SigV4Result.Reason;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsException;

import java.util.EnumMap;
import java.util.Map;

/**
 * How each kind of AWS front end refuses a signature: the same refusal is a 400
 * {@code InvalidSignatureException} for an awsJson service, a 403 for Lambda, a 403
 * {@code SignatureDoesNotMatch} for an awsQuery one and S3's own codes with details in the body.
 * Codes and statuses follow AWS's published errors and clients' reports. UNVERIFIED: the 403 of
 * Lambda's MissingAuthenticationToken/IncompleteSignature/ExpiredToken (only its
 * UnrecognizedClient/InvalidSignature 403s were seen), awsQuery's answer to a tampered body
 * (SignatureDoesNotMatch, as the body is signed), S3's code for a scope naming another service and
 * for a presigned URL from the future (RequestTimeTooSkewed here).
 */
public enum SignatureErrors {
    AWS_JSON(json(400)),
    /** Lambda: the awsJson codes with 403. */
    REST_JSON(json(403)),
    AWS_QUERY(table(
            Reason.MISSING, query("MissingAuthenticationToken"),
            Reason.INCOMPLETE, query("IncompleteSignature"),
            Reason.UNKNOWN_KEY, query("InvalidClientTokenId"),
            Reason.INVALID_TOKEN, query("InvalidClientTokenId"),
            Reason.EXPIRED_TOKEN, query("ExpiredToken"),
            Reason.SIGNATURE_MISMATCH, query("SignatureDoesNotMatch"),
            Reason.PAYLOAD_MISMATCH, query("SignatureDoesNotMatch"),
            Reason.WRONG_SCOPE, query("SignatureDoesNotMatch"),
            Reason.EXPIRED, query("SignatureDoesNotMatch"),
            Reason.NOT_YET_CURRENT, query("SignatureDoesNotMatch"))),
    S3(table(
            Reason.MISSING, s3("AccessDenied", 403),
            Reason.INCOMPLETE, s3("AuthorizationHeaderMalformed", 400),
            Reason.UNKNOWN_KEY, s3("InvalidAccessKeyId", 403),
            Reason.INVALID_TOKEN, s3("InvalidToken", 400),
            Reason.EXPIRED_TOKEN, s3("ExpiredToken", 400),
            Reason.SIGNATURE_MISMATCH, s3("SignatureDoesNotMatch", 403),
            Reason.PAYLOAD_MISMATCH, s3("XAmzContentSHA256Mismatch", 400),
            Reason.WRONG_SCOPE, s3("AuthorizationHeaderMalformed", 400),
            Reason.EXPIRED, s3("RequestTimeTooSkewed", 403),
            Reason.NOT_YET_CURRENT, s3("RequestTimeTooSkewed", 403)));

    private static final AwsError S3_QUERY_MALFORMED = s3("AuthorizationQueryParametersError", 400);
    private static final AwsError S3_PRESIGN_EXPIRED = s3("AccessDenied", 403);

    private final Map<Reason, AwsError> errors;

    SignatureErrors(Map<Reason, AwsError> errors) {
        this.errors = errors;
    }

    /** The refusal as this front end's error, with its message (S3's own where S3 words it its own way). */
    public AwsException exception(SignatureCheck.Rejected rejected) {
        if (this != S3) {
            return errors.get(rejected.reason()).exception(switch (rejected.reason()) {
                case MISSING -> this == AWS_QUERY ? "Request is missing Authentication Token" : "Missing Authentication Token";
                case PAYLOAD_MISMATCH -> SignatureCheck.MISMATCH; // the body is part of what is signed
                default -> rejected.message();
            });
        }
        return switch (rejected.reason()) {
            case MISSING -> errors.get(Reason.MISSING).exception("Access Denied");
            case INCOMPLETE -> (rejected.presigned() ? S3_QUERY_MALFORMED : errors.get(Reason.INCOMPLETE))
                    .exception(rejected.presigned() ? rejected.message()
                            : "The authorization header is malformed; " + rejected.message());
            case UNKNOWN_KEY -> errors.get(Reason.UNKNOWN_KEY).exception(
                    "The AWS Access Key Id you provided does not exist in our records.", rejected.s3Details());
            case INVALID_TOKEN -> errors.get(Reason.INVALID_TOKEN).exception("The provided token is malformed or otherwise invalid.");
            case EXPIRED_TOKEN -> errors.get(Reason.EXPIRED_TOKEN).exception("The provided token has expired.");
            case SIGNATURE_MISMATCH -> errors.get(Reason.SIGNATURE_MISMATCH).exception("The request signature we calculated "
                    + "does not match the signature you provided. Check your key and signing method.", rejected.s3Details());
            case WRONG_SCOPE -> errors.get(Reason.WRONG_SCOPE).exception(
                    "The authorization header is malformed; incorrect service. This endpoint belongs to \"s3\".");
            case EXPIRED, NOT_YET_CURRENT -> rejected.presigned() && rejected.reason() == Reason.EXPIRED
                    ? S3_PRESIGN_EXPIRED.exception("Request has expired", rejected.s3Details())
                    : errors.get(rejected.reason()).exception("The difference between the request time and the current "
                    + "time is too large.", rejected.s3Details());
            case PAYLOAD_MISMATCH -> errors.get(Reason.PAYLOAD_MISMATCH).exception(rejected.message(), rejected.s3Details());
        };
    }

    /** The awsJson services' codes (also Lambda's), all with {@code status}. */
    private static Map<Reason, AwsError> json(int status) {
        AwsError invalidSignature = new AwsError("InvalidSignatureException", "InvalidSignatureException", status, true);
        AwsError unrecognized = new AwsError("UnrecognizedClientException", "UnrecognizedClientException", status, true);
        return table(
                Reason.MISSING, new AwsError("MissingAuthenticationTokenException", "MissingAuthenticationTokenException",
                        status, true),
                Reason.INCOMPLETE, new AwsError("IncompleteSignatureException", "IncompleteSignatureException", status, true),
                Reason.UNKNOWN_KEY, unrecognized,
                Reason.INVALID_TOKEN, unrecognized,
                Reason.EXPIRED_TOKEN, new AwsError("ExpiredTokenException", "ExpiredTokenException", status, true),
                Reason.SIGNATURE_MISMATCH, invalidSignature,
                Reason.PAYLOAD_MISMATCH, invalidSignature,
                Reason.WRONG_SCOPE, invalidSignature,
                Reason.EXPIRED, invalidSignature,
                Reason.NOT_YET_CURRENT, invalidSignature);
    }

    private static AwsError query(String code) {
        return new AwsError(code, code, 403, true);
    }

    private static AwsError s3(String code, int status) {
        return new AwsError(code, code, status, true);
    }

    private static Map<Reason, AwsError> table(Object... pairs) {
        Map<Reason, AwsError> out = new EnumMap<>(Reason.class);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((Reason) pairs[i], (AwsError) pairs[i + 1]);
        }
        if (out.size() != Reason.values().length) {
            throw new IllegalStateException("every refusal needs an error: " + out.keySet());
        }
        return out;
    }
}
