package io.slipway.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * A client's trust in exactly the certificates of one PEM file, as {@code AWS_CA_BUNDLE} gives the
 * CLI: the JDK's own trusted authorities are left out, so a connection succeeds only through it.
 */
final class TrustedPem {
    private TrustedPem() {
    }

    static TrustManager[] trustManagers(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("pem-" + i++, c);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS connection to {@code httpsEndpoint}'s host and port that checks the host name as HTTPS clients do. */
    static SSLSocket connect(String httpsEndpoint, Path pem, String... protocols) throws IOException {
        URI uri = URI.create(httpsEndpoint);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(pem), null);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(uri.getHost(), uri.getPort());
            var parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (protocols.length > 0) {
                parameters.setProtocols(protocols);
            }
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate the server at {@code httpsEndpoint} presents, verified against {@code pem}. */
    static X509Certificate presented(String httpsEndpoint, Path pem) throws IOException {
        try (SSLSocket socket = connect(httpsEndpoint, pem)) {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
