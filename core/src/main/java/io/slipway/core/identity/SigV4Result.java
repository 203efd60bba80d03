package io.slipway.core.identity;

import java.util.List;

/** What {@link SigV4} found: a verified signature, or why it refused (mapping to AWS errors is the caller's). */
public sealed interface SigV4Result {

    /**
     * The signature is good: the request was signed with {@code credential}'s secret.
     *
     * @param signingKey the derived key it was signed with, and {@code signature} the signature it
     *                   carried: together with {@code amzDate} they seed the chain of an
     *                   aws-chunked body's chunk signatures
     */
    record Verified(Credential credential, List<String> signedHeaders, boolean presigned, String sessionToken,
                    String amzDate, String signature, byte[] signingKey) implements SigV4Result {
    }

    record Refused(Reason reason, String detail) implements SigV4Result {
    }

    enum Reason {
        /** No signature at all: neither an Authorization header nor presigned query parameters. */
        MISSING,
        /** A signature whose parts are absent or malformed (credential scope, signed headers, date...). */
        INCOMPLETE,
        /** The access key is not one Slipway knows. */
        UNKNOWN_KEY,
        /** x-amz-content-sha256 names a hash the body does not have. */
        PAYLOAD_MISMATCH,
        SIGNATURE_MISMATCH,
        /** A presigned URL past X-Amz-Expires, or a signed request older than the allowed skew. */
        EXPIRED,
        /** Signed for a time further in the future than the allowed skew. */
        NOT_YET_CURRENT,
        /** A session key without its session token, with another one, or a long-term key with one. */
        INVALID_TOKEN,
        /** Session credentials past their expiration. */
        EXPIRED_TOKEN,
        /** Signed for another service than the one that serves the request. */
        WRONG_SCOPE
    }
}
