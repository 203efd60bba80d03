package io.slipway.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HookExecutionsCommandTest {

    private static String call(HttpClient http, Slipway s, String op, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "CodeDeploy_20141006." + op)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String run(List<String> args) throws InterruptedException {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = HookExecutionsCommand.run(args);
            return code + ":" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void listsWaitingHooksOfARunningSlipway() throws Exception {
        try (Slipway s = Slipway.start(SlipwayConfig.ephemeralOnFreePort()); HttpClient http = HttpClient.newHttpClient()) {
            assertThat(run(List.of("--endpoint", s.endpoint()))).isEqualTo("0:No lifecycle hooks are waiting for a report.\n");
            call(http, s, "CreateApplication", "{\"applicationName\":\"fn\",\"computePlatform\":\"Lambda\"}");
            call(http, s, "CreateDeploymentGroup", "{\"applicationName\":\"fn\",\"deploymentGroupName\":\"live\","
                    + "\"serviceRoleArn\":\"arn:aws:iam::000000000000:role/cd\"}");
            String spec = "{\\\"version\\\":0.0,\\\"Resources\\\":[{\\\"f\\\":{\\\"Type\\\":\\\"AWS::Lambda::Function\\\","
                    + "\\\"Properties\\\":{\\\"Name\\\":\\\"fn\\\",\\\"Alias\\\":\\\"live\\\",\\\"CurrentVersion\\\":\\\"1\\\","
                    + "\\\"TargetVersion\\\":\\\"2\\\"}}}],\\\"Hooks\\\":[{\\\"BeforeAllowTraffic\\\":\\\"checker\\\"}]}";
            String created = call(http, s, "CreateDeployment", "{\"applicationName\":\"fn\",\"deploymentGroupName\":\"live\","
                    + "\"revision\":{\"revisionType\":\"AppSpecContent\",\"appSpecContent\":{\"content\":\"" + spec + "\"}}}");
            String id = created.replaceAll(".*\"(d-[A-Z0-9]{9})\".*", "$1");
            assertThat(s.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(run(List.of("--endpoint", s.endpoint(), "--region", "us-east-1")))
                    .startsWith("0:" + id + "  BeforeAllowTraffic  checker  since ")
                    .contains("--lifecycle-event-hook-execution-id ");
            assertThat(run(List.of("--endpoint", s.endpoint(), "--account", "111122223333")))
                    .isEqualTo("0:No lifecycle hooks are waiting for a report.\n");
        }
    }

    @Test
    void badArgumentsAndUnreachableServers() throws Exception {
        assertThat(run(List.of("--colour", "red"))).startsWith("2:");
        assertThat(run(List.of("--endpoint"))).startsWith("2:");
        assertThat(run(List.of("--endpoint", "http://127.0.0.1:1"))).startsWith("1:");
    }
}
