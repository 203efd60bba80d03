package io.slipway.it.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.it.RawHttp;
import io.slipway.it.SlipwayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.LifecycleErrorCode;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.StageState;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each console scenario leaves Slipway in the state it promises, read back through the SDK; and
 * the console's browser opens a Slipway page, screenshots it, and sees no errors in its console.
 */
class ConsoleScenariosIT {
    static final ConsoleScenarios scenarios = new ConsoleScenarios();
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(scenarios::configure);
    @TempDir
    static Path hostRoot;
    private final CodeDeployClient cd = slipway.codeDeploy();

    @AfterAll
    static void stopScenarios() {
        scenarios.close();
    }

    @Test
    void aLambdaDeploymentWaitsOnItsCalledHook() {
        ConsoleScenarios.WaitingHook waiting = scenarios.waitingLambdaHook(slipway);
        DeploymentInfo d = cd.getDeployment(r -> r.deploymentId(waiting.deploymentId())).deploymentInfo();
        assertThat(d.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(d.applicationName()).isEqualTo(waiting.applicationName());
        assertThat(cd.getDeploymentTarget(r -> r.deploymentId(waiting.deploymentId()).targetId("checkout"))
                .deploymentTarget().lambdaTarget().lifecycleEvents())
                .extracting(e -> e.lifecycleEventName() + ":" + e.statusAsString())
                .containsExactly("BeforeAllowTraffic:InProgress", "AllowTraffic:Pending", "AfterAllowTraffic:Pending");

        HttpResponse<String> pending = RawHttp.get(slipway.endpoint() + "/_slipway/codedeploy/hook-executions");
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(pending.body()).contains("\"deploymentId\":\"" + waiting.deploymentId()
                + "\",\"lifecycleEventName\":\"BeforeAllowTraffic\",\"functionName\":\"" + waiting.functionName()
                + "\",\"lifecycleEventHookExecutionId\":\"" + waiting.hookExecutionId() + "\"");
    }

    @Test
    void aPipelineWaitsForItsApproval() {
        ConsoleScenarios.PendingApproval approval = scenarios.pendingApproval(slipway);
        List<StageState> stages = slipway.codePipeline().getPipelineState(r -> r.name(approval.pipelineName())).stageStates();
        StageState stage = stages.stream().filter(s -> s.stageName().equals(approval.stageName())).findFirst().orElseThrow();
        assertThat(stage.latestExecution().pipelineExecutionId()).isEqualTo(approval.pipelineExecutionId());
        assertThat(stage.latestExecution().statusAsString()).isEqualTo("InProgress");
        ActionState action = stage.actionStates().stream().filter(a -> a.actionName().equals(approval.actionName()))
                .findFirst().orElseThrow();
        assertThat(action.latestExecution().statusAsString()).isEqualTo("InProgress");
        assertThat(action.latestExecution().token()).isNotBlank();
    }

    @Test
    void aHookRejectsAStackWithItsReason() throws Exception {
        ConsoleScenarios.RejectedStack rejected = scenarios.stackRejectedByHook(slipway);
        var cfn = slipway.cloudFormation();
        assertThat(cfn.describeStacks(r -> r.stackName(rejected.stackName())).stacks().getFirst().stackStatusAsString())
                .isEqualTo(rejected.stackStatus()).isEqualTo("ROLLBACK_COMPLETE");
        List<StackEvent> events = cfn.describeStackEvents(r -> r.stackName(rejected.stackName())).stackEvents();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.logicalResourceId()).isEqualTo(rejected.logicalResourceId());
            assertThat(e.hookType()).isEqualTo(rejected.hookTypeName());
            assertThat(e.hookStatusAsString()).isEqualTo("HOOK_COMPLETE_FAILED");
            assertThat(e.hookStatusReason()).contains(rejected.hookReason());
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.logicalResourceId()).isEqualTo(rejected.logicalResourceId());
            assertThat(e.resourceStatusAsString()).isEqualTo("CREATE_FAILED");
        });
    }

    @Test
    void aServerDeploymentFailsWithItsScriptsLogTail() throws Exception {
        ConsoleScenarios.FailedServerDeployment failed = scenarios.failedServerDeployment(slipway, hostRoot);
        DeploymentInfo d = cd.getDeployment(r -> r.deploymentId(failed.deploymentId())).deploymentInfo();
        assertThat(d.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(d.applicationName()).isEqualTo(failed.applicationName());

        // GetDeploymentInstance is deprecated, so the SDK for Java v2 lacks it; the console may still call it
        HttpResponse<String> instance = RawHttp.json(slipway.endpoint(), "CodeDeploy_20141006.GetDeploymentInstance",
                "{\"deploymentId\":\"" + failed.deploymentId() + "\",\"instanceId\":\"" + failed.instanceId() + "\"}");
        assertThat(instance.statusCode()).as(instance.body()).isEqualTo(200);
        JsonNode summary = new ObjectMapper().readTree(instance.body()).get("instanceSummary");
        assertThat(summary.get("status").asText()).isEqualTo("Failed");
        JsonNode event = StreamSupport.stream(summary.get("lifecycleEvents").spliterator(), false)
                .filter(e -> e.get("lifecycleEventName").asText().equals(failed.lifecycleEventName())).findFirst().orElseThrow();
        assertThat(event.at("/diagnostics/errorCode").asText()).isEqualTo("ScriptFailed");
        assertThat(event.at("/diagnostics/logTail").asText()).contains("[stdout]" + failed.printedLine());
        var target = cd.batchGetDeploymentTargets(r -> r.deploymentId(failed.deploymentId()).targetIds(failed.instanceId()))
                .deploymentTargets().getFirst().instanceTarget();
        assertThat(target.statusAsString()).isEqualTo("Failed");
        assertFailedScript(target.lifecycleEvents(), failed);
    }

    private static void assertFailedScript(List<LifecycleEvent> events, ConsoleScenarios.FailedServerDeployment failed) {
        LifecycleEvent event = events.stream().filter(e -> e.lifecycleEventName().equals(failed.lifecycleEventName()))
                .findFirst().orElseThrow();
        assertThat(event.statusAsString()).isEqualTo("Failed");
        assertThat(event.diagnostics().errorCode()).isEqualTo(LifecycleErrorCode.SCRIPT_FAILED);
        assertThat(event.diagnostics().logTail()).contains("[stdout]" + failed.printedLine());
    }

    @Test
    void theBrowserShowsHealthWithoutConsoleErrors() {
        try (ConsoleBrowser browser = new ConsoleBrowser()) {
            browser.open(slipway.endpoint() + "/_slipway/health");
            assertThat(browser.waitForText("body", "version").getText()).contains("\"status\":\"ok\"");
            browser.prefersDark(true);
            assertThat(browser.driver().executeScript("return matchMedia('(prefers-color-scheme: dark)').matches"))
                    .isEqualTo(true);
            assertThat(browser.screenshot("health")).isRegularFile()
                    .isEqualTo(ConsoleBrowser.SCREENSHOTS.resolve("health.png"));
            assertThat(browser.severeConsoleEntries()).isEmpty();
        }
    }

    @Test
    void theBrowserReportsAPagesJavaScriptErrors() {
        try (ConsoleBrowser browser = new ConsoleBrowser()) {
            browser.open("data:text/html,<p id=shown>page</p><script>throw new Error('console broke')</script>");
            browser.waitForText("#shown", "page");
            assertThat(browser.severeConsoleEntries()).singleElement().asString().startsWith("SEVERE ")
                    .contains("Uncaught Error: console broke");
        }
    }

    @Test
    void theBrowserReachesNothingButLoopback() {
        try (ConsoleBrowser browser = new ConsoleBrowser()) {
            assertThatThrownBy(() -> browser.open("http://console-tests.invalid/"))
                    .hasMessageContaining("ERR_PROXY_CONNECTION_FAILED");
        }
    }
}
