package io.slipway.core.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A private key and its X.509 certificate, as PEM text in and out: Slipway's own (self-signed, made
 * once per installation) or an operator's. RSA 2048 with SHA-256, which every client Slipway serves
 * accepts, from the AWS CLI's Python to the CodeDeploy agent's Ruby OpenSSL.
 */
public record KeyAndCertificate(PrivateKey key, X509Certificate certificate) {
    private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");

    /** Whether a name for a certificate is an IP literal (an iPAddress name) rather than a host name. */
    public static boolean isAddress(String name) {
        return IP.matcher(name).matches();
    }

    /**
     * A new self-signed certificate for {@code names} (host names and IP literals, as subject
     * alternative names), valid from an hour ago (clocks differ) for {@code validity}.
     */
    public static KeyAndCertificate selfSigned(String commonName, List<String> names, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", " ") + ",O=Slipway");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.stream()
                        .map(n -> new GeneralName(isAddress(n) ? GeneralName.iPAddress : GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new)));
            }
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            return new KeyAndCertificate(pair.getPrivate(), new JcaX509CertificateConverter().getCertificate(holder));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Could not make a certificate", e);
        }
    }

    /**
     * Reads a certificate and a key from PEM text (the key as PKCS#8 {@code PRIVATE KEY} or
     * PKCS#1 {@code RSA PRIVATE KEY}/SEC1 {@code EC PRIVATE KEY}, unencrypted); says what is wrong otherwise.
     */
    public static KeyAndCertificate fromPem(String certificatePem, String keyPem) {
        try (PEMParser certs = new PEMParser(new StringReader(certificatePem));
             PEMParser keys = new PEMParser(new StringReader(keyPem))) {
            if (!(certs.readObject() instanceof X509CertificateHolder cert)) {
                throw new IllegalArgumentException("no CERTIFICATE in the certificate's PEM");
            }
            Object key = keys.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey privateKey = switch (key) {
                case PEMKeyPair p -> converter.getPrivateKey(p.getPrivateKeyInfo());
                case PrivateKeyInfo p -> converter.getPrivateKey(p);
                case null, default -> throw new IllegalArgumentException(
                        "no unencrypted PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY in the key's PEM");
            };
            return new KeyAndCertificate(privateKey, new JcaX509CertificateConverter().getCertificate(cert));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable PEM: " + e.getMessage(), e);
        }
    }

    public String certificatePem() {
        return pem(certificate);
    }

    /**
     * The key as PKCS#8 {@code PRIVATE KEY}, whatever its type: the traditional forms lose an EC
     * key's curve when the JDK made it, so that it would not read back.
     */
    public String keyPem() {
        try {
            return pem(new JcaPKCS8Generator(key, null));
        } catch (PemGenerationException e) {
            throw new IllegalStateException("Could not write the key", e);
        }
    }

    /** Any object Bouncy Castle's PEM writer knows, as PEM text. */
    static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
