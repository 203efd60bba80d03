package io.slipway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.agent.AgentFleet;
import io.slipway.agent.AgentSettings;
import io.slipway.agent.HostAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server deployments end to end, as a user runs them: the AWS CLI registers on-premises instances,
 * pushes a revision with {@code aws deploy push} and deploys it, and Slipway's own host agent,
 * started in this process, downloads the bundle, installs its files and runs its hook scripts.
 */
class ServerDeploymentsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path work;
    private static final List<AutoCloseable> agents = new ArrayList<>();

    @BeforeAll
    static void cli() {
        AwsCli.requireCli();
        ok("s3", "mb", "s3://bundles");
    }

    @AfterAll
    static void stopAgents() throws Exception {
        for (AutoCloseable a : agents) {
            a.close();
        }
    }

    /** {@code aws --endpoint-url <slipway> args...}, with S3 (which {@code aws deploy push} calls) pointed there too. */
    private static AwsCli.Result aws(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--endpoint-url";
        full[1] = slipway.endpoint();
        System.arraycopy(args, 0, full, 2, args.length);
        return AwsCli.run(Map.of("AWS_ENDPOINT_URL_S3", slipway.endpoint()), full);
    }

    private static AwsCli.Result ok(String... args) {
        AwsCli.Result r = aws(args);
        assertThat(r.exitCode()).as("aws %s\n%s%s", String.join(" ", args), r.stdout(), r.stderr()).isZero();
        return r;
    }

    private static JsonNode json(AwsCli.Result r) {
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AgentSettings agentSettings(String hostIdentifier, Path root) {
        return AgentSettings.of(URI.create(slipway.endpoint()), hostIdentifier, root)
                .withRetryDelays(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    /** A revision directory: an appspec with the given hooks, and one executable script per hook. */
    private static Path revision(String name, Map<String, String> scripts) {
        Path dir = work.resolve(name);
        StringBuilder appspec = new StringBuilder("version: 0.0\nos: linux\nfiles:\n  - source: /site\n"
                + "    destination: /var/www/shop\nhooks:\n");
        try {
            Files.createDirectories(dir.resolve("scripts"));
            Files.createDirectories(dir.resolve("site"));
            Files.writeString(dir.resolve("site/index.html"), "<h1>" + name + "</h1>\n");
            for (var hook : scripts.entrySet()) {
                Path script = dir.resolve("scripts/" + hook.getKey() + ".sh");
                Files.writeString(script, "#!/bin/sh\n" + hook.getValue() + "\n");
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                appspec.append("  ").append(hook.getKey()).append(":\n    - location: scripts/").append(hook.getKey())
                        .append(".sh\n      timeout: 60\n");
            }
            Files.writeString(dir.resolve("appspec.yml"), appspec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private static String pushAndDeploy(String application, String group, Path source, String key) {
        AwsCli.Result push = ok("deploy", "push", "--application-name", application, "--s3-location",
                "s3://bundles/" + key, "--source", source.toString());
        assertThat(push.stdout()).contains("aws deploy create-deployment");
        return json(ok("deploy", "create-deployment", "--application-name", application, "--deployment-group-name", group,
                "--s3-location", "bucket=bundles,key=" + key + ",bundleType=zip")).get("deploymentId").asText();
    }

    private static JsonNode event(JsonNode summary, String name) {
        for (JsonNode e : summary.get("lifecycleEvents")) {
            if (e.get("lifecycleEventName").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("No event " + name + " in " + summary);
    }

    @Test
    void pushDeployAndWatchTheAgentRunTheAppSpec() throws IOException {
        ok("deploy", "create-application", "--application-name", "shop");
        ok("deploy", "register-on-premises-instance", "--instance-name", "web-1", "--iam-user-arn",
                "arn:aws:iam::000000000000:user/web-1");
        ok("deploy", "add-tags-to-on-premises-instances", "--instance-names", "web-1", "--tags", "Key=Name,Value=web");
        ok("deploy", "create-deployment-group", "--application-name", "shop", "--deployment-group-name", "prod",
                "--service-role-arn", "arn:aws:iam::000000000000:role/cd",
                "--on-premises-instance-tag-filters", "Key=Name,Value=web,Type=KEY_AND_VALUE");
        Path root = work.resolve("web-1-root");
        HostAgent agent = new HostAgent(agentSettings("arn:aws:iam::000000000000:user/web-1", root)).start();
        agents.add(agent);

        String first = pushAndDeploy("shop", "prod", revision("v1", Map.of(
                "ApplicationStop", "echo stopping v1",
                "BeforeInstall", "echo \"event=$LIFECYCLE_EVENT id=$DEPLOYMENT_ID app=$APPLICATION_NAME group=$DEPLOYMENT_GROUP_NAME bucket=$BUNDLE_BUCKET key=$BUNDLE_KEY\"",
                "ValidateService", "echo v1 is healthy")), "shop-v1.zip");
        ok("deploy", "wait", "deployment-successful", "--deployment-id", first);

        assertThat(root.resolve("var/www/shop/index.html")).content().contains("<h1>v1</h1>");
        JsonNode summary = json(ok("deploy", "get-deployment-instance", "--deployment-id", first, "--instance-id", "web-1"))
                .get("instanceSummary");
        assertThat(summary.get("status").asText()).isEqualTo("Succeeded");
        assertThat(event(summary, "ApplicationStop").get("status").asText()).isEqualTo("Skipped");
        JsonNode beforeInstall = event(summary, "BeforeInstall");
        assertThat(beforeInstall.get("status").asText()).isEqualTo("Succeeded");
        assertThat(beforeInstall.at("/diagnostics/errorCode").asText()).isEqualTo("Success");
        assertThat(beforeInstall.at("/diagnostics/logTail").asText()).contains("event=BeforeInstall id=" + first
                + " app=shop group=prod bucket=bundles key=shop-v1.zip");

        // the second revision's health check fails; its ApplicationStop is the first revision's script
        String second = pushAndDeploy("shop", "prod", revision("v2", Map.of(
                "ApplicationStop", "echo stopping v2",
                "ValidateService", "echo checking v2; echo health check failed >&2; exit 3")), "shop-v2.zip");
        AwsCli.Result waited = aws("deploy", "wait", "deployment-successful", "--deployment-id", second);
        assertThat(waited.exitCode()).isNotZero();
        assertThat(waited.stderr()).contains("Failed");

        JsonNode failed = json(ok("deploy", "get-deployment-instance", "--deployment-id", second, "--instance-id", "web-1"))
                .get("instanceSummary");
        assertThat(failed.get("status").asText()).isEqualTo("Failed");
        assertThat(event(failed, "ApplicationStop").at("/diagnostics/logTail").asText()).contains("stopping v1")
                .doesNotContain("stopping v2");
        JsonNode validate = event(failed, "ValidateService");
        assertThat(validate.get("status").asText()).isEqualTo("Failed");
        assertThat(validate.at("/diagnostics/errorCode").asText()).isEqualTo("ScriptFailed");
        assertThat(validate.at("/diagnostics/scriptName").asText()).isEqualTo("scripts/ValidateService.sh");
        assertThat(validate.at("/diagnostics/message").asText()).contains("exit code 3");
        assertThat(validate.at("/diagnostics/logTail").asText()).contains("[stdout]checking v2", "[stderr]health check failed");

        JsonNode deployment = json(ok("deploy", "get-deployment", "--deployment-id", second)).get("deploymentInfo");
        assertThat(deployment.get("status").asText()).isEqualTo("Failed");
        assertThat(deployment.at("/errorInformation/code").asText()).isEqualTo("HEALTH_CONSTRAINTS");
        assertThat(json(ok("deploy", "list-deployment-instances", "--deployment-id", second, "--instance-status-filter",
                "Failed")).get("instancesList")).extracting(JsonNode::asText).containsExactly("web-1");
        JsonNode target = json(ok("deploy", "get-deployment-target", "--deployment-id", second, "--target-id", "web-1"))
                .get("deploymentTarget");
        assertThat(target.get("deploymentTargetType").asText()).isEqualTo("InstanceTarget");
        assertThat(target.at("/instanceTarget/status").asText()).isEqualTo("Failed");
        JsonNode batch = json(ok("deploy", "batch-get-deployment-instances", "--deployment-id", second,
                "--instance-ids", "web-1", "web-9"));
        assertThat(batch.get("instancesSummary")).hasSize(1);
        assertThat(batch.get("errorMessage").asText()).contains("web-9");
        AwsCli.Result missing = aws("deploy", "get-deployment-instance", "--deployment-id", second, "--instance-id", "web-9");
        assertThat(missing.stderr()).contains("InstanceDoesNotExistException");
    }

    @Test
    void halfAtATimeOverNineHostsSucceedsWithThreeFailingScripts() throws IOException {
        ok("deploy", "create-application", "--application-name", "fleet");
        for (int i = 1; i <= 9; i++) {
            ok("deploy", "register-on-premises-instance", "--instance-name", "half-" + i, "--iam-user-arn",
                    "arn:aws:iam::000000000000:user/half-" + i);
        }
        ok(List.of("deploy", "add-tags-to-on-premises-instances", "--tags", "Key=Env,Value=half", "--instance-names",
                "half-1", "half-2", "half-3", "half-4", "half-5", "half-6", "half-7", "half-8", "half-9").toArray(String[]::new));
        ok("deploy", "create-deployment-group", "--application-name", "fleet", "--deployment-group-name", "half",
                "--service-role-arn", "arn:aws:iam::000000000000:role/cd", "--deployment-config-name",
                "CodeDeployDefault.HalfAtATime", "--on-premises-instance-tag-filters", "Key=Env,Value=half,Type=KEY_AND_VALUE");
        AgentFleet fleet = AgentFleet.start(agentSettings("half", work.resolve("half-fleet")), 9);
        agents.add(fleet);
        // three hosts are broken: their health check finds this file below their host root
        for (int i : new int[]{2, 5, 7}) {
            Path broken = work.resolve("half-fleet/half-" + i + "/etc/broken");
            Files.createDirectories(broken.getParent());
            Files.writeString(broken, "yes");
        }
        String id = pushAndDeploy("fleet", "half", revision("half-app", Map.of("ValidateService",
                "if [ -f \"$SLIPWAY_HOST_ROOT/etc/broken\" ]; then echo broken host; exit 1; fi; echo fine")), "half.zip");
        ok("deploy", "wait", "deployment-successful", "--deployment-id", id);

        JsonNode overview = json(ok("deploy", "get-deployment", "--deployment-id", id)).at("/deploymentInfo/deploymentOverview");
        assertThat(overview.get("Succeeded").asInt()).isEqualTo(6);
        assertThat(overview.get("Failed").asInt()).isEqualTo(3);
        assertThat(json(ok("deploy", "list-deployment-instances", "--deployment-id", id, "--instance-status-filter", "Failed"))
                .get("instancesList")).extracting(JsonNode::asText).containsExactly("half-2", "half-5", "half-7");
        JsonNode broken = json(ok("deploy", "get-deployment-instance", "--deployment-id", id, "--instance-id", "half-5"))
                .get("instanceSummary");
        assertThat(event(broken, "ValidateService").at("/diagnostics/logTail").asText()).contains("broken host");
    }
}
