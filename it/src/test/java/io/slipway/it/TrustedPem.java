package io.slipway.it;

import io.slipway.agent.client.TrustedCertificates;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/**
 * A client's trust in exactly the certificates of one PEM file, as {@code AWS_CA_BUNDLE} gives the
 * CLI (the agent's {@link TrustedCertificates}): the JDK's own trusted authorities are left out, so a
 * connection succeeds only through it.
 */
final class TrustedPem {
    private TrustedPem() {
    }

    static TrustManager[] trustManagers(Path pem) {
        return TrustedCertificates.trustManagers(pem);
    }

    /** A TLS connection to {@code httpsEndpoint}'s host and port that checks the host name as HTTPS clients do. */
    static SSLSocket connect(String httpsEndpoint, Path pem, String... protocols) throws IOException {
        URI uri = URI.create(httpsEndpoint);
        SSLSocket socket = (SSLSocket) TrustedCertificates.from(pem).getSocketFactory().createSocket(uri.getHost(), uri.getPort());
        var parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (protocols.length > 0) {
            parameters.setProtocols(protocols);
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(5_000);
        socket.startHandshake();
        return socket;
    }

    /** The certificate the server at {@code httpsEndpoint} presents, verified against {@code pem}. */
    static X509Certificate presented(String httpsEndpoint, Path pem) throws IOException {
        try (SSLSocket socket = connect(httpsEndpoint, pem)) {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
