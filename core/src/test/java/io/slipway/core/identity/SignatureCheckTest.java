package io.slipway.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.core.identity.IssuedKeys.IssuedKey;
import io.slipway.core.identity.SigV4Result.Reason;
import io.slipway.core.identity.SigV4SuiteTest.Raw;
import io.slipway.model.runtime.AwsException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Verification mode's check on the suite's signed requests: session tokens and their expiry, the
 * scope's service, the services' clock windows, and the error each kind of front end answers with.
 */
class SignatureCheckTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
    private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");
    private final Raw vanilla = raw("get-vanilla");
    private final Raw withToken = raw("get-vanilla-with-session-token");

    private static Raw raw(String test) {
        Path dir = SigV4SuiteTest.suite().resolve(test);
        return Raw.parse(SigV4SuiteTest.text(dir.resolve("header-signed-request.txt")));
    }

    private static SignatureCheck knowing(Optional<String> token, Optional<Instant> expiration) {
        return new SignatureCheck(id -> id.equals("AKIDEXAMPLE") ? Optional.of(new IssuedKey(id, "111122223333",
                "arn:aws:iam::111122223333:user/u", "AIDA", SECRET, token, expiration)) : Optional.empty());
    }

    private static Object outcome(SignatureCheck check, Raw raw, Instant now) {
        SignatureCheck.Outcome o = check.check(raw.request(), now, service -> service.equals("service"));
        return o instanceof SignatureCheck.Rejected r ? r.reason() : "accepted";
    }

    @Test
    void aLongTermKeySignsWithoutAToken() {
        SignatureCheck longTerm = knowing(Optional.empty(), Optional.empty());
        assertThat(outcome(longTerm, vanilla, SIGNED_AT)).isEqualTo("accepted");
        assertThat(outcome(longTerm, withToken, SIGNED_AT)).isEqualTo(Reason.INVALID_TOKEN);
    }

    @Test
    void aSessionKeyNeedsItsOwnTokenUntilItExpires() {
        SignatureCheck session = knowing(Optional.of(TOKEN), Optional.of(SIGNED_AT.plusSeconds(60)));
        assertThat(outcome(session, withToken, SIGNED_AT)).isEqualTo("accepted");
        assertThat(outcome(session, vanilla, SIGNED_AT)).isEqualTo(Reason.INVALID_TOKEN);
        assertThat(outcome(knowing(Optional.of("other"), Optional.empty()), withToken, SIGNED_AT))
                .isEqualTo(Reason.INVALID_TOKEN);
        assertThat(outcome(session, withToken, SIGNED_AT.plusSeconds(61))).isEqualTo(Reason.EXPIRED_TOKEN);
    }

    @Test
    void unknownKeysAndOtherServicesScopesAreRefused() {
        assertThat(outcome(new SignatureCheck(id -> Optional.empty()), vanilla, SIGNED_AT)).isEqualTo(Reason.UNKNOWN_KEY);
        SignatureCheck.Outcome elsewhere = knowing(Optional.empty(), Optional.empty())
                .check(vanilla.request(), SIGNED_AT, "s3"::equals);
        assertThat(elsewhere).isInstanceOfSatisfying(SignatureCheck.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(Reason.WRONG_SCOPE));
    }

    @Test
    void mostServicesAllowFiveMinutesAndSayHowLate() {
        SignatureCheck check = knowing(Optional.empty(), Optional.empty());
        assertThat(outcome(check, vanilla, SIGNED_AT.plus(Duration.ofMinutes(4)))).isEqualTo("accepted");
        SignatureCheck.Outcome late = check.check(vanilla.request(), SIGNED_AT.plus(Duration.ofMinutes(6)), s -> true);
        assertThat(late).isInstanceOfSatisfying(SignatureCheck.Rejected.class, r -> assertThat(r.message()).isEqualTo(
                "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T124200Z - 5 min.)"));
        assertThat(outcome(check, vanilla, SIGNED_AT.minus(Duration.ofMinutes(6)))).isEqualTo(Reason.NOT_YET_CURRENT);
        assertThat(SignatureCheck.window("s3")).isEqualTo(Duration.ofMinutes(15));
        assertThat(SignatureCheck.window("sts")).isEqualTo(Duration.ofMinutes(15));
        assertThat(SignatureCheck.window("lambda")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void eachFrontEndAnswersARefusalInItsOwnWords() {
        SignatureCheck.Rejected mismatch = (SignatureCheck.Rejected) knowing(Optional.empty(), Optional.empty())
                .check(vanilla.withHeader("X-Amz-Date", d -> d.replace("123600", "123601")).request(), SIGNED_AT, s -> true);
        assertThat(mismatch.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(codeAndStatus(SignatureErrors.AWS_JSON.exception(mismatch))).isEqualTo("InvalidSignatureException 400");
        assertThat(codeAndStatus(SignatureErrors.REST_JSON.exception(mismatch))).isEqualTo("InvalidSignatureException 403");
        assertThat(codeAndStatus(SignatureErrors.AWS_QUERY.exception(mismatch))).isEqualTo("SignatureDoesNotMatch 403");
        AwsException s3 = SignatureErrors.S3.exception(mismatch);
        assertThat(codeAndStatus(s3)).isEqualTo("SignatureDoesNotMatch 403");
        assertThat(s3.fields()).containsKeys("AWSAccessKeyId", "StringToSign", "SignatureProvided", "StringToSignBytes",
                "CanonicalRequest", "CanonicalRequestBytes");
        assertThat((String) s3.fields().get("StringToSignBytes")).startsWith("41 57 53 34 2d"); // "AWS4-"

        Raw unsigned = Raw.parse(SigV4SuiteTest.text(SigV4SuiteTest.suite().resolve("get-vanilla/request.txt")));
        SignatureCheck.Rejected missing = (SignatureCheck.Rejected) knowing(Optional.empty(), Optional.empty())
                .check(unsigned.request(), SIGNED_AT, s -> true);
        assertThat(SignatureErrors.AWS_JSON.exception(missing).getMessage()).isEqualTo("Missing Authentication Token");
        assertThat(codeAndStatus(SignatureErrors.AWS_QUERY.exception(missing))).isEqualTo("MissingAuthenticationToken 403");
        assertThat(codeAndStatus(SignatureErrors.S3.exception(missing))).isEqualTo("AccessDenied 403");
    }

    @Test
    void aSigV2UrlWithTheFarthestExpiresIsStillATime() throws Exception {
        String stringToSign = "GET\n\n\n" + Long.MAX_VALUE + "\n/bucket/key";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = java.net.URLEncoder.encode(java.util.Base64.getEncoder().encodeToString(
                mac.doFinal(stringToSign.getBytes(java.nio.charset.StandardCharsets.UTF_8))), java.nio.charset.StandardCharsets.UTF_8);
        SignedRequest far = new SignedRequest("GET", "/bucket/key", "AWSAccessKeyId=AKIDEXAMPLE&Expires=" + Long.MAX_VALUE
                + "&Signature=" + signature, java.util.List.of(new SignedRequest.Header("host", "127.0.0.1")), null);
        assertThat(knowing(Optional.empty(), Optional.empty()).check(far, SIGNED_AT, "s3"::equals))
                .isInstanceOf(SignatureCheck.Accepted.class);
        SignedRequest past = new SignedRequest("GET", "/bucket/key", "AWSAccessKeyId=AKIDEXAMPLE&Expires=" + Long.MIN_VALUE
                + "&Signature=x", java.util.List.of(new SignedRequest.Header("host", "127.0.0.1")), null);
        assertThat(knowing(Optional.empty(), Optional.empty()).check(past, SIGNED_AT, "s3"::equals))
                .isInstanceOf(SignatureCheck.Rejected.class);
    }

    private static String codeAndStatus(AwsException e) {
        return e.error().code() + " " + e.error().httpStatus();
    }
}
