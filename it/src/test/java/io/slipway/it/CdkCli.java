package io.slipway.it;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real CDK CLI (pinned in examples/cdk-app, installed by examples/install.sh), run in that
 * project against Slipway with only an endpoint, credentials and a region. The cloud assembly, the
 * CLI's cache and its home go to {@code work}. Notices, telemetry and the version check would reach
 * the internet, so they are off.
 *
 * @param endpoint Slipway's endpoint
 * @param account  the access key id, which is the account
 * @param app      the {@code --app} command, or null for cdk.json's
 */
record CdkCli(String endpoint, String account, String region, Path work, String app) {
    static final Path PROJECT = Path.of("..", "examples", "cdk-app").toAbsolutePath().normalize();
    private static final Path CDK = PROJECT.resolve("node_modules/.bin/cdk");

    record Run(int exitCode, String output) {
    }

    /** Skips without the CLI on a developer's machine; fails under CI=true. */
    static void requireCli() {
        boolean present = Files.isExecutable(CDK);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("examples/install.sh installed the CDK CLI at " + CDK).isTrue();
        }
        Assumptions.assumeTrue(present, "run examples/install.sh first");
    }

    Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CDK.toString()));
        command.addAll(List.of(args));
        if (app != null) {
            command.addAll(List.of("--app", app));
        }
        command.addAll(List.of("--no-notices", "--output", work.resolve("cdk.out").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("CDK_"));
        e.put("AWS_ENDPOINT_URL", endpoint);
        e.put("AWS_ACCESS_KEY_ID", account);
        e.put("AWS_SECRET_ACCESS_KEY", "secret");
        e.put("AWS_REGION", region);
        e.put("CDK_HOME", work.resolve("cdk-home").toString());
        e.put("CDK_DISABLE_VERSION_CHECK", "true");
        e.put("CDK_DISABLE_CLI_TELEMETRY", "true");
        e.putAll(env);
        Path log = Files.createTempFile(work, "cdk-", ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cdk " + String.join(" ", args) + " did not finish in 300 s:\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
