package io.slipway.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.agent.client.Credentials;
import io.slipway.agent.client.S3BundleClient;
import io.slipway.agent.spec.DeploymentSpecification;
import io.slipway.agent.testing.SpecPayloads;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install and hook commands on a revision already unpacked on the host (no download needed). */
class CommandExecutorTest {
    private static final String GROUP = "group-1";

    @TempDir
    Path root;
    private HttpClient http;
    private CommandExecutor executor;
    private DeploymentSpecification spec;
    private Path archive;

    @BeforeEach
    void setUp() throws Exception {
        http = HttpClient.newHttpClient();
        HostLayout layout = new HostLayout(root);
        executor = new CommandExecutor(layout, new S3BundleClient(http, URI.create("http://127.0.0.1:9"), new Credentials("a", "b"),
                "us-east-1", Clock.systemUTC()), Clock.systemUTC(), new RunningUser("deployer", false));
        spec = DeploymentSpecification.parse("TEXT/JSON", SpecPayloads.s3("d-1", GROUP, "b", "k.zip", "zip").toString());
        archive = Files.createDirectories(HostLayout.archiveDir(layout.deploymentDir(GROUP, "d-1")));
    }

    @AfterEach
    void tearDown() {
        http.shutdownNow();
    }

    @Test
    void installRefusesHooksTheDeploymentDoesNotKnow() throws Exception {
        Files.writeString(archive.resolve("appspec.yml"), "version: 0.0\nos: linux\nhooks:\n  AfterReboot:\n    - location: a.sh\n");

        CommandResult result = executor.execute("Install", spec);

        assertThat(result.errorCode()).isEqualTo(ErrorCode.UNKNOWN_ERROR);
        assertThat(result.message()).isEqualTo("appspec.yml file contains unknown lifecycle events: [AfterReboot]");
    }

    @Test
    void installWithoutAnAppSpecFails() throws Exception {
        CommandResult result = executor.execute("Install", spec);

        assertThat(result.commandStatus()).isEqualTo("Failed");
        assertThat(result.message()).contains("did not find an AppSpec file").contains("\"appspec.yml\"");
    }

    @Test
    void acceptsAppspecYaml() throws Exception {
        Files.writeString(archive.resolve("appspec.yaml"), "version: 0.0\nos: linux\nhooks:\n  AfterInstall:\n    - location: a.sh\n");
        Files.writeString(archive.resolve("a.sh"), "#!/bin/sh\necho from yaml\n");

        assertThat(executor.execute("Install", spec).succeeded()).isTrue();
        assertThat(executor.isNoop("AfterInstall", spec)).isFalse();
        assertThat(executor.isNoop("ApplicationStart", spec)).isTrue();
        assertThat(executor.execute("AfterInstall", spec).log()).contains("[stdout]from yaml\n");
        assertThat(executor.isNoop("Install", spec)).isFalse();
    }

    @Test
    void aBadAppSpecFailsTheHookWithItsMessage() throws Exception {
        Files.writeString(archive.resolve("appspec.yml"), "version: 0.0\nos: plan9\n");

        CommandResult result = executor.execute("BeforeInstall", spec);

        assertThat(result.errorCode()).isEqualTo(ErrorCode.UNKNOWN_ERROR);
        assertThat(result.message()).contains("unsupported operating system (plan9)");
    }
}
