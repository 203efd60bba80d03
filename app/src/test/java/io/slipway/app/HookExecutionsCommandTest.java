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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HookExecutionsCommandTest {

    private static String call(HttpClient http, Slipway s, String op, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "CodeDeploy_20141006." + op)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String rest(HttpClient http, Slipway s, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.endpoint() + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The function the deployment shifts: fn with versions 1 and 2 and alias live, as CodeDeploy requires. */
    private static void function(HttpClient http, Slipway s) throws Exception {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("bootstrap"));
            z.write("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        }
        rest(http, s, "POST", "/2015-03-31/functions", "{\"FunctionName\":\"fn\",\"Runtime\":\"provided.al2023\","
                + "\"Handler\":\"h\",\"Role\":\"arn:aws:iam::000000000000:role/r\",\"Code\":{\"ZipFile\":\""
                + java.util.Base64.getEncoder().encodeToString(zip.toByteArray()) + "\"}}");
        rest(http, s, "POST", "/2015-03-31/functions/fn/versions", "{}");
        rest(http, s, "PUT", "/2015-03-31/functions/fn/configuration", "{\"Timeout\":5}");
        rest(http, s, "POST", "/2015-03-31/functions/fn/versions", "{}");
        rest(http, s, "POST", "/2015-03-31/functions/fn/aliases", "{\"Name\":\"live\",\"FunctionVersion\":\"1\"}");
    }

    private static String run(List<String> args) throws InterruptedException {
        return run(args, Map.of()); // no AWS_* variables: the defaults
    }

    private static String run(List<String> args, Map<String, String> env) throws InterruptedException {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = HookExecutionsCommand.run(args, env);
            return code + ":" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void listsWaitingHooksOfARunningSlipway() throws Exception {
        try (Slipway s = Slipway.start(SlipwayConfig.ephemeralOnFreePort()); HttpClient http = HttpClient.newHttpClient()) {
            assertThat(run(List.of("--endpoint", s.endpoint()))).isEqualTo("0:No lifecycle hooks are waiting for a report.\n");
            function(http, s);
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
            // the command asks as the account its key names: another account sees none of these hooks
            assertThat(run(List.of("--endpoint", s.endpoint(), "--access-key", "111122223333")))
                    .isEqualTo("0:No lifecycle hooks are waiting for a report.\n");
            assertThat(run(List.of("--endpoint", s.endpoint(), "--access-key", "000000000000", "--region", "us-east-1")))
                    .startsWith("0:" + id + "  BeforeAllowTraffic");
            assertThat(run(List.of("--endpoint", s.endpoint(), "--access-key", "000000000000", "--region", "eu-west-1")))
                    .isEqualTo("0:No lifecycle hooks are waiting for a report.\n");
            assertThat(run(List.of("--endpoint", s.endpoint(), "--account", "000000000000"))).startsWith("2:");
        }
    }

    @Test
    void badArgumentsAndUnreachableServers() throws Exception {
        assertThat(run(List.of("--colour", "red"))).startsWith("2:");
        assertThat(run(List.of("--endpoint"))).startsWith("2:");
        assertThat(run(List.of("--endpoint", "http://127.0.0.1:1"))).startsWith("1:");
    }

    @Test
    void signsWithTheEnvironmentsKeysForAVerifyingSlipway() throws Exception {
        try (Slipway s = Slipway.start(SlipwayConfig.ephemeralOnFreePort().withVerifySignatures(true)
                .withAccountKey("AKIAOPERATOR00000001", "operator-secret", "111122223333"))) {
            assertThat(run(List.of("--endpoint", s.endpoint()), Map.of("AWS_ACCESS_KEY_ID", "AKIAOPERATOR00000001",
                    "AWS_SECRET_ACCESS_KEY", "operator-secret"))).isEqualTo("0:No lifecycle hooks are waiting for a report.\n");
            assertThat(run(List.of("--endpoint", s.endpoint()), Map.of("AWS_ACCESS_KEY_ID", "AKIAOPERATOR00000001",
                    "AWS_SECRET_ACCESS_KEY", "not-the-secret"))).doesNotStartWith("0:");
        }
    }

    @Test
    void reachesSlipwayOverHttpsTrustingTheCaBundleFromTheOptionOrAwsCaBundle() throws Exception {
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort().withTls(new SlipwayConfig.Tls.SelfSigned(List.of()));
        try (Slipway s = Slipway.start(config)) {
            String https = s.httpsEndpoint().orElseThrow();
            String pem = s.tlsCertificate().orElseThrow().toString();
            String none = "0:No lifecycle hooks are waiting for a report.\n";
            assertThat(run(List.of("--endpoint", https, "--ca-bundle", pem))).isEqualTo(none);
            assertThat(run(List.of(), Map.of("AWS_ENDPOINT_URL", https.replace("127.0.0.1", "localhost"),
                    "AWS_CA_BUNDLE", pem))).isEqualTo(none);
            assertThat(run(List.of("--endpoint", https))).as("the JDK's own authorities know nothing of Slipway")
                    .isEqualTo("1:");
        }
    }
}
