package io.slipway.codedeploy.server;

import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.ResourceStore;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SpecificationSignerTest {
    private final Database db = Database.open(DatabaseConfig.h2InMemory());
    private final ResourceStore resources = new ResourceStore(db.jdbc(), new ManualClock(Instant.parse("2026-03-01T10:00:00Z")));

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theJsonIsAttachedSignedAndCarriesItsSignersCertificate() throws Exception {
        String pem = new SpecificationSigner(resources).sign("{\"DeploymentId\":\"d-1\"}");

        assertThat(pem).startsWith("-----BEGIN PKCS7-----\n").endsWith("-----END PKCS7-----\n");
        CMSSignedData signed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            signed = new CMSSignedData((ContentInfo) parser.readObject());
        }
        assertThat(new String((byte[]) signed.getSignedContent().getContent(), StandardCharsets.UTF_8))
                .isEqualTo("{\"DeploymentId\":\"d-1\"}");
        assertThat(signed.getSignerInfos().getSigners()).hasSize(1);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        var certificate = (X509CertificateHolder) signed.getCertificates().getMatches(signer.getSID()).iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))).isTrue();
    }

    @Test
    void everyNodeOnTheStoreAndEveryRestartSignsWithTheSameKey() {
        SpecificationSigner first = new SpecificationSigner(resources);
        SpecificationSigner second = new SpecificationSigner(resources);

        assertThat(second.signer().certificate()).isEqualTo(first.signer().certificate());
        assertThat(second.signer().key()).isEqualTo(first.signer().key());
        assertThat(new SpecificationSigner(resources).signer().certificate()).isEqualTo(first.signer().certificate());
    }
}
