package io.slipway.core.identity;

import io.slipway.core.identity.SigV4Result.Reason;
import io.slipway.core.identity.SigV4Result.Refused;
import io.slipway.core.identity.SigV4Result.Verified;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) in either of its forms: the
 * {@code Authorization} header, or a presigned URL's {@code X-Amz-*} query parameters. Pure: it
 * knows no service and maps no AWS error; the caller turns a {@link Refused} into its protocol's.
 */
public final class SigV4 {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** How far a header-signed request's time may stray from Slipway's clock, as in AWS. */
    public static final Duration SKEW = Duration.ofMinutes(15);
    /** The longest X-Amz-Expires AWS accepts: seven days. */
    static final long MAX_EXPIRES = 604_800;
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** S3 signs its path as sent; every other service normalises it and encodes it once more. */
    public static final Predicate<String> S3_SIGNS_PATH_AS_SENT = "s3"::equals;

    private final Function<String, Optional<String>> secrets;
    private final Predicate<String> pathAsSent;
    private final SigningKeys keys = new SigningKeys(256);

    /** @param secrets an access key id's secret, empty when the key is unknown */
    public SigV4(Function<String, Optional<String>> secrets) {
        this(secrets, S3_SIGNS_PATH_AS_SENT);
    }

    /** @param pathAsSent for a service (the credential scope's), whether it signs the path as sent */
    public SigV4(Function<String, Optional<String>> secrets, Predicate<String> pathAsSent) {
        this.secrets = secrets;
        this.pathAsSent = pathAsSent;
    }

    /** What a request claims, with the canonical request and string to sign it implies. */
    public sealed interface Reading permits Claim, Unreadable {
    }

    public record Claim(Credential credential, List<String> signedHeaders, String amzDate, Instant signedAt,
                        long expiresSeconds, String sessionToken, String signature, boolean presigned,
                        String canonicalRequest, String stringToSign) implements Reading {
    }

    public record Unreadable(Refused refused) implements Reading {
    }

    /** Verifies with AWS's common 15-minute window; see {@link #verify(SignedRequest, Instant, Duration)}. */
    public SigV4Result verify(SignedRequest request, Instant now) {
        return verify(request, now, SKEW);
    }

    /**
     * Reads the request's signature, finds the key's secret and checks the signature, then the time.
     *
     * @param skew how far a header-signed request's time may stray from {@code now}
     */
    public SigV4Result verify(SignedRequest request, Instant now, Duration skew) {
        Reading reading = read(request);
        if (reading instanceof Unreadable unreadable) {
            return unreadable.refused();
        }
        Claim claim = (Claim) reading;
        Optional<String> secret = secrets.apply(claim.credential().accessKeyId());
        if (secret.isEmpty()) {
            return new Refused(Reason.UNKNOWN_KEY, claim.credential().accessKeyId());
        }
        return verify(claim, secret.get(), now, skew);
    }

    /** Checks a claim's signature against {@code secret}, then its time. */
    public SigV4Result verify(Claim claim, String secret, Instant now, Duration skew) {
        Credential c = claim.credential();
        byte[] signingKey = keys.key(secret, c.date(), c.region(), c.service());
        byte[] expected = HexFormat.of().formatHex(SigningKeys.hmac(signingKey, claim.stringToSign()))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, claim.signature().getBytes(StandardCharsets.US_ASCII))) {
            return new Refused(Reason.SIGNATURE_MISMATCH, claim.stringToSign());
        }
        // Time is judged only for a signature that holds, so a stale answer reveals nothing to a
        // forger. UNVERIFIED whether AWS checks the clock before or after the signature.
        Optional<Refused> untimely = untimely(claim, now, skew);
        if (untimely.isPresent()) {
            return untimely.get();
        }
        return new Verified(c, claim.signedHeaders(), claim.presigned(), claim.sessionToken(), claim.amzDate(),
                claim.signature(), signingKey);
    }

    /**
     * Why the claim's time is not acceptable at {@code now}, worded as AWS words it ("Signature
     * expired: 20240101T000000Z is now earlier than ... (... - 15 min.)"): a presigned URL lives
     * until its X-Amz-Expires; a signed request within {@code skew} either side of now.
     */
    static Optional<Refused> untimely(Claim claim, Instant now, Duration skew) {
        Instant at = claim.signedAt();
        String minutes = skew.toMinutes() + " min.)";
        if (claim.presigned()) {
            Instant expires = at.plusSeconds(claim.expiresSeconds());
            if (now.isAfter(expires)) {
                return Optional.of(new Refused(Reason.EXPIRED, "Signature expired: " + amzDate(expires)
                        + " is now earlier than " + amzDate(now)));
            }
        } else if (now.isAfter(at.plus(skew))) {
            return Optional.of(new Refused(Reason.EXPIRED, "Signature expired: " + claim.amzDate()
                    + " is now earlier than " + amzDate(now.minus(skew)) + " (" + amzDate(now) + " - " + minutes));
        }
        if (at.isAfter(now.plus(skew))) {
            return Optional.of(new Refused(Reason.NOT_YET_CURRENT, "Signature not yet current: " + claim.amzDate()
                    + " is still later than " + amzDate(now.plus(skew)) + " (" + amzDate(now) + " + " + minutes));
        }
        return Optional.empty();
    }

    static String amzDate(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** The signature the claim should carry, signed with {@code secret}. */
    public byte[] signature(Claim claim, String secret) {
        Credential c = claim.credential();
        return SigningKeys.hmac(keys.key(secret, c.date(), c.region(), c.service()), claim.stringToSign());
    }

    /** The request's {@link Claim}, or why it makes none. */
    public Reading read(SignedRequest request) {
        String authorization = request.first("Authorization");
        Map<String, String> query = amzQuery(request.rawQuery());
        boolean presigned = query.containsKey("X-Amz-Algorithm") || query.containsKey("X-Amz-Signature");
        if (authorization != null && presigned) {
            return refuse(Reason.INCOMPLETE, "only one auth mechanism allowed");
        }
        if (authorization == null && !presigned) {
            return refuse(Reason.MISSING, "no signature");
        }
        String algorithm, scope, signedHeaders, signature, amzDate, token;
        long expires = -1;
        if (presigned) {
            algorithm = query.get("X-Amz-Algorithm");
            scope = query.get("X-Amz-Credential");
            signedHeaders = query.get("X-Amz-SignedHeaders");
            signature = query.get("X-Amz-Signature");
            amzDate = query.get("X-Amz-Date");
            token = query.get("X-Amz-Security-Token");
            String e = query.get("X-Amz-Expires");
            if (e == null) {
                return refuse(Reason.INCOMPLETE, "Query-string authentication version 4 requires the X-Amz-Algorithm, "
                        + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
            }
            try {
                expires = Long.parseLong(e);
            } catch (NumberFormatException nfe) {
                expires = -1;
            }
            if (expires < 0) {
                return refuse(Reason.INCOMPLETE, "X-Amz-Expires must be non-negative");
            }
            if (expires > MAX_EXPIRES) {
                return refuse(Reason.INCOMPLETE, "X-Amz-Expires must be less than a week (in seconds) that is 604800");
            }
        } else {
            int space = authorization.indexOf(' ');
            algorithm = space < 0 ? authorization : authorization.substring(0, space);
            Map<String, String> parts = authorizationParts(space < 0 ? "" : authorization.substring(space + 1));
            scope = parts.get("Credential");
            signedHeaders = parts.get("SignedHeaders");
            signature = parts.get("Signature");
            amzDate = request.first("X-Amz-Date");
            if (amzDate == null) {
                amzDate = fromHttpDate(request.first("Date"));
            }
            token = request.first("X-Amz-Security-Token");
        }
        if (!ALGORITHM.equals(algorithm)) {
            return refuse(Reason.INCOMPLETE, "unsupported algorithm " + algorithm);
        }
        if (scope == null || signedHeaders == null || signedHeaders.isEmpty() || signature == null || amzDate == null) {
            return refuse(Reason.INCOMPLETE, "Credential, SignedHeaders, Signature and a date are required");
        }
        Optional<Credential> credential = Credential.fromScope(scope);
        if (credential.isEmpty()) {
            return refuse(Reason.INCOMPLETE, "malformed credential scope " + scope);
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return refuse(Reason.INCOMPLETE, "malformed date " + amzDate);
        }
        Credential c = credential.get();
        if (!amzDate.startsWith(c.date()) || c.date().length() != 8) {
            return refuse(Reason.INCOMPLETE, "credential scope date " + c.date() + " is not the request's");
        }
        List<String> names = Arrays.asList(signedHeaders.split(";"));
        String declared = request.first("x-amz-content-sha256");
        if (declared != null && request.payloadHash() != null && !unsignedOrStreamed(declared.trim())
                && !declared.trim().equalsIgnoreCase(request.payloadHash())) {
            return refuse(Reason.PAYLOAD_MISMATCH, "x-amz-content-sha256 is not the body's hash");
        }
        String payloadHash = declared != null ? declared.trim()
                : presigned && "s3".equals(c.service()) ? "UNSIGNED-PAYLOAD" : request.payloadHash();
        if (payloadHash == null) {
            return refuse(Reason.INCOMPLETE, "the payload's hash is unknown");
        }
        String canonical;
        try {
            canonical = CanonicalRequest.build(request, pathAsSent.test(c.service()), names, payloadHash, presigned);
        } catch (CanonicalRequest.MissingSignedHeader e) {
            return refuse(Reason.INCOMPLETE, "signed header " + e.getMessage() + " is absent");
        }
        String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + c.date() + '/' + c.region() + '/' + c.service()
                + "/aws4_request\n" + SignedRequest.sha256Hex(canonical);
        return new Claim(c, names, amzDate, signedAt, expires, token, signature, presigned, canonical, stringToSign);
    }

    private static Unreadable refuse(Reason reason, String detail) {
        return new Unreadable(new Refused(reason, detail));
    }

    /**
     * x-amz-content-sha256 values that name no hash: the payload is unsigned, or signed chunk by
     * chunk (checked by the chunk decoder). Any other value must be the body's hash, and the
     * canonical request ends with it (an S3 presigned URL without it signs no payload).
     */
    private static boolean unsignedOrStreamed(String declared) {
        return declared.equals("UNSIGNED-PAYLOAD") || declared.startsWith("STREAMING-");
    }

    /** The X-Amz-* query parameters, decoded (first value of each). */
    private static Map<String, String> amzQuery(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery.indexOf("X-Amz-") < 0 && rawQuery.indexOf("x-amz-") < 0) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = CanonicalRequest.decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.startsWith("X-Amz-")) {
                out.putIfAbsent(key, eq < 0 ? "" : CanonicalRequest.decode(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    /** {@code Credential=..., SignedHeaders=..., Signature=...}: comma separated, spaces optional. */
    private static Map<String, String> authorizationParts(String rest) {
        Map<String, String> out = new HashMap<>();
        for (String part : rest.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(p.substring(0, eq), p.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** A {@code Date} header (RFC 1123) in SigV4's basic form, or null. */
    private static String fromHttpDate(String date) {
        if (date == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .withZoneSameInstant(ZoneOffset.UTC).format(AMZ_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
