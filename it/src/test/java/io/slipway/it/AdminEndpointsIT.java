package io.slipway.it;

import io.slipway.engine.clock.ManualClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slipway's own endpoints under {@code /_slipway/} answer each caller about its own account and
 * region only: hook executions by the request's credential scope, function code only through the
 * presigned Code.Location of the account that owns it, and anything else under the prefix with a
 * small JSON 404 (never S3's answer).
 */
class AdminEndpointsIT {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    static final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c, clock);
    private static String deploymentId;

    @BeforeAll
    static void aHookWaitsInTheOwnersAccount() {
        LambdaFixtures.checkout(slipway.endpoint(), OWNER);
        CodeDeployClient cd = slipway.codeDeploy(OWNER, "eu-west-1");
        CodeDeployClient home = slipway.codeDeploy(OWNER, "us-east-1");
        home.createApplication(r -> r.applicationName("fn-app").computePlatform(ComputePlatform.LAMBDA));
        home.createDeploymentGroup(r -> r.applicationName("fn-app").deploymentGroupName("g")
                .serviceRoleArn("arn:aws:iam::" + OWNER + ":role/cd"));
        deploymentId = home.createDeployment(r -> r.applicationName("fn-app").deploymentGroupName("g").revision(v -> v
                .revisionType(RevisionLocationType.APP_SPEC_CONTENT).appSpecContent(a -> a.content(
                        LambdaFixtures.appSpec("unanswered-checker", null))))).deploymentId();
        slipway.awaitIdle();
        assertThat(cd.listApplications(r -> { }).applications()).isEmpty();
    }

    private static String hooks(String... headers) {
        HttpResponse<String> r = RawHttp.get(slipway.endpoint() + "/_slipway/codedeploy/hook-executions", headers);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void hookExecutionsAreListedForTheSignersAccountAndRegionOnly() {
        assertThat(hooks(RawHttp.signedAs(OWNER, "us-east-1"))).contains(deploymentId, "unanswered-checker");
        assertThat(hooks(RawHttp.signedAs(OTHER, "us-east-1"))).isEqualTo("{\"hookExecutions\":[]}");
        assertThat(hooks(RawHttp.signedAs(OWNER, "eu-west-1"))).isEqualTo("{\"hookExecutions\":[]}");
        assertThat(hooks()).as("unsigned: the default account").isEqualTo("{\"hookExecutions\":[]}");
        HttpResponse<String> asked = RawHttp.get(slipway.endpoint() + "/_slipway/codedeploy/hook-executions?account=" + OWNER
                + "&region=us-east-1", RawHttp.signedAs(OTHER, "us-east-1"));
        assertThat(asked.statusCode()).isEqualTo(403);
        assertThat(asked.body()).startsWith("{\"code\":\"AccessDenied\",").doesNotContain(deploymentId);
    }

    @Test
    void aFunctionsRecentInvocationsAreListedForItsOwnerOnly() {
        var invoked = slipway.lambda(OWNER, "us-east-1").invoke(r -> r.functionName("checkout")
                .payload(SdkBytes.fromUtf8String("{}")));
        String url = slipway.endpoint() + "/_slipway/lambda/invocations?functionName=checkout";
        HttpResponse<String> owners = RawHttp.get(url, RawHttp.signedAs(OWNER, "us-east-1"));
        assertThat(owners.statusCode()).isEqualTo(200);
        assertThat(owners.body()).contains(invoked.functionError() == null ? "\"status\":\"Succeeded\""
                : "\"status\":\"Failed\",\"functionError\":\"" + invoked.functionError() + "\"",
                "\"version\":\"$LATEST\"", "START RequestId: ");
        assertThat(RawHttp.get(url, RawHttp.signedAs(OTHER, "us-east-1")).body()).isEqualTo("{\"invocations\":[]}");
        assertThat(RawHttp.get(url, RawHttp.signedAs(OWNER, "eu-west-1")).body()).isEqualTo("{\"invocations\":[]}");
        HttpResponse<String> nameless = RawHttp.get(slipway.endpoint() + "/_slipway/lambda/invocations",
                RawHttp.signedAs(OWNER, "us-east-1"));
        assertThat(nameless.statusCode()).isEqualTo(400);
        assertThat(nameless.body()).contains("functionName is required");
    }

    @Test
    void theConsoleListsTheAccountsAndRegionsThatHoldAnythingButNotS3sBookkeeping() {
        slipway.s3(OTHER).createBucket(r -> r.bucket("other-bucket"));
        slipway.codeDeploy(OTHER, "us-east-1").createApplication(r -> r.applicationName("others"));
        String namespaces = RawHttp.get(slipway.endpoint() + "/_slipway/console/namespaces",
                RawHttp.signedAs(OTHER, "us-east-1")).body();
        assertThat(namespaces).contains("{\"account\":\"" + OWNER + "\",\"region\":\"us-east-1\"",
                "{\"account\":\"" + OTHER + "\",\"region\":\"us-east-1\"", "\"signatureVerification\":false")
                .doesNotContain("other-bucket", "\"region\":\"global\"");
    }

    @Test
    void functionCodeIsServedOnlyThroughItsOwnersPresignedLocation() {
        byte[] owners = Zips.of(Map.of("bootstrap", "#!/bin/sh\necho owner\n"));
        byte[] others = Zips.of(Map.of("bootstrap", "#!/bin/sh\necho other\n"));
        LambdaClient owner = slipway.lambda(OWNER, "us-east-1");
        LambdaClient other = slipway.lambda(OTHER, "us-east-1");
        for (var pair : Map.of(owner, owners, other, others).entrySet()) {
            pair.getKey().createFunction(r -> r.functionName("packaged").runtime(Runtime.PROVIDED_AL2023).handler("h")
                    .role("arn:aws:iam::" + OWNER + ":role/lambda").code(c -> c.zipFile(SdkBytes.fromByteArray(pair.getValue()))));
        }
        var got = owner.getFunction(r -> r.functionName("packaged"));
        String location = got.code().location();
        String othersSha = other.getFunction(r -> r.functionName("packaged")).configuration().codeSha256();

        HttpResponse<byte[]> fetched = RawHttp.bytes(location);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(owners);
        assertThat(location).contains("account=" + OWNER, "expires=", "signature=");

        String sha = java.net.URLEncoder.encode(got.configuration().codeSha256(), java.nio.charset.StandardCharsets.UTF_8);
        String othersEncoded = java.net.URLEncoder.encode(othersSha, java.nio.charset.StandardCharsets.UTF_8);
        for (String forged : new String[] {
                location.replace("account=" + OWNER, "account=" + OTHER),
                location.replace("sha256=" + sha, "sha256=" + othersEncoded),
                slipway.endpoint() + "/_slipway/lambda/code?sha256=" + othersEncoded,
                location.substring(0, location.indexOf("&signature=")) + "&signature=" + "0".repeat(64)}) {
            HttpResponse<String> r = RawHttp.get(forged, RawHttp.signedAs(OTHER, "us-east-1"));
            assertThat(r.statusCode()).as(forged).isEqualTo(403);
            assertThat(r.body()).as(forged).startsWith("{\"code\":\"AccessDenied\"");
        }

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        HttpResponse<String> late = RawHttp.get(location);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).isEqualTo("{\"code\":\"AccessDenied\",\"message\":\"Request has expired\"}");
        assertThat(RawHttp.get(owner.getFunction(r -> r.functionName("packaged")).code().location()).statusCode())
                .as("a new GetFunction answers a fresh location").isEqualTo(200);
    }

    @Test
    void unknownSlipwayPathsAreAJsonNotFoundWhateverTheMethod() {
        for (String method : new String[] {"GET", "PUT", "POST", "DELETE", "HEAD"}) {
            HttpResponse<String> r = RawHttp.request(method, slipway.endpoint() + "/_slipway/no-such-thing");
            assertThat(r.statusCode()).as(method).isEqualTo(404);
            if (!method.equals("HEAD")) {
                assertThat(r.body()).as(method).isEqualTo("{\"code\":\"NotFound\",\"message\":\"No Slipway endpoint at "
                        + "/_slipway/no-such-thing\"}");
                assertThat(r.headers().firstValue("content-type")).contains("application/json");
            }
        }
        HttpResponse<String> put = RawHttp.request("PUT", slipway.endpoint() + "/_slipway/health");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("allow")).contains("GET");
        assertThat(RawHttp.get(slipway.endpoint() + "/_slipway/health").statusCode()).isEqualTo(200);
    }
}
