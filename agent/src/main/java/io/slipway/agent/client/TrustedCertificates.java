package io.slipway.agent.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * An {@link SSLContext} that trusts only the certificates of a PEM bundle, as the AWS CLI's
 * {@code --ca-bundle} does: how the agent reaches a Slipway that serves its own certificate.
 */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /** @throws IllegalArgumentException when the file cannot be read or holds no certificate */
    public static SSLContext from(Path pem) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(pem), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make a TLS context: " + e.getMessage(), e);
        }
    }

    /** Trust managers that trust the PEM file's certificates and no others. */
    public static TrustManager[] trustManagers(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("The CA bundle " + pem + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust.getTrustManagers();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the CA bundle " + pem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The CA bundle " + pem + " is not PEM certificates: " + e.getMessage(), e);
        }
    }
}
