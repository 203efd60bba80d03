package io.slipway.app;

import io.slipway.core.pki.KeyAndCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerTlsTest {
    private static final List<String> NAMES = List.of("127.0.0.1", "::1", "localhost");

    @Test
    void theCertificateNamesLoopbackTheMachineTheListeningAndEndpointHostsAndTheExtraNames() {
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort().withEndpointUrl("https://[fd00::5]:4599");
        assertThat(ServerTls.names(config.withTls(SlipwayConfig.Tls.OFF), new SlipwayConfig.Tls.SelfSigned(
                List.of("Build-Box.LAN", "localhost")), Map.of("HOSTNAME", "Dev-1")))
                .containsExactly("127.0.0.1", "::1", "localhost", "dev-1", "fd00::5", "build-box.lan");
        SlipwayConfig everywhere = new SlipwayConfig("0.0.0.0", 0, config.dataDir(), true, 1, config.databaseUrl(),
                config.databaseUser(), config.databasePassword(), config.http(), false, Map.of(), List.of(), true,
                config.signatures(), config.nodeTimeout(), java.util.Optional.of("http://balancer.team:80"), config.tls());
        assertThat(ServerTls.names(everywhere, new SlipwayConfig.Tls.SelfSigned(List.of()), Map.of("HOSTNAME", "dev-1")))
                .containsExactly("127.0.0.1", "::1", "localhost", "dev-1", "balancer.team");
    }

    @Test
    void theKeptCertificateIsReusedUntilItNearlyExpiresOrItsKeyIsReplaced(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        ServerTls first = ServerTls.selfSigned(dir, NAMES, now);
        assertThat(first.certificateFile()).isEqualTo(dir.resolve(ServerTls.CERTIFICATE));
        assertThat(ServerTls.selfSigned(dir, NAMES, now).identity().chain()).isEqualTo(first.identity().chain());
        // less than a day before it expires, or with a name it lacks, a new one
        assertThat(ServerTls.selfSigned(dir, NAMES, now.plus(ServerTls.VALIDITY).minus(Duration.ofHours(12)))
                .identity().chain()).isNotEqualTo(first.identity().chain());
        ServerTls second = ServerTls.selfSigned(dir, NAMES, now);
        Files.writeString(dir.resolve(ServerTls.KEY),
                KeyAndCertificate.selfSigned("x", List.of(), Duration.ofDays(1)).keyPem());
        assertThat(ServerTls.selfSigned(dir, NAMES, now).identity().chain()).isNotEqualTo(second.identity().chain());
    }
}
