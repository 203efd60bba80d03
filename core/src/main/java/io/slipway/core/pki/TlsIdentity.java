package io.slipway.core.pki;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What an HTTPS server presents: its private key and its certificate chain, leaf first (a
 * self-signed certificate is a chain of one).
 */
public record TlsIdentity(PrivateKey key, List<X509Certificate> chain) {
    private static final char[] NO_PASSWORD = new char[0];

    public TlsIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS identity needs a certificate");
        }
    }

    public static TlsIdentity of(KeyAndCertificate pair) {
        return new TlsIdentity(pair.key(), List.of(pair.certificate()));
    }

    /**
     * Reads a certificate PEM (the leaf, then any intermediates that complete its chain) and the
     * leaf's key ({@link KeyAndCertificate#fromPem}); says what is wrong otherwise, including a key
     * that is not the certificate's.
     */
    public static TlsIdentity fromPem(String chainPem, String keyPem) {
        KeyAndCertificate leaf = KeyAndCertificate.fromPem(chainPem, keyPem);
        if (!signs(leaf.key(), leaf.certificate())) {
            throw new IllegalArgumentException("the private key does not belong to the certificate");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser pem = new PEMParser(new StringReader(chainPem))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o; (o = pem.readObject()) != null; ) {
                if (o instanceof X509CertificateHolder cert) {
                    chain.add(converter.getCertificate(cert));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable certificate chain: " + e.getMessage(), e);
        }
        for (int i = 1; i < chain.size(); i++) {
            // what clients and the JDK's key store take for a chain: each certificate issued by the next
            if (!chain.get(i - 1).getIssuerX500Principal().equals(chain.get(i).getSubjectX500Principal())) {
                throw new IllegalArgumentException("certificate " + (i + 1) + " in the file (" + chain.get(i)
                        .getSubjectX500Principal() + ") did not issue the one before it (issued by "
                        + chain.get(i - 1).getIssuerX500Principal() + "): list the leaf first, then each issuer in turn");
            }
        }
        return new TlsIdentity(leaf.key(), chain);
    }

    /** Whether {@code key} makes signatures the certificate's public key verifies: the one proof that works for every key type. */
    private static boolean signs(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm()
                    + " (RSA, EC or EdDSA keys are)");
        };
        byte[] probe = {'s', 'l', 'i', 'p', 'w', 'a', 'y'};
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a certificate for another kind of key
        }
    }

    /** A TLS context that presents this identity to clients (protocols and ciphers are the JDK's defaults). */
    public SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("slipway", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not make a TLS context: " + e.getMessage(), e);
        }
    }
}
