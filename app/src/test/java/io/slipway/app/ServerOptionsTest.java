package io.slipway.app;

import io.slipway.core.http.HttpLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerOptionsTest {

    @Test
    void defaults() throws Exception {
        SlipwayConfig c = ServerOptions.parse(List.of(), Map.of());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(4599);
        assertThat(c.dataDir()).hasValue(Path.of(".slipway-data"));
        assertThat(c.ephemeral()).isFalse();
        assertThat(c.timeScale()).isEqualTo(1.0);
        assertThat(c.databaseUrl()).isEmpty();
        assertThat(c.accessLog()).isTrue();
        assertThat(c.accounts()).isEmpty();
        assertThat(c.lambdaSandbox()).isTrue();
        assertThat(c.nodeTimeout()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void theEndpointUrlIsAnHttpOrigin() throws Exception {
        assertThat(ServerOptions.parse(List.of(), Map.of()).endpointUrl()).isEmpty();
        assertThat(ServerOptions.parse(List.of("--endpoint-url", "http://balancer:8080/"), Map.of()).endpointUrl())
                .hasValue("http://balancer:8080");
        assertThat(ServerOptions.parse(List.of(), Map.of("SLIPWAY_ENDPOINT_URL", "https://slipway.team")).endpointUrl())
                .hasValue("https://slipway.team");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--endpoint-url", "balancer:8080"), Map.of()))
                .hasMessageContaining("--endpoint-url must be http://HOST[:PORT]");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--endpoint-url", "http://b/path"), Map.of()))
                .hasMessageContaining("--endpoint-url must be");
    }

    @Test
    void theNodeTimeoutIsAnOptionFromOneSecondToAnHour() throws Exception {
        assertThat(ServerOptions.parse(List.of("--node-timeout", "3"), Map.of()).nodeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ServerOptions.parse(List.of(), Map.of("SLIPWAY_NODE_TIMEOUT", "1.5")).nodeTimeout())
                .isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--node-timeout", "0.5"), Map.of()))
                .hasMessageContaining("--node-timeout must be from 1 to 3600 seconds, not 0.5");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--node-timeout", "soon"), Map.of()))
                .hasMessageContaining("--node-timeout must be a number of seconds");
    }

    @Test
    void theLambdaSandboxCanBeTurnedOff() throws Exception {
        assertThat(ServerOptions.parse(List.of("--lambda-sandbox", "off"), Map.of()).lambdaSandbox()).isFalse();
        assertThat(ServerOptions.parse(List.of(), Map.of("SLIPWAY_LAMBDA_SANDBOX", "off")).lambdaSandbox()).isFalse();
        assertThat(ServerOptions.parse(List.of("--lambda-sandbox=auto"), Map.of("SLIPWAY_LAMBDA_SANDBOX", "off"))
                .lambdaSandbox()).isTrue();
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--lambda-sandbox", "maybe"), Map.of()))
                .hasMessageContaining("--lambda-sandbox must be auto or off, not maybe");
    }

    @Test
    void theCommandLineWinsOverTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("SLIPWAY_PORT", "5000", "SLIPWAY_TIME_SCALE", "60", "SLIPWAY_ACCOUNTS",
                "AKIA1=111122223333", "SLIPWAY_ACCESS_LOG", "false");
        SlipwayConfig c = ServerOptions.parse(List.of("--port=6000", "--ephemeral", "--host", "0.0.0.0"), env);
        assertThat(c.port()).isEqualTo(6000);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.timeScale()).isEqualTo(60.0);
        assertThat(c.ephemeral()).isTrue();
        assertThat(c.dataDir()).isEmpty();
        assertThat(c.accessLog()).isFalse();
        assertThat(c.accounts()).containsEntry("AKIA1", "111122223333");
        assertThat(ServerOptions.parse(List.of("--no-access-log"), Map.of()).accessLog()).isFalse();
    }

    @Test
    void httpLimitsHaveDefaultsVariablesAndOptions() throws Exception {
        HttpLimits defaults = ServerOptions.parse(List.of(), Map.of()).http();
        assertThat(defaults).isEqualTo(HttpLimits.defaults(16L * 1024 * 1024));
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        HttpLimits set = ServerOptions.parse(List.of("--idle-timeout", "0.25", "--head-timeout=5", "--max-headers", "50"),
                Map.of("SLIPWAY_BODY_TIMEOUT", "7", "SLIPWAY_MAX_HEADER_BYTES", "8192", "SLIPWAY_IDLE_TIMEOUT", "9")).http();
        assertThat(set).isEqualTo(new HttpLimits(16L * 1024 * 1024, Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(7), 8192, 50));
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--body-timeout", "0"), Map.of()))
                .hasMessageContaining("--body-timeout must be a number of seconds");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--max-header-bytes", "10"), Map.of()))
                .hasMessageContaining("--max-header-bytes must be a whole number from 1024");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--port", "70000"), Map.of()))
                .hasMessageContaining("--port must be a whole number from 0 to 65535");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--time-scale", "0"), Map.of()))
                .hasMessageContaining("--time-scale must be positive");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--time-scale", "fast"), Map.of()))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--colour"), Map.of()))
                .hasMessageContaining("Unknown option: --colour");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--host"), Map.of()))
                .hasMessageContaining("Missing value for --host");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--account", "AKIA=notanaccount"), Map.of()))
                .hasMessageContaining("12-digit account");
        assertThatThrownBy(() -> ServerOptions.parse(List.of(), Map.of("SLIPWAY_EPHEMERAL", "maybe")))
                .hasMessageContaining("--ephemeral must be true or false");
    }

    @Test
    void verificationModeTakesOperatorKeysWithTheirSecrets(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        SlipwayConfig defaults = ServerOptions.parse(List.of(), Map.of());
        assertThat(defaults.signatures().verify()).isFalse();

        Path file = dir.resolve("keys.txt");
        java.nio.file.Files.writeString(file, "# the release team\nAKIAFILE:file/secret=+x= = 222233334444\n\n");
        SlipwayConfig c = ServerOptions.parse(List.of("--verify-signatures", "--account",
                "AKIA1:se=cr/et+1=111122223333,AKIA2=111122223333", "--accounts-file", file.toString(),
                "--admin-token", "t"), Map.of());
        assertThat(c.signatures().verify()).isTrue();
        assertThat(c.signatures().secrets()).containsOnly(Map.entry("AKIA1", "se=cr/et+1"), Map.entry("AKIAFILE", "file/secret=+x="));
        assertThat(c.accounts()).containsEntry("AKIA1", "111122223333").containsEntry("AKIA2", "111122223333")
                .containsEntry("AKIAFILE", "222233334444");
        assertThat(c.signatures().adminToken()).contains("t");
        assertThat(ServerOptions.parse(List.of(), Map.of("SLIPWAY_VERIFY_SIGNATURES", "true",
                "SLIPWAY_ACCOUNTS", "AKIA1:s=111122223333")).signatures().verify()).isTrue();

        assertThatThrownBy(() -> ServerOptions.parse(List.of("--verify-signatures", "--account", "AKIA2=111122223333"),
                Map.of())).hasMessageContaining("needs at least one operator key with its secret");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--account", "AKIA1:topsecret=12"), Map.of()))
                .hasMessageContaining("12-digit account").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--accounts-file", dir.resolve("absent").toString()), Map.of()))
                .hasMessageContaining("--accounts-file cannot be read");
    }

    @Test
    void tlsIsOffUnlessAskedAndTakesExtraNamesFromTheCommandLineOrTheVariable() throws Exception {
        assertThat(ServerOptions.parse(List.of(), Map.of()).tls()).isEqualTo(SlipwayConfig.Tls.OFF);
        assertThat(ServerOptions.parse(List.of("--tls", "--tls-name", "box.lan", "--tls-name=10.0.0.5"),
                Map.of("SLIPWAY_TLS_NAMES", "ignored.lan")).tls())
                .isEqualTo(new SlipwayConfig.Tls.SelfSigned(List.of("box.lan", "10.0.0.5")));
        assertThat(ServerOptions.parse(List.of(), Map.of("SLIPWAY_TLS", "true", "SLIPWAY_TLS_NAMES", "a.lan, b.lan")).tls())
                .isEqualTo(new SlipwayConfig.Tls.SelfSigned(List.of("a.lan", "b.lan")));
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--tls-name", "box.lan"), Map.of()))
                .hasMessageContaining("--tls-name needs --tls");
    }

    @Test
    void theOperatorsCertificateIsReadAtStartUpAndEveryFaultIsAUsageError(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        var team = io.slipway.core.pki.KeyAndCertificate.selfSigned("team", List.of("localhost"), Duration.ofDays(1));
        var other = io.slipway.core.pki.KeyAndCertificate.selfSigned("other", List.of("localhost"), Duration.ofDays(1));
        Path cert = java.nio.file.Files.writeString(dir.resolve("cert.pem"), team.certificatePem());
        Path key = java.nio.file.Files.writeString(dir.resolve("key.pem"), team.keyPem());
        Path otherKey = java.nio.file.Files.writeString(dir.resolve("other-key.pem"), other.keyPem());

        assertThat(ServerOptions.parse(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString()), Map.of()).tls())
                .isEqualTo(new SlipwayConfig.Tls.Given(cert, key));
        assertThat(ServerOptions.parse(List.of(), Map.of("SLIPWAY_TLS_CERT", cert.toString(),
                "SLIPWAY_TLS_KEY", key.toString())).tls()).isEqualTo(new SlipwayConfig.Tls.Given(cert, key));

        assertThatThrownBy(() -> ServerOptions.parse(List.of("--tls-cert", cert.toString()), Map.of()))
                .isInstanceOf(ServerOptions.UsageException.class).hasMessage("--tls-cert needs --tls-key, the certificate's private key");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--tls-key", key.toString()), Map.of()))
                .hasMessage("--tls-key needs --tls-cert, the certificate it belongs to");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--tls-cert", dir.resolve("absent.pem").toString(),
                "--tls-key", key.toString()), Map.of()))
                .hasMessage("--tls-cert " + dir.resolve("absent.pem") + " cannot be read (no such file)");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--tls-cert", cert.toString(), "--tls-key",
                otherKey.toString()), Map.of()))
                .hasMessage("--tls-cert " + cert + " and --tls-key " + otherKey
                        + ": the private key does not belong to the certificate");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--tls-cert", key.toString(), "--tls-key", key.toString()),
                Map.of())).hasMessageContaining("no CERTIFICATE in the certificate's PEM");
        assertThatThrownBy(() -> ServerOptions.parse(List.of("--tls-cert", cert.toString(), "--tls-key", key.toString(),
                "--tls-name", "x.lan"), Map.of())).hasMessageContaining("--tls-name names hosts in Slipway's own certificate");
    }
}
