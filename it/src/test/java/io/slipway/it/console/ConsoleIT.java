package io.slipway.it.console;

import io.slipway.it.LambdaFixtures;
import io.slipway.it.PipelineFixtures;
import io.slipway.it.RawHttp;
import io.slipway.it.SlipwayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser: it draws what Slipway runs and answers it with a click. Each view
 * is saved under {@code target/console-screenshots/}; the last test draws the overview of all of
 * it, in light and dark.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    static final ConsoleScenarios scenarios = new ConsoleScenarios();
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(scenarios::configure);
    @TempDir
    static Path hostRoot;
    static ConsoleBrowser browser;
    /** The README shows small copies of a few views (docs/console/, copied from target/console-screenshots/small-*). */
    private static final double README_SCALE = 0.55;

    @BeforeAll
    static void openBrowser() {
        browser = new ConsoleBrowser();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        scenarios.close();
    }

    @AfterEach
    void noScriptErrors() {
        assertThat(browser.severeConsoleEntries()).isEmpty();
    }

    private static void show(String view) {
        browser.open(slipway.endpoint() + "/_slipway/console/#" + view);
        browser.waitFor("main[data-loaded] .view");
    }

    @Test
    @Order(1)
    void aClickOnSucceededAnswersTheWaitingHookAndTheTimelineTurnsGreen() {
        ConsoleScenarios.WaitingHook waiting = scenarios.waitingLambdaHook(slipway);
        show("/codedeploy/deployments/" + waiting.deploymentId());
        String card = ".hook-card[data-hook-execution-id='" + waiting.hookExecutionId() + "']";
        assertThat(browser.waitFor(card).getText()).contains("BeforeAllowTraffic", waiting.functionName());
        assertThat(browser.waitFor("[data-testid=deployment-status]").getText()).isEqualTo("InProgress");
        browser.waitFor(".lifecycle-event[data-event=BeforeAllowTraffic][data-status=InProgress]");
        browser.screenshot("deployment-waiting-on-hook");
        browser.screenshot("small-deployment-waiting-on-hook", README_SCALE);

        browser.click(card + " button[data-hook-status=Succeeded]");

        browser.waitForText("[data-testid=deployment-status]", "Succeeded");
        for (String event : List.of("BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic")) {
            browser.waitFor(".lifecycle-event[data-event=" + event + "][data-status=Succeeded] .bar.good");
        }
        assertThat(browser.driver().findElements(By.cssSelector(".hook-card"))).isEmpty();
        browser.screenshot("deployment-succeeded");
        assertThat(slipway.codeDeploy().getDeployment(r -> r.deploymentId(waiting.deploymentId())).deploymentInfo().status())
                .isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    @Order(2)
    void aPipelineWaitingOnItsApprovalMovesOnWhenApproved() {
        ConsoleScenarios.PendingApproval approval = scenarios.pendingApproval(slipway);
        show("/codepipeline/pipelines/" + approval.pipelineName());
        String action = ".action[data-action=" + approval.actionName() + "]";
        browser.waitFor(".action[data-action=Fetch][data-status=Succeeded]");
        browser.waitFor(action + "[data-status=InProgress]");
        browser.screenshot("pipeline-waiting-for-approval");
        browser.screenshot("small-pipeline-waiting-for-approval", README_SCALE);

        browser.click(action + " button[data-approval=Approved]");

        browser.waitFor(action + "[data-status=Succeeded]");
        browser.waitFor("[data-stage=" + approval.stageName() + "] .badge.good");
        browser.screenshot("pipeline-approved");
        browser.click("button[data-key=release]");
        browser.waitForText("#notice", "Release change: done.");
        assertThat(slipway.codePipeline().listPipelineExecutions(r -> r.pipelineName(approval.pipelineName()))
                .pipelineExecutionSummaries()).hasSize(2);
        assertThat(slipway.codePipeline().getPipelineExecution(r -> r.pipelineName(approval.pipelineName())
                .pipelineExecutionId(approval.pipelineExecutionId())).pipelineExecution().statusAsString())
                .isEqualTo("Succeeded");

        show("/codepipeline/pipelines/" + approval.pipelineName() + "/executions/" + approval.pipelineExecutionId());
        browser.waitForText("[data-testid=execution-status]", "Succeeded");
        assertThat(browser.waitFor("[data-action-execution=Fetch]").getText()).contains("SourceOutput", "s3://");
        browser.screenshot("pipeline-execution");
    }

    @Test
    @Order(3)
    void aStackRejectedByAFailHookShowsTheHooksReason() throws Exception {
        ConsoleScenarios.RejectedStack rejected = scenarios.stackRejectedByHook(slipway);
        show("/cloudformation/stacks/" + rejected.stackName());
        assertThat(browser.waitFor("[data-testid=stack-status]").getText()).isEqualTo(rejected.stackStatus());
        String verdict = browser.waitFor(".hook-result[data-mode=FAIL]").getText();
        assertThat(verdict).contains(rejected.hookTypeName(), rejected.hookReason());
        browser.screenshot("stack-rejected-by-hook");
    }

    @Test
    @Order(4)
    void aFailedScriptsLogTailShowsInTheDeploymentsDiagnostics() {
        ConsoleScenarios.FailedServerDeployment failed = scenarios.failedServerDeployment(slipway, hostRoot);
        show("/codedeploy/deployments/" + failed.deploymentId());
        assertThat(browser.waitFor("[data-testid=deployment-status]").getText()).isEqualTo("Failed");
        browser.waitFor(".lifecycle-event[data-event=" + failed.lifecycleEventName() + "][data-status=Failed]");
        String diagnostics = browser.waitFor("tr.diagnostics[data-status=Failed] [data-testid=diagnostics]").getText();
        assertThat(diagnostics).contains("ScriptFailed", failed.printedLine());
        browser.screenshot("deployment-script-failed");
        browser.screenshot("small-deployment-script-failed", README_SCALE);
    }

    @Test
    @Order(5)
    void aFunctionShowsItsAliasesVersionsAndRecentInvocations() {
        // the hook scenario shifted checkout's alias; the stack scenario invoked bucket-versioning
        show("/lambda/functions/bucket-versioning");
        String invocations = browser.waitFor("[data-invocation]").getText();
        assertThat(invocations).contains("Succeeded", "version $LATEST");
        browser.screenshot("lambda-function");
        show("/lambda/functions/checkout");
        assertThat(browser.waitFor(".view").getText()).contains("live");
    }

    @Test
    @Order(6)
    void anObjectDownloadsThroughItsPresignedLink() {
        S3Client s3 = slipway.s3();
        s3.createBucket(r -> r.bucket("reports"));
        s3.putObject(r -> r.bucket("reports").key("2026/12/summary.txt"), RequestBody.fromString("all green"));
        show("/s3/buckets/reports?prefix=2026/12/");
        String href = browser.waitFor("a[download]").getAttribute("href");
        assertThat(href).contains("X-Amz-Signature=");
        Object body = browser.driver().executeAsyncScript(
                "const done = arguments[1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done(String(e)));", href);
        assertThat(body).isEqualTo("all green");
        browser.screenshot("s3-objects");
    }

    @Test
    @Order(7)
    void aBrowserOpeningSlipwaysRootGetsTheConsoleAndApiClientsKeepTheirAnswers() {
        browser.open(slipway.endpoint() + "/");
        browser.waitFor("main[data-loaded]");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(slipway.endpoint() + "/_slipway/console/");
        HttpResponse<String> html = RawHttp.get(slipway.endpoint() + "/", "Accept", "text/html,application/xhtml+xml");
        assertThat(html.statusCode()).isEqualTo(302);
        assertThat(html.headers().firstValue("Location")).contains("/_slipway/console/");
        // an unsigned GET / that does not ask for HTML is still S3's ListBuckets
        HttpResponse<String> s3 = RawHttp.get(slipway.endpoint() + "/", "Accept", "*/*");
        assertThat(s3.statusCode()).isEqualTo(200);
        assertThat(s3.body()).contains("<ListAllMyBucketsResult");
        assertThat(slipway.s3().listBuckets().buckets()).isNotEmpty();
    }

    @Test
    @Order(8)
    void aJobWaitingForItsWorkerIsShownUntilAWorkerPollsIt() {
        var cp = slipway.codePipeline();
        ActionTypeId build = PipelineFixtures.customBuildType(cp, "ConsoleBuild");
        cp.createPipeline(r -> r.pipeline(PipelineFixtures.pipeline("built",
                PipelineFixtures.stage("Source", PipelineFixtures.s3Source("Fetch", "SourceOutput")),
                PipelineFixtures.stage("Build", PipelineFixtures.customBuild("Compile", build)))));
        slipway.awaitIdle();
        show("/");
        assertThat(browser.waitForText(".view", "Jobs waiting for a worker").getText()).contains("built", "Build / Compile",
                "Build · Custom · ConsoleBuild v1");
        String jobs = slipway.endpoint() + "/_slipway/codepipeline/jobs";
        assertThat(RawHttp.get(jobs, RawHttp.signedAs("000000000000", "us-east-1")).body()).contains("\"pipelineName\":\"built\"");
        assertThat(RawHttp.get(jobs, RawHttp.signedAs("222222222222", "us-east-1")).body()).isEqualTo("{\"jobs\":[]}");
        assertThat(RawHttp.get(jobs, RawHttp.signedAs("000000000000", "eu-west-1")).body()).isEqualTo("{\"jobs\":[]}");
        show("/codepipeline/pipelines/built");
        browser.waitFor(".action[data-action=Compile] [data-job]");
        browser.screenshot("pipeline-job-waiting-for-worker");

        assertThat(cp.pollForJobs(r -> r.actionTypeId(build)).jobs()).hasSize(1);
        browser.waitForText(".action[data-action=Compile]", "Job taken by a worker");
        show("/");
        assertThat(browser.waitFor(".view").getText()).doesNotContain("Build / Compile");
    }

    @Test
    @Order(9)
    void everyListPageShowsWhatTheScenariosMade() {
        Map<String, List<String>> lists = Map.of(
                "/codedeploy", List.of("checkout-service", "shop"),
                "/codepipeline", List.of("release"),
                "/cloudformation", List.of("bucket-guard", "unversioned-data"),
                "/lambda", List.of("checkout", "bucket-versioning"),
                "/s3", List.of("reports", "bundles"),
                "/codedeploy/applications/shop", List.of("Deployment group web", "Failed"));
        lists.forEach((view, names) -> {
            show(view);
            assertThat(browser.waitFor(".view").getText()).as(view).contains(names);
        });
        browser.screenshot("codedeploy-application");

        // a link names another account: the console shows that account's (empty) lists, then this one's again
        browser.open(slipway.endpoint() + "/_slipway/console/?account=222222222222&region=us-east-1#/codedeploy");
        assertThat(browser.waitFor("main[data-loaded] .view").getText()).contains("No applications");
        assertThat(browser.waitFor("#ns-account").getAttribute("value")).isEqualTo("222222222222");
        browser.open(slipway.endpoint() + "/_slipway/console/?account=000000000000&region=us-east-1#/codedeploy");
        assertThat(browser.waitFor("main[data-loaded] .view").getText()).contains("checkout-service");
    }

    @Test
    @Order(10)
    void theOverviewShowsWhatRanAndReadsWellInLightAndDark() {
        show("/");
        String overview = browser.waitFor(".view").getText();
        assertThat(overview).contains("Recent failures", "shop", "unversioned-data", "Accounts and regions in use", "000000000000");
        assertAccessible();
        // the keyboard's way in: the first Tab reaches "Skip to content", Enter moves to the view
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertThat(browser.script("return document.activeElement.className")).isEqualTo("skip");
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        assertThat(browser.script("return document.activeElement.id + ' ' + location.hash")).isEqualTo("main #/");
        browser.screenshot("overview");
        browser.prefersDark(true);
        browser.script("localStorage.removeItem('slipway.theme'); location.reload();");
        browser.waitFor("main[data-loaded] .view");
        assertThat(browser.script("return document.documentElement.dataset.theme")).isEqualTo("dark");
        assertAccessible();
        browser.screenshot("overview-dark");
        show("/codedeploy/applications/checkout-service");
        assertAccessible();
        browser.screenshot("codedeploy-application-dark");
        browser.prefersDark(false);
    }

    @Test
    @Order(11)
    void aCanaryShowsItsSplitAndScheduleAndAStopRollsItBack() {
        // the hook scenario left checkout's alias on version 2: this canary shifts it back to 1
        var cd = slipway.codeDeploy();
        cd.createDeploymentGroup(r -> r.applicationName("checkout-service").deploymentGroupName("canary")
                .serviceRoleArn("arn:aws:iam::000000000000:role/codedeploy")
                .deploymentConfigName("CodeDeployDefault.LambdaCanary10Percent5Minutes")
                .autoRollbackConfiguration(a -> a.enabled(true).eventsWithStrings("DEPLOYMENT_STOP_ON_REQUEST")));
        String spec = LambdaFixtures.appSpec(null, null)
                .replace("CurrentVersion: \"1\"\n        TargetVersion: \"2\"", "CurrentVersion: \"2\"\n        TargetVersion: \"1\"");
        String id = cd.createDeployment(r -> r.applicationName("checkout-service").deploymentGroupName("canary")
                .revision(v -> v.revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(spec))))
                .deploymentId();
        show("/codedeploy/deployments/" + id);
        browser.waitFor(".lifecycle-event[data-event=AllowTraffic][data-status=InProgress]");
        assertThat(browser.waitFor(".traffic").getAttribute("aria-label")).isEqualTo("v2 90%, v1 10%");
        assertThat(browser.waitFor(".schedule li[data-reached=true]").getText()).startsWith("At the start: 10% to the new version");
        assertThat(browser.waitFor(".schedule li[data-reached=false]").getText()).startsWith("After 5 min: 100% to the new version");
        browser.screenshot("deployment-canary");

        browser.click("button[data-key=stop-rollback]");

        browser.waitForText("[data-testid=deployment-status]", "Stopped");
        String rollback = browser.waitForText(".view", "Rolled back by").findElement(By.xpath(
                "//dt[text()='Rolled back by']/following-sibling::dd[1]/a")).getText();
        assertThat(rollback).isEqualTo(cd.getDeployment(r -> r.deploymentId(id)).deploymentInfo().rollbackInfo()
                .rollbackDeploymentId());
        browser.click("a[href$='" + rollback + "']");
        browser.waitForText("main h1", rollback);
        assertThat(browser.waitFor(".view").getText()).contains("Rollback of", id);
        browser.screenshot("deployment-rollback");
    }

    /**
     * Every control has a name a screen reader can say, every input a label, and every status
     * badge's text stands out from its background (WCAG AA, 4.5:1) in the theme shown.
     */
    private static void assertAccessible() {
        Object unnamed = browser.script("""
                return [...document.querySelectorAll('button, a, input')].filter(e =>
                  !(e.textContent.trim() || e.getAttribute('aria-label') || (e.id && document.querySelector(`label[for="${e.id}"]`))))
                  .map(e => e.outerHTML.slice(0, 80));""");
        assertThat((List<?>) unnamed).isEmpty();
        Object lowContrast = browser.script("""
                const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
                const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                  .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
                const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
                return [...document.querySelectorAll('.badge, button.good, button.bad, button.primary, a, th, td, p')].filter(e => {
                  let bg = 'rgba(0, 0, 0, 0)', n = e;
                  while (n && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) { bg = getComputedStyle(n).backgroundColor; n = n.parentElement; }
                  if (/rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) bg = getComputedStyle(document.body).backgroundColor;
                  return ratio(rgb(getComputedStyle(e).color), rgb(bg)) < 4.5;
                }).map(e => e.className + ': ' + e.textContent.slice(0, 40));""");
        assertThat((List<?>) lowContrast).isEmpty();
    }
}
