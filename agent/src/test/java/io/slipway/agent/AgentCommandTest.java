package io.slipway.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.agent.client.Credentials;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentCommandTest {
    @Test
    void readsOptions() throws Exception {
        AgentCommand.Options options = AgentCommand.parse(List.of("--endpoint", "http://127.0.0.1:4599", "--host-identifier", "web",
                "--root=/tmp/hosts", "--region", "eu-central-1", "--simulate", "5", "--once"), Map.of());

        AgentSettings settings = options.settings();
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4599"));
        assertThat(settings.hostIdentifier()).isEqualTo("web");
        assertThat(settings.root()).isEqualTo(Path.of("/tmp/hosts"));
        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.credentials()).isEqualTo(new Credentials("test", "test"));
        assertThat(options.simulate()).isEqualTo(5);
        assertThat(options.once()).isTrue();
    }

    @Test
    void takesWhatIsNotGivenFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("SLIPWAY_AGENT_ENDPOINT", "http://localhost:4599", "SLIPWAY_AGENT_HOST_IDENTIFIER", "from-env",
                "SLIPWAY_AGENT_ROOT", "/srv/agent", "AWS_REGION", "ap-south-1", "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s");

        AgentCommand.Options options = AgentCommand.parse(List.of("--host-identifier", "from-flag"), env);

        assertThat(options.settings().hostIdentifier()).isEqualTo("from-flag");
        assertThat(options.settings().root()).isEqualTo(Path.of("/srv/agent"));
        assertThat(options.settings().region()).isEqualTo("ap-south-1");
        assertThat(options.settings().credentials()).isEqualTo(new Credentials("AKID", "s"));
        assertThat(options.simulate()).isZero();
        assertThat(options.once()).isFalse();
    }

    @Test
    void sessionCredentialsTakeTheirTokenFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "ASIAKEY", "AWS_SECRET_ACCESS_KEY", "s", "AWS_SESSION_TOKEN", "tok-123");

        AgentCommand.Options options = AgentCommand.parse(List.of("--endpoint", "http://127.0.0.1:4599", "--host-identifier",
                "web", "--root", "/tmp/web"), env);

        assertThat(options.settings().credentials()).isEqualTo(new Credentials("ASIAKEY", "s", java.util.Optional.of("tok-123")));
        assertThat(options.settings().credentials().toString()).doesNotContain("tok-123");
    }

    @Test
    void refusesBadCommandLines() {
        List<String> required = List.of("--endpoint", "http://127.0.0.1:4599", "--host-identifier", "web", "--root", "/tmp/h");
        assertThatThrownBy(() -> AgentCommand.parse(List.of("--endpoint", "http://x"), Map.of())).hasMessageContaining("are required");
        assertThatThrownBy(() -> AgentCommand.parse(List.of("--bogus"), Map.of())).hasMessageContaining("unknown option '--bogus'");
        assertThatThrownBy(() -> AgentCommand.parse(List.of("--root"), Map.of())).hasMessageContaining("missing value for --root");
        assertThatThrownBy(() -> AgentCommand.parse(concat(required, "--simulate", "0"), Map.of())).hasMessageContaining("1 or more");
        assertThatThrownBy(() -> AgentCommand.parse(concat(required, "--simulate", "many"), Map.of())).hasMessageContaining("'many'");
        assertThatThrownBy(() -> AgentCommand.parse(List.of("--endpoint", "ftp://x", "--host-identifier", "w", "--root", "/r"), Map.of()))
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void aCaBundleComesFromTheFlagOrAwsCaBundleAndMustHoldCertificates(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path pem = dir.resolve("slipway.pem");
        java.nio.file.Files.writeString(pem, io.slipway.core.pki.KeyAndCertificate.selfSigned("Slipway", List.of("localhost"),
                java.time.Duration.ofDays(1)).certificatePem());
        List<String> required = List.of("--endpoint", "https://localhost:4599", "--host-identifier", "web", "--root", "/tmp/h");

        assertThat(AgentCommand.parse(concat(required, "--ca-bundle", pem.toString()), Map.of()).settings().caBundle()).contains(pem);
        assertThat(AgentCommand.parse(required, Map.of("AWS_CA_BUNDLE", pem.toString())).settings().caBundle()).contains(pem);
        assertThat(AgentCommand.parse(required, Map.of()).settings().caBundle()).isEmpty();
        assertThatThrownBy(() -> AgentCommand.parse(concat(required, "--ca-bundle", dir.resolve("absent.pem").toString()), Map.of()))
                .hasMessageContaining("Cannot read the CA bundle");
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        assertThatThrownBy(() -> AgentCommand.parse(concat(required, "--ca-bundle", empty.toString()), Map.of()))
                .hasMessageContaining("CA bundle");
    }

    @Test
    void exitsWithTwoOnABadCommandLineAndZeroForHelp() throws Exception {
        assertThat(AgentCommand.run(List.of("--nonsense"))).isEqualTo(2);
        assertThat(AgentCommand.run(List.of("--help"))).isZero();
    }

    @Test
    void simulatedHostsGetTheirOwnIdentifierAndRoot() {
        AgentSettings base = AgentSettings.of(URI.create("http://127.0.0.1:4599"), "web", Path.of("/tmp/hosts"));

        assertThat(base.simulatedHost(3).hostIdentifier()).isEqualTo("web-3");
        assertThat(base.simulatedHost(3).root()).isEqualTo(Path.of("/tmp/hosts/web-3"));
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }
}
