package io.slipway.it.console;

import io.slipway.it.SlipwayServer;
import io.slipway.it.VerifiesSignatures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With signature verification on, the console asks for access keys, refuses wrong ones with
 * Slipway's answer, and signs every call it makes (awsJson, awsQuery, restJson, S3 and Slipway's
 * own endpoints) with the keys given, so a signed-in person sees their account's resources.
 */
@VerifiesSignatures
class ConsoleSignInIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    static ConsoleBrowser browser;

    @BeforeAll
    static void openBrowser() {
        browser = new ConsoleBrowser();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noScriptErrors() {
        assertThat(browser.severeConsoleEntries()).allMatch(e -> e.contains(" 403 ")); // only the refused sign-in
    }

    private static void signIn(String accessKey, String secret) {
        browser.open(slipway.endpoint() + "/_slipway/console/#/");
        browser.script("sessionStorage.clear(); location.reload();");
        WebElement key = browser.waitFor("#access-key-id");
        key.clear();
        key.sendKeys(accessKey);
        browser.waitFor("#secret-access-key").sendKeys(secret);
        browser.click("form.sign-in button[type=submit]");
    }

    @Test
    void wrongKeysAreRefusedAndTheRightOnesShowTheAccount() {
        slipway.codeDeploy("111111111111", "us-east-1").createApplication(r -> r.applicationName("payments"));
        slipway.s3("111111111111").createBucket(r -> r.bucket("payments-artifacts"));
        slipway.s3("111111111111").putObject(r -> r.bucket("payments-artifacts").key("build.txt"), RequestBody.fromString("42"));
        slipway.codeDeploy().createApplication(r -> r.applicationName("someone-elses"));

        signIn("111111111111", "not-the-secret");
        assertThat(browser.waitFor("form.sign-in .error").getText()).contains("refused");
        browser.screenshot("sign-in-refused");

        signIn("111111111111", SlipwayServer.SECRET);
        browser.waitFor("main[data-loaded] .view");
        assertThat(browser.waitFor("main h1").getText()).isEqualTo("Overview");
        // a signed caller sees its own account's regions only; 000000000000 holds someone-elses
        String overview = browser.waitFor(".view").getText();
        assertThat(overview).contains("111111111111").doesNotContain("000000000000");

        browser.open(slipway.endpoint() + "/_slipway/console/#/codedeploy");
        String applications = browser.waitForText(".view", "payments").getText();
        assertThat(applications).doesNotContain("someone-elses");

        browser.open(slipway.endpoint() + "/_slipway/console/#/s3/buckets/payments-artifacts");
        String href = browser.waitFor("a[download]").getAttribute("href");
        Object body = browser.driver().executeAsyncScript(
                "const done = arguments[1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done(String(e)));", href);
        assertThat(body).isEqualTo("42");

        browser.open(slipway.endpoint() + "/_slipway/console/#/lambda");
        browser.waitForText(".view", "No functions");
    }
}
