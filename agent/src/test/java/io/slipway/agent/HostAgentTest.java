package io.slipway.agent;

import static io.slipway.agent.testing.TestArchives.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.agent.client.Credentials;
import io.slipway.agent.testing.FakeCommandService;
import io.slipway.agent.testing.FakeCommandService.Call;
import io.slipway.agent.testing.FakeCommandService.Completion;
import io.slipway.agent.testing.SpecPayloads;
import io.slipway.agent.testing.TestArchives;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One host's agent against a stand-in of AWS's command service, stepped with {@link HostAgent#pollOnce()}. */
class HostAgentTest {
    static final String HOST = "arn:aws:iam::000000000000:user/web-1";
    static final String GROUP = "6f1f7c7e-0000-4000-8000-000000000001";
    private static final String APPSPEC = """
            version: 0.0
            os: linux
            files:
              - source: site
                destination: /var/www/shop
            hooks:
              ApplicationStop:
                - location: scripts/stop.sh
              BeforeInstall:
                - location: scripts/before.sh
                  timeout: 60
              ApplicationStart:
                - location: scripts/start.sh
              ValidateService:
                - location: scripts/validate.sh
            """;

    @TempDir
    Path root;
    private FakeCommandService service;
    private HostAgent agent;

    @BeforeEach
    void setUp() throws Exception {
        service = FakeCommandService.start();
        agent = new HostAgent(settings());
    }

    @AfterEach
    void tearDown() {
        agent.close();
        service.close();
    }

    private AgentSettings settings() {
        return AgentSettings.of(service.endpoint(), HOST, root).withCredentials(new Credentials("AKIDTEST", "secret"))
                .withRegion("eu-west-1").withRetryDelays(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private static byte[] bundle(String version) {
        return TestArchives.zip(List.of(
                file("appspec.yml", APPSPEC, 0644),
                file("site/index.html", "<h1>" + version + "</h1>", 0644),
                file("scripts/stop.sh", "#!/bin/sh\necho stopping " + version + "\n", 0755),
                file("scripts/before.sh", "#!/bin/sh\necho \"before $DEPLOYMENT_ID of $APPLICATION_NAME from $BUNDLE_KEY\"\n", 0755),
                file("scripts/start.sh", "#!/bin/sh\necho starting " + version + "\n", 0755),
                file("scripts/validate.sh", "#!/bin/sh\necho checking >&2\nexit 7\n", 0755)));
    }

    private Completion run(String commandId, String executionId, String commandName) throws InterruptedException {
        service.enqueue(HOST, commandId, executionId, commandName);
        assertThat(agent.pollOnce()).isTrue();
        Completion completion = service.nextCompletion();
        assertThat(completion.hostCommandIdentifier()).isEqualTo(commandId);
        return completion;
    }

    private String deploy(String deploymentId, String version) {
        String execution = "arn:aws:codedeploy:eu-west-1:000000000000:deployment/" + deploymentId + "/x";
        service.putObject("bundles", "shop/" + version + ".zip", bundle(version));
        service.specification(execution, SpecPayloads.s3(deploymentId, GROUP, "bundles", "shop/" + version + ".zip", "zip").toString());
        return execution;
    }

    @Test
    void runsAnInPlaceDeploymentCommandByCommand() throws Exception {
        String execution = deploy("d-AAAAAAAA1", "v1");

        Completion stop = run("c-1", execution, "ApplicationStop");
        assertThat(service.nextAcknowledgementNoop()).isTrue(); // no earlier install on this host
        assertThat(stop.commandStatus()).isEqualTo("Succeeded");

        assertThat(run("c-2", execution, "DownloadBundle").commandStatus()).isEqualTo("Succeeded");
        assertThat(service.nextAcknowledgementNoop()).isFalse();
        Completion before = run("c-3", execution, "BeforeInstall");
        assertThat(before.commandStatus()).isEqualTo("Succeeded");
        assertThat(before.errorCode()).isZero();
        assertThat(before.log()).isEqualTo("LifecycleEvent - BeforeInstall\nScript - scripts/before.sh\n"
                + "[stdout]before d-AAAAAAAA1 of shop from shop/v1.zip\n");
        assertThat(run("c-4", execution, "Install").commandStatus()).isEqualTo("Succeeded");
        assertThat(run("c-5", execution, "AfterInstall").commandStatus()).isEqualTo("Succeeded");
        assertThat(run("c-6", execution, "ApplicationStart").log()).contains("[stdout]starting v1\n");

        Path deploymentRoot = root.resolve("opt/codedeploy-agent/deployment-root");
        Path deploymentDir = deploymentRoot.resolve(GROUP).resolve("d-AAAAAAAA1");
        assertThat(root.resolve("var/www/shop/index.html")).hasContent("<h1>v1</h1>");
        assertThat(deploymentDir.resolve("bundle.zip")).exists();
        assertThat(deploymentDir.resolve("deployment-archive/appspec.yml")).exists();
        assertThat(Files.readString(deploymentDir.resolve("logs/scripts.log"))).contains("[stdout]starting v1");
        assertThat(deploymentRoot.resolve("deployment-instructions/" + GROUP + "_last_successful_install")).hasContent(deploymentDir.toString());
        assertThat(deploymentRoot.resolve("deployment-instructions/" + GROUP + "_most_recent_install")).hasContent(deploymentDir.toString());
        assertThat(deploymentRoot.resolve("deployment-instructions/" + GROUP + "_cleanup")).content().contains("/var/www/shop/index.html");
        assertThat(agent.commandsCompleted()).isEqualTo(6);
    }

    @Test
    void aFailingScriptReportsTheOfficialDiagnostics() throws Exception {
        String execution = deploy("d-AAAAAAAA1", "v1");
        run("c-1", execution, "DownloadBundle");
        run("c-2", execution, "Install");

        Completion validate = run("c-3", execution, "ValidateService");

        assertThat(validate.commandStatus()).isEqualTo("Failed");
        assertThat(validate.errorCode()).isEqualTo(4);
        assertThat(validate.scriptName()).isEqualTo("scripts/validate.sh");
        assertThat(validate.message()).isEqualTo("Script at specified location: scripts/validate.sh failed with exit code 7");
        assertThat(validate.log()).isEqualTo("LifecycleEvent - ValidateService\nScript - scripts/validate.sh\n[stderr]checking\n");
    }

    @Test
    void theNextDeploymentStopsTheApplicationWithTheScriptsOfTheLastInstall() throws Exception {
        String first = deploy("d-AAAAAAAA1", "v1");
        run("c-1", first, "DownloadBundle");
        run("c-2", first, "Install");
        String second = deploy("d-BBBBBBBB2", "v2");

        Completion stop = run("c-3", second, "ApplicationStop");

        assertThat(service.nextAcknowledgementNoop()).isFalse();
        assertThat(stop.log()).contains("[stdout]stopping v1\n");
        assertThat(root.resolve("opt/codedeploy-agent/deployment-root/" + GROUP + "/d-BBBBBBBB2/logs/scripts.log")).exists();
        run("c-4", second, "DownloadBundle");
        run("c-5", second, "Install");
        assertThat(root.resolve("var/www/shop/index.html")).hasContent("<h1>v2</h1>");
    }

    @Test
    void keepsFiveDeploymentDirectoriesOfAGroup() throws Exception {
        for (int i = 1; i <= 7; i++) {
            String execution = deploy("d-" + i, "v" + i);
            run("c-" + i + "-d", execution, "DownloadBundle");
            run("c-" + i + "-i", execution, "Install");
        }

        try (var dirs = Files.list(root.resolve("opt/codedeploy-agent/deployment-root/" + GROUP))) {
            assertThat(dirs.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("d-3", "d-4", "d-5", "d-6", "d-7");
        }
    }

    @Test
    void signsEveryRequestForItsService() throws Exception {
        String execution = deploy("d-AAAAAAAA1", "v1");
        run("c-1", execution, "DownloadBundle");

        Call poll = service.calls("PollHostCommand").get(0);
        assertThat(poll.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(poll.target()).isEqualTo("CodeDeployCommandService_v20141006.PollHostCommand");
        assertThat(poll.body().toString()).isEqualTo("{\"HostIdentifier\":\"" + HOST + "\"}");
        assertThat(poll.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
                .contains("/eu-west-1/codedeploy-commands/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=");
        assertThat(poll.header("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
        Call get = service.calls().stream().filter(c -> c.method().equals("GET")).findFirst().orElseThrow();
        assertThat(get.path()).isEqualTo("/bundles/shop/v1.zip");
        assertThat(get.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(get.header("Authorization")).contains("/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date,");
        Call complete = service.calls("PutHostCommandComplete").get(0);
        assertThat(complete.body().path("Diagnostics").path("Format").asText()).isEqualTo("JSON");
    }

    @Test
    void failsWhatItCannotRun() throws Exception {
        String execution = deploy("d-AAAAAAAA1", "v1");
        Completion reboot = run("c-1", execution, "Reboot");
        assertThat(reboot.commandStatus()).isEqualTo("Failed");
        assertThat(reboot.errorCode()).isEqualTo(5);
        assertThat(reboot.message()).isEqualTo("Unsupported command type: Reboot");

        ObjectNode gitHub = SpecPayloads.s3("d-GGGGGGGG1", GROUP, "b", "k", "zip");
        gitHub.putObject("Revision").put("RevisionType", "GitHub");
        service.specification("exec-github", gitHub.toString());
        Completion github = run("c-2", "exec-github", "DownloadBundle");
        assertThat(github.errorCode()).isEqualTo(5);
        assertThat(github.message()).contains("Unsupported revision type 'GitHub'");

        ObjectNode missing = SpecPayloads.s3("d-MMMMMMMM1", GROUP, "bundles", "nothing-here.zip", "zip");
        service.specification("exec-missing", missing.toString());
        Completion download = run("c-3", "exec-missing", "DownloadBundle");
        assertThat(download.errorCode()).isEqualTo(5);
        assertThat(download.message()).contains("HTTP 404 NoSuchKey");

        ObjectNode tampered = SpecPayloads.s3("d-EEEEEEEE1", GROUP, "bundles", "shop/v1.zip", "zip");
        ((ObjectNode) tampered.path("Revision").path("S3Revision")).put("ETag", "\"0123456789abcdef0123456789abcdef\"");
        service.specification("exec-etag", tampered.toString());
        Completion etag = run("c-4", "exec-etag", "DownloadBundle");
        assertThat(etag.message()).startsWith("Expected deployment artifact bundle etag \"0123456789abcdef0123456789abcdef\" but was actually ");
    }

    @Test
    void doesNotRunACommandTheServiceAlreadyEnded() throws Exception {
        String execution = deploy("d-AAAAAAAA1", "v1");
        service.acknowledgeAs("c-1", "Failed");
        service.enqueue(HOST, "c-1", execution, "DownloadBundle");

        assertThat(agent.pollOnce()).isTrue();

        assertThat(service.calls("PutHostCommandComplete")).isEmpty();
        assertThat(root.resolve("opt/codedeploy-agent/deployment-root/" + GROUP + "/d-AAAAAAAA1/bundle.zip")).doesNotExist();
    }

    @Test
    void anEmptyPollIsNoCommand() throws Exception {
        assertThat(agent.pollOnce()).isFalse();
        assertThat(service.calls()).hasSize(1);
    }
}
