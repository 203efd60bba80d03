package io.slipway.console;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's SigV4 signer (js/sigv4.js) against AWS's SigV4 test suite, run by Node.js: every
 * case the console could make signs to the suite's signature, and the same cases signed with a
 * wrong secret all differ. Cases the console never makes (paths to normalize, repeated names) are
 * skipped by the script, which says why.
 */
class ConsoleSignerTest {
    private static final Path SIGNER = Path.of("src/main/resources/io/slipway/console/assets/js/sigv4.js");
    private static final Path SCRIPT = Path.of("src/test/js/sigv4-vectors.mjs");
    private static final Path SUITE = Path.of("../../shared/sigv4-test-suite");

    private static List<String> run(String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString(), SIGNER.toString(),
                SUITE.toString()));
        command.addAll(List.of(extra));
        Process node;
        try {
            node = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("node is required under CI=true: " + missing.getMessage());
            }
            Assumptions.abort("node is not installed");
            throw missing;
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void signsEveryCaseItCouldMakeAsTheSuiteDoes() throws Exception {
        assertThat(Files.isDirectory(SUITE)).as("AWS's SigV4 test suite beside the checkout").isTrue();
        List<String> results = run();
        assertThat(results).noneMatch(l -> l.startsWith("FAIL"));
        assertThat(results.stream().filter(l -> l.startsWith("PASS")).count()).isGreaterThanOrEqualTo(19);
        assertThat(results).contains("PASS get-vanilla-with-session-token", "PASS get-utf8", "PASS post-vanilla-query");
    }

    @Test
    void aWrongSecretSignsEveryCaseDifferently() throws Exception {
        List<String> results = run("not-the-secret");
        assertThat(results).noneMatch(l -> l.startsWith("PASS"));
        assertThat(results.stream().filter(l -> l.startsWith("FAIL")).count()).isGreaterThanOrEqualTo(19);
    }
}
