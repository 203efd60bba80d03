package io.slipway.core.pki;

import org.junit.jupiter.api.Test;

import java.security.Signature;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyAndCertificateTest {

    @Test
    void aSelfSignedCertificateNamesItsHostsAndRoundTripsThroughPem() throws Exception {
        KeyAndCertificate made = KeyAndCertificate.selfSigned("Slipway", List.of("localhost", "127.0.0.1", "::1"),
                Duration.ofDays(30));
        made.certificate().checkValidity();
        made.certificate().verify(made.certificate().getPublicKey());
        assertThat(made.certificate().getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
                .containsExactly((Object) "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(made.certificate().getBasicConstraints()).isEqualTo(-1);

        KeyAndCertificate read = KeyAndCertificate.fromPem(made.certificatePem(), made.keyPem());
        assertThat(read.certificate()).isEqualTo(made.certificate());
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(read.key());
        s.update(new byte[]{1, 2, 3});
        byte[] signature = s.sign();
        s.initVerify(made.certificate());
        s.update(new byte[]{1, 2, 3});
        assertThat(s.verify(signature)).isTrue();
    }

    @Test
    void pemWithoutACertificateOrKeyIsRefusedWithTheReason() {
        KeyAndCertificate made = KeyAndCertificate.selfSigned("x", List.of(), Duration.ofDays(1));
        assertThatThrownBy(() -> KeyAndCertificate.fromPem(made.keyPem(), made.keyPem()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no CERTIFICATE");
        assertThatThrownBy(() -> KeyAndCertificate.fromPem(made.certificatePem(), made.certificatePem()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIVATE KEY");
        assertThatThrownBy(() -> KeyAndCertificate.fromPem("", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJdkMadeEcKeyReadsBackFromItsPem() throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        var pair = generator.generateKeyPair();
        KeyAndCertificate rsa = KeyAndCertificate.selfSigned("x", List.of(), Duration.ofDays(1));
        KeyAndCertificate ec = new KeyAndCertificate(pair.getPrivate(), rsa.certificate());
        assertThat(ec.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(KeyAndCertificate.fromPem(rsa.certificatePem(), ec.keyPem()).key()).isEqualTo(pair.getPrivate());
    }
}
