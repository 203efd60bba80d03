package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS CLI, unchanged, against Slipway: with --endpoint-url and with AWS_ENDPOINT_URL. */
class AwsCliIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    @BeforeAll
    static void cli() {
        AwsCli.requireCli();
    }

    private static AwsCli.Result aws(String... args) {
        return AwsCli.at(slipway.endpoint(), args);
    }

    @Test
    void applicationsAndGroups() {
        assertThat(aws("deploy", "create-application", "--application-name", "cli-app").stdout()).contains("applicationId");
        assertThat(aws("deploy", "list-applications").stdout()).contains("\"cli-app\"");
        AwsCli.Result group = aws("deploy", "create-deployment-group", "--application-name", "cli-app",
                "--deployment-group-name", "cli-dg", "--service-role-arn", "arn:aws:iam::000000000000:role/cd",
                "--ec2-tag-filters", "Key=Name,Value=web,Type=KEY_AND_VALUE");
        assertThat(group.exitCode()).isZero();
        AwsCli.Result get = aws("deploy", "get-deployment-group", "--application-name", "cli-app",
                "--deployment-group-name", "cli-dg", "--query", "deploymentGroupInfo.ec2TagFilters[0].Value", "--output", "text");
        assertThat(get.stdout().trim()).isEqualTo("web");
        AwsCli.Result config = aws("deploy", "get-deployment-config", "--deployment-config-name",
                "CodeDeployDefault.HalfAtATime", "--query", "deploymentConfigInfo.minimumHealthyHosts.value");
        assertThat(config.stdout().trim()).isEqualTo("50");
    }

    @Test
    void errorsComeBackAsTheCliPrintsAwsErrors() {
        // CLI v1 exits 255 on a service error (v2 uses 254)
        AwsCli.Result missing = aws("deploy", "get-application", "--application-name", "ghost");
        assertThat(missing.exitCode()).isEqualTo(255);
        assertThat(missing.stderr()).contains("An error occurred (ApplicationDoesNotExistException) when calling the "
                + "GetApplication operation: No application found for name: ghost");
        AwsCli.Result bad = aws("deploy", "create-deployment-config", "--deployment-config-name", "c",
                "--minimum-healthy-hosts", "type=FLEET_PERCENT,value=120");
        assertThat(bad.stderr()).contains("InvalidMinimumHealthyHostValueException");
    }

    @Test
    void cloudFormationOverAwsQuery() {
        AwsCli.Result list = aws("cloudformation", "list-hook-results");
        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout()).contains("\"HookResults\": []");
        AwsCli.Result notFound = aws("cloudformation", "list-hook-results", "--target-type", "CHANGE_SET",
                "--target-id", "arn:aws:cloudformation:us-east-1:000000000000:changeSet/cs/1");
        assertThat(notFound.stderr()).contains("(HookResultNotFound)");
    }

    @Test
    void endpointFromTheEnvironment() {
        AwsCli.Result r = AwsCli.run(Map.of("AWS_ENDPOINT_URL", slipway.endpoint()), "deploy", "list-deployment-configs");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("CodeDeployDefault.OneAtATime");
    }

    @Test
    void aLambdaDeploymentAnsweredFromTheCli() {
        LambdaFixtures.checkout(slipway.endpoint(), "AKIDCLI");
        aws("deploy", "create-application", "--application-name", "cli-fn", "--compute-platform", "Lambda");
        aws("deploy", "create-deployment-group", "--application-name", "cli-fn", "--deployment-group-name", "live",
                "--service-role-arn", "arn:aws:iam::000000000000:role/cd");
        String spec = LambdaFixtures.appSpec("cli-answered", null).replace("\"", "\\\"").replace("\n", "\\n");
        AwsCli.Result created = aws("deploy", "create-deployment", "--application-name", "cli-fn",
                "--deployment-group-name", "live", "--revision",
                "{\"revisionType\":\"AppSpecContent\",\"appSpecContent\":{\"content\":\"" + spec + "\"}}",
                "--query", "deploymentId", "--output", "text");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        String id = created.stdout().trim();
        slipway.awaitIdle();
        String pending = RawHttp.get(slipway.endpoint() + "/_slipway/codedeploy/hook-executions").body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"lifecycleEventHookExecutionId\":\"([^\"]+)\"")
                .matcher(pending);
        assertThat(m.find()).as(pending).isTrue();
        AwsCli.Result answered = aws("deploy", "put-lifecycle-event-hook-execution-status", "--deployment-id", id,
                "--lifecycle-event-hook-execution-id", m.group(1), "--status", "Succeeded");
        assertThat(answered.stdout()).contains(m.group(1));
        slipway.awaitIdle();
        assertThat(aws("deploy", "get-deployment", "--deployment-id", id, "--query", "deploymentInfo.status",
                "--output", "text").stdout().trim()).isEqualTo("Succeeded");
        assertThat(aws("deploy", "get-deployment-target", "--deployment-id", id, "--target-id", "checkout", "--query",
                "deploymentTarget.lambdaTarget.lifecycleEvents[].status", "--output", "text").stdout().trim())
                .isEqualTo("Succeeded\tSucceeded\tSucceeded");
        AwsCli.Result bad = aws("deploy", "put-lifecycle-event-hook-execution-status", "--deployment-id", "deployment-1",
                "--lifecycle-event-hook-execution-id", m.group(1), "--status", "Succeeded");
        assertThat(bad.stderr()).contains("InvalidDeploymentIdException");
    }
}
