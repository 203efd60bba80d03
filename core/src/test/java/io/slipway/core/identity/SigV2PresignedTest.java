package io.slipway.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** S3's SigV2 query authentication, on a URL botocore's HmacV1QueryAuth signed (what the CLI v1 presigns with). */
class SigV2PresignedTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String QUERY = "response-content-type=text%2Fplain&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE"
            + "&Signature=ISj4CxxmXeZoQw7ww8Kphi8sdww%3D&Expires=1141889120";

    private static SignedRequest get(String host, String path, String query) {
        return new SignedRequest("GET", path, query, List.of(new SignedRequest.Header("host", host)), null);
    }

    @Test
    void botocoresUrlVerifiesPathStyleAndVirtualHosted() {
        SignedRequest pathStyle = get("127.0.0.1:4599", "/awsexamplebucket1/photos/puppy.jpg", QUERY);
        SigV2Presigned.Claim claim = SigV2Presigned.read(pathStyle).orElseThrow();
        assertThat(claim.expires()).isEqualTo(1141889120L);
        assertThat(SigV2Presigned.stringToSign(pathStyle, claim))
                .isEqualTo("GET\n\n\n1141889120\n/awsexamplebucket1/photos/puppy.jpg?response-content-type=text/plain");
        assertThat(SigV2Presigned.matches(pathStyle, claim, SECRET)).isTrue();
        assertThat(SigV2Presigned.matches(get("awsexamplebucket1.localhost:4599", "/photos/puppy.jpg", QUERY), claim, SECRET))
                .isTrue();
        assertThat(SigV2Presigned.matches(get("127.0.0.1:4599", "/awsexamplebucket1/photos/kitten.jpg", QUERY), claim, SECRET))
                .isFalse();
        assertThat(SigV2Presigned.matches(get("127.0.0.1:4599", "/awsexamplebucket1/photos/puppy.jpg",
                QUERY.replace("text%2Fplain", "text%2Fhtml")), claim, SECRET)).isFalse();
        assertThat(SigV2Presigned.matches(pathStyle, claim, SECRET.replace('w', 'W'))).isFalse();
        assertThat(SigV2Presigned.read(get("h", "/b/k", "Expires=1&Signature=s"))).isEmpty();
    }

    @Test
    void subResourcesAndResponseOverridesAreSignedAndOthersAreNot() {
        SignedRequest withOverride = get("h", "/b/k", "response-content-type=text%2Fplain&x-id=GetObject&versionId=3"
                + "&AWSAccessKeyId=AKID&Expires=10&Signature=s");
        assertThat(SigV2Presigned.stringToSign(withOverride, SigV2Presigned.read(withOverride).orElseThrow()))
                .isEqualTo("GET\n\n\n10\n/b/k?response-content-type=text/plain&versionId=3");
    }
}
