package io.slipway.agent.spec;

import io.slipway.core.pki.KeyAndCertificate;
import io.slipway.core.pki.SignedContent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedPayloadTest {
    private static final KeyAndCertificate SIGNER = KeyAndCertificate.selfSigned("test signer", List.of(), Duration.ofDays(1));
    private static final String JSON = """
            {"DeploymentId":"d-1","DeploymentGroupId":"g","DeploymentGroupName":"web","ApplicationName":"shop",
             "Revision":{"RevisionType":"S3","S3Revision":{"Bucket":"b","Key":"k.tgz","BundleType":"tgz"}}}""";

    @Test
    void aSignedSpecificationReadsAsItsJson() throws SpecificationException {
        String pem = SignedContent.pem(SIGNER, JSON.getBytes(StandardCharsets.UTF_8));
        assertThat(pem).startsWith("-----BEGIN PKCS7-----");

        DeploymentSpecification spec = DeploymentSpecification.parse("PKCS7/JSON", pem);

        assertThat(spec.deploymentGroupName()).isEqualTo("web");
        assertThat(spec.revision().key()).isEqualTo("k.tgz");
    }

    @Test
    void contentChangedAfterSigningIsRefused() {
        String pem = SignedContent.pem(SIGNER, JSON.getBytes(StandardCharsets.UTF_8));
        String body = pem.replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        String asLatin1 = new String(der, StandardCharsets.ISO_8859_1);
        int at = asLatin1.indexOf("\"web\"");
        assertThat(at).isPositive(); // the content is attached, verbatim
        der[at + 1] = 'x';
        String tampered = "-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PKCS7-----\n";

        assertThatThrownBy(() -> DeploymentSpecification.parse("PKCS7/JSON", tampered))
                .isInstanceOf(SpecificationException.class).hasMessageContaining("signature does not match");
    }

    @Test
    void whatIsNotASignedStructureIsRefusedWithTheReason() {
        assertThatThrownBy(() -> DeploymentSpecification.parse("PKCS7/JSON", SIGNER.certificatePem()))
                .isInstanceOf(SpecificationException.class).hasMessageContaining("not a PEM PKCS7");
        assertThatThrownBy(() -> DeploymentSpecification.parse("PKCS7/JSON", JSON))
                .isInstanceOf(SpecificationException.class).hasMessageContaining("not a PEM PKCS7");
        assertThatThrownBy(() -> DeploymentSpecification.parse("PKCS7/JSON", "-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n"))
                .isInstanceOf(SpecificationException.class).hasMessageContaining("unreadable");
    }
}
