package io.slipway.it;

import io.slipway.it.DeploymentRestartIT.Child;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.slipway.it.DeploymentRestartIT.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alias update waiting on its CodeDeploy deployment survives kill -9: after the restart the
 * stack polls the deployment it started (no second one), and completes when it succeeds.
 */
class AliasDeploymentRestartIT {
    private static final Pattern EXECUTION = Pattern.compile("\"lifecycleEventHookExecutionId\":\"([^\"]+)\"");
    private static final StaticCredentialsProvider KEY = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKID", "secret"));

    @Test
    void anAliasUpdateWaitingOnItsDeploymentSurvivesKill9(@TempDir Path dataDir) throws Exception {
        Child first = Child.start(dataDir);
        String[] group;
        String deploymentId;
        try {
            CloudFormationClient cfn = cfn(first.endpoint());
            cfn.createStack(r -> r.stackName("restarted").templateBody(
                    AliasDeploymentStacksIT.template("restarted", "One", "unanswered", "unanswered")));
            eventually(() -> status(cfn).equals("CREATE_COMPLETE"));
            group = new String[]{physical(cfn, "App"), physical(cfn, "Group")};
            cfn.updateStack(r -> r.stackName("restarted").templateBody(
                    AliasDeploymentStacksIT.template("restarted", "Two", "unanswered", "unanswered")));
            CodeDeployClient cd = codeDeploy(first.endpoint());
            // the deployment runs and the alias's update waits on it (its event names it) when the process dies
            eventually(() -> cfn.describeStackEvents(r -> r.stackName("restarted")).stackEvents().stream()
                    .anyMatch(e -> "Live".equals(e.logicalResourceId()) && e.resourceStatusReason() != null
                            && e.resourceStatusReason().startsWith("CodeDeploy deployment d-")));
            deploymentId = deployments(cd, group).getFirst();
        } finally {
            first.process().destroyForcibly().waitFor();
        }
        Child second = Child.start(dataDir);
        try {
            CloudFormationClient cfn = cfn(second.endpoint());
            CodeDeployClient cd = codeDeploy(second.endpoint());
            assertThat(status(cfn)).isEqualTo("UPDATE_IN_PROGRESS");
            // answer each hook as it comes up, until the stack is done
            eventually(() -> {
                Matcher m = EXECUTION.matcher(RawHttp.get(second.endpoint() + "/_slipway/codedeploy/hook-executions").body());
                if (m.find()) {
                    String execution = m.group(1);
                    cd.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(deploymentId)
                            .lifecycleEventHookExecutionId(execution).status(LifecycleEventStatus.SUCCEEDED));
                }
                return !status(cfn).endsWith("_IN_PROGRESS");
            });
            assertThat(status(cfn)).isEqualTo("UPDATE_COMPLETE");
            assertThat(deployments(cd, group)).containsExactly(deploymentId);
            assertThat(cd.getDeployment(r -> r.deploymentId(deploymentId)).deploymentInfo().status())
                    .isEqualTo(DeploymentStatus.SUCCEEDED);
            LambdaClient lambda = LambdaClient.builder().endpointOverride(URI.create(second.endpoint()))
                    .region(Region.US_EAST_1).credentialsProvider(KEY).httpClient(UrlConnectionHttpClient.create()).build();
            assertThat(lambda.getAlias(r -> r.functionName("restarted").name("live")).functionVersion()).isEqualTo("2");
        } finally {
            second.process().destroyForcibly().waitFor();
        }
    }

    private static List<String> deployments(CodeDeployClient cd, String[] group) {
        return cd.listDeployments(r -> r.applicationName(group[0]).deploymentGroupName(group[1])).deployments();
    }

    private static String status(CloudFormationClient cfn) {
        return cfn.describeStacks(r -> r.stackName("restarted")).stacks().getFirst().stackStatusAsString();
    }

    private static String physical(CloudFormationClient cfn, String logicalId) {
        return cfn.describeStackResource(r -> r.stackName("restarted").logicalResourceId(logicalId))
                .stackResourceDetail().physicalResourceId();
    }

    private static CloudFormationClient cfn(String endpoint) {
        return CloudFormationClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(KEY).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static CodeDeployClient codeDeploy(String endpoint) {
        return CodeDeployClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(KEY).httpClient(UrlConnectionHttpClient.create()).build();
    }
}
