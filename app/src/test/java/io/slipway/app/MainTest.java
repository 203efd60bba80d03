package io.slipway.app;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @ParameterizedTest
    @ValueSource(strings = {"server", "hook-executions", "agent"})
    void everyCommandAnswersHelpWithItsUsage(String command) throws InterruptedException {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new String[]{command, "--help"});
        } finally {
            System.setOut(original);
        }
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: slipway " + command);
    }

    @org.junit.jupiter.api.Test
    void aKeyThatIsNotTheCertificatesStopsTheServerBeforeItStarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var team = io.slipway.core.pki.KeyAndCertificate.selfSigned("team", java.util.List.of(), java.time.Duration.ofDays(1));
        var other = io.slipway.core.pki.KeyAndCertificate.selfSigned("other", java.util.List.of(), java.time.Duration.ofDays(1));
        var cert = java.nio.file.Files.writeString(dir.resolve("cert.pem"), team.certificatePem());
        var key = java.nio.file.Files.writeString(dir.resolve("key.pem"), other.keyPem());
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new String[]{"server", "--ephemeral", "--port", "0", "--tls-cert", cert.toString(),
                    "--tls-key", key.toString()});
        } finally {
            System.setErr(original);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("slipway server: --tls-cert " + cert + " and --tls-key "
                + key + ": the private key does not belong to the certificate\nSee 'slipway server --help'.\n");
    }
}
