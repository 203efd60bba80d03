package io.slipway.core.identity;

import io.slipway.core.identity.IssuedKeys.IssuedKey;
import io.slipway.core.identity.SigV4Result.Reason;
import io.slipway.core.identity.SigV4Result.Refused;
import io.slipway.core.identity.SigV4Result.Verified;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Verification mode's check of a request: SigV4 with the secret of a key Slipway knows (an
 * operator's key, an IAM user's access key, an STS session's), the session token that must go with
 * a session key and its expiry, the scope's service, and the clock window of the service signed
 * for. What it refuses comes out as a {@link Rejected} with AWS's message and, for S3, the details
 * S3 puts in its error body; the protocol that answers picks the code ({@link SignatureErrors}).
 */
public final class SignatureCheck {
    /** Services whose window is 15 minutes either side; the others allow 5 (UNVERIFIED for IAM, CloudFormation, SSM, CodeDeploy, CodePipeline). */
    private static final Set<String> FIFTEEN_MINUTES = Set.of("s3", "sts");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    public static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private final SigV4 sigV4 = new SigV4(key -> Optional.empty());
    private final Function<String, Optional<IssuedKey>> keys;

    /** @param keys the key's owner and secret, when Slipway knows the key and it is in force */
    public SignatureCheck(Function<String, Optional<IssuedKey>> keys) {
        this.keys = keys;
    }

    public sealed interface Outcome permits Accepted, Rejected {
    }

    public record Accepted(Verified verified) implements Outcome {
    }

    /**
     * @param presigned whether the signature came in the query string
     * @param s3Details the elements S3 adds to its error body for this refusal, in order
     */
    public record Rejected(Reason reason, String message, boolean presigned, Map<String, Object> s3Details)
            implements Outcome {
    }

    /** How long either side of now a request signed for {@code service} stays good. */
    public static Duration window(String service) {
        return FIFTEEN_MINUTES.contains(service) ? SigV4.SKEW : FIVE_MINUTES;
    }

    /** @param servesScope whether the service answering the request is the one a credential scope names */
    public Outcome check(SignedRequest request, Instant now, Predicate<String> servesScope) {
        SigV4.Reading reading = sigV4.read(request);
        boolean presignedForm = request.first("Authorization") == null;
        if (reading instanceof SigV4.Unreadable(Refused r) && r.reason() == Reason.MISSING && servesScope.test("s3")) {
            Optional<SigV2Presigned.Claim> legacy = SigV2Presigned.read(request);
            if (legacy.isPresent()) {
                return checkLegacy(request, legacy.get(), now);
            }
        }
        if (reading instanceof SigV4.Unreadable(Refused refused)) {
            return refused.reason() == Reason.PAYLOAD_MISMATCH
                    ? new Rejected(Reason.PAYLOAD_MISMATCH, "The provided 'x-amz-content-sha256' header does not match what "
                    + "was computed.", presignedForm, ordered("ClientComputedContentSHA256",
                    request.first("x-amz-content-sha256").trim(), "S3ComputedContentSHA256", request.payloadHash()))
                    : new Rejected(refused.reason(), refused.detail(), presignedForm, Map.of());
        }
        SigV4.Claim claim = (SigV4.Claim) reading;
        Credential credential = claim.credential();
        if (!servesScope.test(credential.service())) {
            return new Rejected(Reason.WRONG_SCOPE, "Credential should be scoped to correct service.", claim.presigned(),
                    Map.of());
        }
        Optional<IssuedKey> found = keys.apply(credential.accessKeyId());
        Optional<Rejected> keyRefused = keyRefusal(credential.accessKeyId(), found, claim.sessionToken(), now,
                claim.presigned());
        if (keyRefused.isPresent()) {
            return keyRefused.get();
        }
        IssuedKey key = found.get();
        Duration window = window(credential.service());
        SigV4Result result = sigV4.verify(claim, key.secretAccessKey(), now, window);
        return switch (result) {
            case Verified verified -> new Accepted(verified);
            case Refused refused -> new Rejected(refused.reason(), refused.reason() == Reason.SIGNATURE_MISMATCH ? MISMATCH
                    : refused.detail(), claim.presigned(), s3Details(refused.reason(), claim, now, window));
        };
    }

    /** S3's SigV2 presigned URL: the same key, token and expiry rules, the older signature. */
    private Outcome checkLegacy(SignedRequest request, SigV2Presigned.Claim claim, Instant now) {
        Optional<IssuedKey> found = keys.apply(claim.accessKeyId());
        Optional<Rejected> refused = keyRefusal(claim.accessKeyId(), found, claim.sessionToken(), now, true);
        if (refused.isPresent()) {
            return refused.get();
        }
        IssuedKey key = found.get();
        if (!SigV2Presigned.matches(request, claim, key.secretAccessKey())) {
            String stringToSign = SigV2Presigned.stringToSign(request, claim);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("AWSAccessKeyId", claim.accessKeyId());
            details.put("StringToSign", stringToSign);
            details.put("SignatureProvided", claim.signature());
            details.put("StringToSignBytes", spacedHex(stringToSign));
            return new Rejected(Reason.SIGNATURE_MISMATCH, MISMATCH, true, details);
        }
        // any number of seconds is a time: a far one is simply not expired
        Instant expires = Instant.ofEpochSecond(Math.clamp(claim.expires(), Instant.MIN.getEpochSecond(),
                Instant.MAX.getEpochSecond()));
        if (now.isAfter(expires)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("Expires", expires.toString());
            details.put("ServerTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
            return new Rejected(Reason.EXPIRED, "Request has expired", true, details);
        }
        return new Accepted(new Verified(new Credential(claim.accessKeyId(), "", "us-east-1", "s3"), List.of(), true,
                claim.sessionToken(), "", claim.signature(), new byte[0]));
    }

    /**
     * Why the key cannot sign: Slipway does not know it, the session token is not the one that goes
     * with it (a session key needs its own; a long-term key takes none), or its session has expired.
     */
    private static Optional<Rejected> keyRefusal(String accessKeyId, Optional<IssuedKey> found, String token, Instant now,
                                                 boolean presigned) {
        if (found.isEmpty()) {
            return Optional.of(new Rejected(Reason.UNKNOWN_KEY, "The security token included in the request is invalid.",
                    presigned, Map.of("AWSAccessKeyId", accessKeyId)));
        }
        IssuedKey key = found.get();
        if (!key.sessionToken().map(t -> t.equals(token)).orElse(token == null)) {
            return Optional.of(new Rejected(Reason.INVALID_TOKEN, "The security token included in the request is invalid.",
                    presigned, Map.of()));
        }
        if (key.expiration().filter(now::isAfter).isPresent()) {
            return Optional.of(new Rejected(Reason.EXPIRED_TOKEN, "The security token included in the request is expired",
                    presigned, Map.of()));
        }
        return Optional.empty();
    }

    /** What S3 adds to the error: the string to sign and canonical request it computed, or the times it compared. */
    private static Map<String, Object> s3Details(Reason reason, SigV4.Claim claim, Instant now, Duration window) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (reason == Reason.SIGNATURE_MISMATCH) {
            out.put("AWSAccessKeyId", claim.credential().accessKeyId());
            out.put("StringToSign", claim.stringToSign());
            out.put("SignatureProvided", claim.signature());
            out.put("StringToSignBytes", spacedHex(claim.stringToSign()));
            out.put("CanonicalRequest", claim.canonicalRequest());
            out.put("CanonicalRequestBytes", spacedHex(claim.canonicalRequest()));
        } else if (reason == Reason.EXPIRED && claim.presigned()) {
            out.put("X-Amz-Expires", String.valueOf(claim.expiresSeconds()));
            out.put("Expires", claim.signedAt().plusSeconds(claim.expiresSeconds()).toString());
            out.put("ServerTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
        } else if (reason == Reason.EXPIRED || reason == Reason.NOT_YET_CURRENT) {
            out.put("RequestTime", claim.amzDate());
            out.put("ServerTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
            out.put("MaxAllowedSkewMilliseconds", String.valueOf(window.toMillis()));
        }
        return out;
    }

    private static Map<String, Object> ordered(String k1, String v1, String k2, String v2) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(k1, v1);
        out.put(k2, v2);
        return out;
    }

    /** S3's byte dumps: two hex digits a byte, separated by spaces. */
    private static String spacedHex(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
