package io.slipway.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.core.identity.SigV4Result.Reason;
import io.slipway.core.identity.SigV4Result.Refused;
import io.slipway.core.identity.SigV4Result.Verified;
import io.slipway.core.identity.SigV4SuiteTest.Context;
import io.slipway.core.identity.SigV4SuiteTest.Raw;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Why {@link SigV4} refuses: each reason once, on the suite's genuinely signed requests. */
class SigV4RefusalTest {
    private final Path vanilla = SigV4SuiteTest.suite().resolve("get-vanilla");
    private final Context context = Context.read(vanilla.resolve("context.json"));
    private final SigV4 sigV4 = context.verifier();
    private final Instant signedAt = context.timestamp();
    private final Raw header = Raw.parse(SigV4SuiteTest.text(vanilla.resolve("header-signed-request.txt")));
    private final Raw query = Raw.parse(SigV4SuiteTest.text(vanilla.resolve("query-signed-request.txt")));

    private Reason reason(Raw raw, Instant now) {
        SigV4Result result = sigV4.verify(raw.request(), now);
        return result instanceof Refused refused ? refused.reason() : null;
    }

    @Test
    void unsignedRequestIsMissing() {
        Raw unsigned = Raw.parse(SigV4SuiteTest.text(vanilla.resolve("request.txt")));
        assertThat(reason(unsigned, signedAt)).isEqualTo(Reason.MISSING);
    }

    @Test
    void headerFormAllowsFifteenMinutesEitherWay() {
        assertThat(sigV4.verify(header.request(), signedAt.plus(Duration.ofMinutes(14)))).isInstanceOf(Verified.class);
        assertThat(sigV4.verify(header.request(), signedAt.minus(Duration.ofMinutes(14)))).isInstanceOf(Verified.class);
        assertThat(reason(header, signedAt.plus(Duration.ofMinutes(16)))).isEqualTo(Reason.EXPIRED);
        assertThat(reason(header, signedAt.minus(Duration.ofMinutes(16)))).isEqualTo(Reason.NOT_YET_CURRENT);
    }

    @Test
    void presignedUrlLastsItsExpires() {
        assertThat(sigV4.verify(query.request(), signedAt.plusSeconds(3600))).isInstanceOf(Verified.class);
        assertThat(reason(query, signedAt.plusSeconds(3601))).isEqualTo(Reason.EXPIRED);
        assertThat(reason(query, signedAt.minus(Duration.ofMinutes(16)))).isEqualTo(Reason.NOT_YET_CURRENT);
    }

    @Test
    void presignedUrlBeyondSevenDaysIsIncomplete() {
        Raw week = query.withQuery(q -> q.replace("X-Amz-Expires=3600", "X-Amz-Expires=604801"));
        assertThat(reason(week, signedAt)).isEqualTo(Reason.INCOMPLETE);
    }

    @Test
    void unknownAccessKeyIsRefused() {
        SigV4 nobody = new SigV4(id -> Optional.empty());
        assertThat(nobody.verify(header.request(), signedAt)).isEqualTo(new Refused(Reason.UNKNOWN_KEY, "AKIDEXAMPLE"));
    }

    @Test
    void signedHeaderThatIsAbsentIsIncomplete() {
        Raw withoutHost = new Raw(header.method(), header.path(), header.query(),
                header.headers().stream().filter(h -> !h.name().equalsIgnoreCase("Host")).toList(), header.body());
        assertThat(reason(withoutHost, signedAt)).isEqualTo(Reason.INCOMPLETE);
    }

    @Test
    void bothFormsAtOnceAreIncomplete() {
        Raw both = new Raw(query.method(), query.path(), query.query(),
                header.headers(), header.body());
        assertThat(reason(both, signedAt)).isEqualTo(Reason.INCOMPLETE);
    }

    @Test
    void scopeDateOtherThanTheRequestsIsIncomplete() {
        Raw otherDay = header.withHeader("Authorization", a -> a.replace("/20150830/", "/20150831/"));
        assertThat(reason(otherDay, signedAt)).isEqualTo(Reason.INCOMPLETE);
    }

    @Test
    void declaredPayloadHashMustBeTheBodys() {
        Path form = SigV4SuiteTest.suite().resolve("post-x-www-form-urlencoded");
        Raw post = Raw.parse(SigV4SuiteTest.text(form.resolve("header-signed-request.txt")));
        assertThat(sigV4.verify(post.request(), signedAt)).isInstanceOf(Verified.class);
        Raw changed = post.withBody("Param1=value2".getBytes(StandardCharsets.UTF_8));
        assertThat(reason(changed, signedAt)).isEqualTo(Reason.PAYLOAD_MISMATCH);
    }

    @Test
    void s3SignsItsPathAsSentWhileOtherServicesNormaliseAndEncodeAgain() {
        assertThat(CanonicalRequest.canonicalUri("/bucket/a%2Fb/../c d", true)).isEqualTo("/bucket/a%2Fb/../c%20d");
        assertThat(CanonicalRequest.canonicalUri("/bucket/a%2Fb/../c d", false)).isEqualTo("/bucket/c%20d");
        assertThat(CanonicalRequest.canonicalUri("/a%20b", false)).isEqualTo("/a%2520b");
        assertThat(CanonicalRequest.canonicalQuery("b=2&a=x%2By&a=1&X-Amz-Signature=f", true))
                .isEqualTo("a=1&a=x%2By&b=2");
        assertThat(List.of(CanonicalRequest.normalize("//a/./b/..//"), CanonicalRequest.normalize("/..")))
                .containsExactly("/a/", "/");
    }
}
