package io.slipway.agent.spec;

import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.Collection;

/**
 * The content of a {@code PKCS7/JSON} envelope: a PEM CMS SignedData with the content attached,
 * checked against the certificate it carries. Like the official agent (OpenSSL's NOVERIFY), the
 * certificate's chain is not checked, only that its key made the signature.
 */
final class SignedPayload {
    private SignedPayload() {
    }

    static String open(String pem) throws SpecificationException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (!(parser.readObject() instanceof ContentInfo info)) {
                throw new SpecificationException("The deployment specification is not a PEM PKCS7 structure");
            }
            CMSSignedData signed = new CMSSignedData(info);
            if (signed.getSignedContent() == null) {
                throw new SpecificationException("The signed deployment specification carries no content");
            }
            Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
            if (signers.isEmpty()) {
                throw new SpecificationException("The deployment specification is not signed");
            }
            for (SignerInformation signer : signers) {
                var certificates = signed.getCertificates().getMatches(signer.getSID());
                if (certificates.isEmpty()) {
                    throw new SpecificationException("The deployment specification's signer certificate is missing");
                }
                X509CertificateHolder certificate = (X509CertificateHolder) certificates.iterator().next();
                if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                    throw new SpecificationException("The deployment specification's signature does not match");
                }
            }
            return new String((byte[]) signed.getSignedContent().getContent(), StandardCharsets.UTF_8);
        } catch (CMSSignerDigestMismatchException e) {
            throw new SpecificationException("The deployment specification's signature does not match");
        } catch (IOException | CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
            throw new SpecificationException("The signed deployment specification is unreadable: " + e.getMessage());
        }
    }
}
