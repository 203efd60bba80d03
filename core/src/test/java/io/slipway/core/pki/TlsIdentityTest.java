package io.slipway.core.pki;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsIdentityTest {
    private static final KeyAndCertificate LEAF = KeyAndCertificate.selfSigned("leaf", List.of("localhost"), Duration.ofDays(1));
    private static final KeyAndCertificate OTHER = KeyAndCertificate.selfSigned("other", List.of(), Duration.ofDays(1));

    @Test
    void aSelfSignedCertificateIsAChainOfOne() {
        TlsIdentity identity = TlsIdentity.fromPem(LEAF.certificatePem(), LEAF.keyPem());
        assertThat(identity.chain()).containsExactly(LEAF.certificate());
        assertThat(identity.key()).isEqualTo(LEAF.key());
        assertThat(identity.serverContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void certificatesAfterTheLeafMustEachIssueTheOneBefore() {
        assertThatThrownBy(() -> TlsIdentity.fromPem(LEAF.certificatePem() + "\n" + OTHER.certificatePem(), LEAF.keyPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("certificate 2 in the file (O=Slipway, CN=other) did not issue the one before it "
                        + "(issued by O=Slipway, CN=leaf): list the leaf first, then each issuer in turn");
    }

    @Test
    void aKeyThatIsNotTheLeafsIsRefused() {
        assertThatThrownBy(() -> TlsIdentity.fromPem(LEAF.certificatePem() + OTHER.certificatePem(), OTHER.keyPem()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the private key does not belong to the certificate");
    }
}
