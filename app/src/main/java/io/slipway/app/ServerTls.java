package io.slipway.app;

import io.slipway.core.pki.KeyAndCertificate;
import io.slipway.core.pki.TlsIdentity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The certificate Slipway's port presents over HTTPS, and the PEM file a client trusts to verify it:
 * the operator's files as they are ({@code --tls-cert}, {@code --tls-key}), or Slipway's own
 * self-signed certificate ({@code --tls}), kept in the data directory and reused while it stays valid
 * for another day and names every host wanted, so that clients told to trust it once keep trusting it.
 */
record ServerTls(TlsIdentity identity, Path certificateFile) {
    static final String CERTIFICATE = "slipway.pem";
    static final String KEY = "slipway-key.pem";
    /** The longest validity macOS accepts for a TLS server certificate that a user trusts. */
    static final Duration VALIDITY = Duration.ofDays(825);
    private static final Duration MARGIN = Duration.ofDays(1);

    /**
     * The TLS the configuration asks for; empty for plain HTTP only. {@code dir} is where Slipway
     * keeps its own certificate (made when first needed).
     */
    static Optional<ServerTls> prepare(SlipwayConfig config, Path dir, Map<String, String> environment)
            throws IOException {
        return switch (config.tls()) {
            case SlipwayConfig.Tls.Off off -> Optional.empty();
            case SlipwayConfig.Tls.Given given -> Optional.of(new ServerTls(read(given), given.certificate()));
            case SlipwayConfig.Tls.SelfSigned own -> Optional.of(selfSigned(Files.createDirectories(dir),
                    names(config, own, environment), Instant.now()));
        };
    }

    /** The operator's certificate and key; the exception says which file is wrong and why. */
    static TlsIdentity read(SlipwayConfig.Tls.Given given) {
        String certificate = readable(given.certificate(), "--tls-cert");
        String key = readable(given.key(), "--tls-key");
        try {
            return TlsIdentity.fromPem(certificate, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-cert " + given.certificate() + " and --tls-key " + given.key()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String readable(Path file, String option) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()) + ")", e);
        }
    }

    /** Slipway's own certificate in {@code dir}: the one kept there if it still serves, else a new one. */
    static ServerTls selfSigned(Path dir, List<String> names, Instant now) throws IOException {
        Path certificate = dir.resolve(CERTIFICATE);
        Path key = dir.resolve(KEY);
        Optional<TlsIdentity> kept = kept(certificate, key, names, now);
        if (kept.isPresent()) {
            return new ServerTls(kept.get(), certificate);
        }
        KeyAndCertificate made = KeyAndCertificate.selfSigned("Slipway", names, VALIDITY);
        // the key first: a certificate whose key is missing or another's is made again at the next start
        replace(key, made.keyPem(), true);
        replace(certificate, made.certificatePem(), false);
        return new ServerTls(TlsIdentity.of(made), certificate);
    }

    private static Optional<TlsIdentity> kept(Path certificate, Path key, List<String> names, Instant now) {
        if (!Files.isRegularFile(certificate) || !Files.isRegularFile(key)) {
            return Optional.empty();
        }
        try {
            TlsIdentity identity = TlsIdentity.fromPem(Files.readString(certificate), Files.readString(key));
            X509Certificate leaf = identity.chain().getFirst();
            leaf.checkValidity(Date.from(now));
            leaf.checkValidity(Date.from(now.plus(MARGIN)));
            return alternativeNames(leaf).containsAll(names.stream().map(ServerTls::canonical).toList())
                    ? Optional.of(identity) : Optional.empty();
        } catch (IOException | IllegalArgumentException | CertificateException e) {
            return Optional.empty(); // unreadable, expiring or another's: made again
        }
    }

    private static Set<String> alternativeNames(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names == null ? Set.of() : names.stream().map(n -> canonical(String.valueOf(n.get(1))))
                .collect(Collectors.toSet());
    }

    /** IP literals in one spelling (the JDK writes ::1 as 0:0:0:0:0:0:0:1), host names in lower case. */
    private static String canonical(String name) {
        if (KeyAndCertificate.isAddress(name)) {
            try {
                return InetAddress.getByName(name).getHostAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                return name;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Writes {@code text} to {@code file} whole or not at all; a private file is the owner's alone. */
    private static void replace(Path file, String text, boolean ownerOnly) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(next);
        if (ownerOnly && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(next, text);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The names Slipway's own certificate must carry: loopback in both families, localhost, this
     * machine's name, the address it listens on (unless every one), the host of {@code --endpoint-url},
     * and every {@code --tls-name}.
     */
    static List<String> names(SlipwayConfig config, SlipwayConfig.Tls.SelfSigned own, Map<String, String> environment) {
        Set<String> names = new LinkedHashSet<>(List.of("127.0.0.1", "::1", "localhost"));
        hostName(environment).ifPresent(names::add);
        String host = unbracketed(config.host());
        if (!host.isEmpty() && !host.equals("0.0.0.0") && !host.equals("::")) {
            names.add(host);
        }
        config.endpointUrl().map(u -> URI.create(u).getHost()).filter(h -> h != null && !h.isEmpty())
                .map(ServerTls::unbracketed).ifPresent(names::add);
        names.addAll(own.names());
        return names.stream().map(n -> KeyAndCertificate.isAddress(n) ? n : n.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The machine's name without a name-service lookup where the system tells it plainly. */
    private static Optional<String> hostName(Map<String, String> environment) {
        String name = environment.get("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = Files.readString(Path.of("/proc/sys/kernel/hostname"));
            } catch (IOException | RuntimeException e) {
                try {
                    name = InetAddress.getLocalHost().getHostName();
                } catch (UnknownHostException u) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(name.strip()).filter(n -> !n.isEmpty());
    }

    /** What a client must trust to verify this certificate, for the start-up line. */
    String trustAdvice() {
        X509Certificate leaf = identity.chain().getFirst();
        return leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())
                ? "clients trust " + certificateFile + ": AWS_CA_BUNDLE or --ca-bundle"
                : "clients trust the CA that issued " + certificateFile + ": AWS_CA_BUNDLE or --ca-bundle";
    }
}
