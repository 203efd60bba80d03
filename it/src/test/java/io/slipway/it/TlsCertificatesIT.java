package io.slipway.it;

import io.slipway.app.Slipway;
import io.slipway.app.SlipwayConfig;
import io.slipway.core.pki.KeyAndCertificate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which certificate the port presents: the operator's ({@code --tls-cert}, {@code --tls-key}) as
 * given, or Slipway's own, kept in the data directory so that a restart presents the same one and
 * clients told to trust it go on trusting it.
 */
class TlsCertificatesIT {

    @Test
    void theOperatorsCertificateAndKeyAreWhatTheServerPresents(@TempDir Path dir) throws Exception {
        KeyAndCertificate team = KeyAndCertificate.selfSigned("team", List.of("127.0.0.1", "localhost"), Duration.ofDays(2));
        Path certificate = Files.writeString(dir.resolve("team.pem"), team.certificatePem());
        Path key = Files.writeString(dir.resolve("team-key.pem"), team.keyPem());
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort().withTls(new SlipwayConfig.Tls.Given(certificate, key));
        try (Slipway slipway = Slipway.start(config)) {
            assertThat(slipway.tlsCertificate()).contains(certificate);
            assertThat(TrustedPem.presented(slipway.httpsEndpoint().orElseThrow(), certificate))
                    .isEqualTo(team.certificate());
        }
    }

    @Test
    void aTeamCaSignedCertificateWithItsChainIsVerifiedByClientsTrustingOnlyTheCa(@TempDir Path dir) throws Exception {
        TeamCa ca = TeamCa.create();
        KeyAndCertificate server = ca.issue("localhost");
        Path chain = Files.writeString(dir.resolve("server.pem"), server.certificatePem() + ca.authority().certificatePem());
        Path key = Files.writeString(dir.resolve("server-key.pem"), server.keyPem());
        Path caPem = Files.writeString(dir.resolve("ca.pem"), ca.authority().certificatePem());
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort().withTls(new SlipwayConfig.Tls.Given(chain, key));
        try (Slipway slipway = Slipway.start(config);
             CodeDeployClient codeDeploy = CodeDeployClient.builder()
                     .endpointOverride(URI.create(slipway.httpsEndpoint().orElseThrow().replace("127.0.0.1", "localhost")))
                     .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                     .httpClient(UrlConnectionHttpClient.builder()
                             .tlsTrustManagersProvider(() -> TrustedPem.trustManagers(caPem)).build()).build()) {
            codeDeploy.createApplication(r -> r.applicationName("behind-the-team-ca"));
            assertThat(codeDeploy.listApplications(r -> { }).applications()).contains("behind-the-team-ca");
            try (SSLSocket socket = TrustedPem.connect(slipway.httpsEndpoint().orElseThrow(), caPem)) {
                assertThat(socket.getSession().getPeerCertificates())
                        .containsExactly(server.certificate(), ca.authority().certificate());
            }
        }
    }

    @Test
    void aRestartOnTheSameDataDirectoryPresentsTheSameCertificateUntilANameIsAdded(@TempDir Path data) throws Exception {
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort().withDataDir(data)
                .withTls(new SlipwayConfig.Tls.SelfSigned(List.of()));
        X509Certificate first;
        try (Slipway slipway = Slipway.start(config)) {
            Path pem = slipway.tlsCertificate().orElseThrow();
            assertThat(pem).isEqualTo(data.resolve("tls/slipway.pem"));
            assertThat(Files.getPosixFilePermissions(data.resolve("tls/slipway-key.pem")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            first = TrustedPem.presented(slipway.httpsEndpoint().orElseThrow(), pem);
        }
        try (Slipway slipway = Slipway.start(config)) {
            assertThat(TrustedPem.presented(slipway.httpsEndpoint().orElseThrow(), slipway.tlsCertificate().orElseThrow()))
                    .isEqualTo(first);
        }
        try (Slipway slipway = Slipway.start(config.withTls(new SlipwayConfig.Tls.SelfSigned(List.of("build-box.internal"))))) {
            X509Certificate renamed = TrustedPem.presented(slipway.httpsEndpoint().orElseThrow(),
                    slipway.tlsCertificate().orElseThrow());
            assertThat(renamed).isNotEqualTo(first);
            assertThat(renamed.getSubjectAlternativeNames()).extracting(n -> (Object) n.get(1))
                    .contains("build-box.internal", "localhost", "127.0.0.1");
        }
    }

    @Test
    void anEphemeralServerKeepsItsCertificateInATemporaryDirectoryRemovedAtClose() throws Exception {
        Path pem;
        try (Slipway slipway = Slipway.start(SlipwayConfig.ephemeralOnFreePort()
                .withTls(new SlipwayConfig.Tls.SelfSigned(List.of())))) {
            pem = slipway.tlsCertificate().orElseThrow();
            assertThat(TrustedPem.presented(slipway.httpsEndpoint().orElseThrow(), pem).getSubjectX500Principal().getName())
                    .contains("CN=Slipway");
        }
        assertThat(pem).doesNotExist();
    }
}
