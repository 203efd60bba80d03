package io.slipway.core.pki;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.security.cert.CertificateEncodingException;
import java.util.List;

/**
 * PKCS#7 (CMS) SignedData in PEM ({@code -----BEGIN PKCS7-----}), as {@code openssl smime -sign
 * -nodetach -outform PEM} makes it: the content attached, one SHA-256 signer, its certificate embedded.
 */
public final class SignedContent {
    private SignedContent() {
    }

    public static String pem(KeyAndCertificate signer, byte[] content) {
        try {
            // a generator per signature: its content signer holds the state of one signature
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.key()), signer.certificate()));
            generator.addCertificates(new JcaCertStore(List.of(signer.certificate())));
            var signed = generator.generate(new CMSProcessableByteArray(content), true);
            return KeyAndCertificate.pem(signed.toASN1Structure()); // a ContentInfo, written as "PKCS7"
        } catch (CMSException | OperatorCreationException | CertificateEncodingException e) {
            throw new IllegalStateException("Could not sign", e);
        }
    }
}
