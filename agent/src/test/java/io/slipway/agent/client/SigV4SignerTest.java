package io.slipway.agent.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checked against AWS's published SigV4 examples (the signing-key derivation example and the
 * get-vanilla / post-vanilla cases of the SigV4 test suite), and against botocore for the requests
 * this agent makes.
 */
class SigV4SignerTest {
    private static final Credentials EXAMPLE = new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final Instant WHEN = Instant.parse("2015-08-30T12:36:00Z");

    @Test
    void derivesTheSigningKeyOfAwsExample() {
        byte[] key = SigV4Signer.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
        assertThat(HexFormat.of().formatHex(key)).isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void signsGetVanilla() {
        Map<String, String> added = new SigV4Signer(EXAMPLE, "us-east-1", "service")
                .sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(), SigV4Signer.sha256Hex(new byte[0]), WHEN);
        assertThat(added).containsEntry("X-Amz-Date", "20150830T123600Z").containsEntry("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void signsPostVanilla() {
        Map<String, String> added = new SigV4Signer(EXAMPLE, "us-east-1", "service")
                .sign("POST", URI.create("https://example.amazonaws.com/"), Map.of(), SigV4Signer.sha256Hex(new byte[0]), WHEN);
        assertThat(added.get("Authorization")).endsWith("Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void sessionCredentialsSendAndSignTheirToken() {
        Credentials session = new Credentials("ASIAEXAMPLE", "secret", java.util.Optional.of("token/with+chars="));
        Map<String, String> added = new SigV4Signer(session, "us-east-1", "codedeploy-commands")
                .sign("POST", URI.create("http://127.0.0.1:4599/"), Map.of(), SigV4Signer.sha256Hex(new byte[0]), WHEN);
        assertThat(added).containsEntry("X-Amz-Security-Token", "token/with+chars=");
        assertThat(added.get("Authorization")).contains("SignedHeaders=host;x-amz-date;x-amz-security-token,");
        Map<String, String> withoutToken = new SigV4Signer(new Credentials("ASIAEXAMPLE", "secret"), "us-east-1",
                "codedeploy-commands").sign("POST", URI.create("http://127.0.0.1:4599/"), Map.of(),
                SigV4Signer.sha256Hex(new byte[0]), WHEN);
        assertThat(withoutToken).doesNotContainKey("X-Amz-Security-Token");
    }

    @Test
    void signsACommandServiceCallWithThePortInTheHost() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "CodeDeployCommandService_v20141006.PollHostCommand");
        byte[] body = "{\"HostIdentifier\":\"host-1\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> added = new SigV4Signer(EXAMPLE, "eu-west-1", "codedeploy-commands")
                .sign("POST", URI.create("http://127.0.0.1:4599/"), headers, SigV4Signer.sha256Hex(body), WHEN);
        assertThat(added.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/codedeploy-commands/"
                + "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                + "Signature=efd1197e2bd0fe26de8ab7a006ae387eefc0ce99e2207bf96f5fd11189edcd6f");
    }

    @Test
    void signsAnS3GetWithAnEncodedKeyAndVersionUnsigned() {
        Map<String, String> added = new SigV4Signer(EXAMPLE, "us-east-1", "s3").sign("GET",
                URI.create("http://127.0.0.1:4599/bundles/dir/my%20app.zip?versionId=v%2B1"),
                Map.of("x-amz-content-sha256", SigV4Signer.UNSIGNED_PAYLOAD), SigV4Signer.UNSIGNED_PAYLOAD, WHEN);
        assertThat(added.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                + "Signature=3a9474312d887a39e72fb6dba59b7e0f1f17444010733bfdec0d2e99cc6681ea");
    }

    @Test
    void encodesAsRfc3986() {
        assertThat(SigV4Signer.uriEncode("a b/c~d+é", false)).isEqualTo("a%20b%2Fc~d%2B%C3%A9");
        assertThat(SigV4Signer.uriEncode("dir/my app.zip", true)).isEqualTo("dir/my%20app.zip");
    }
}
