package io.slipway.cloudformation.hooks;

import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.cloudformation.AnnotationSeverityLevel;
import io.slipway.model.cloudformation.AnnotationStatus;
import io.slipway.model.cloudformation.GetHookResultInput;
import io.slipway.model.cloudformation.GetHookResultOutput;
import io.slipway.model.cloudformation.HookStatus;
import io.slipway.model.cloudformation.HookTargetAction;
import io.slipway.model.cloudformation.HookTargetType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.slipway.cloudformation.hooks.HookFixture.CHANGE_SET_ID;
import static io.slipway.cloudformation.hooks.HookFixture.NS;
import static io.slipway.cloudformation.hooks.HookFixture.STACK_ID;
import static io.slipway.cloudformation.hooks.HookFixture.bucket;
import static io.slipway.cloudformation.hooks.HookFixture.configuration;
import static io.slipway.cloudformation.hooks.HookFixture.resourceHook;
import static org.assertj.core.api.Assertions.assertThat;

class HookInvocationsTest {
    private static final String SUCCESS = "{\"hookStatus\":\"SUCCESS\",\"clientRequestToken\":\"TOKEN\"}";
    private final HookFixture f = new HookFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void resourceRequestHasAwsShape() {
        f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));
        f.functions.reply(SUCCESS);

        f.invocations.run(NS, bucket("CREATE"));

        assertThat(f.functions.calls).singleElement().satisfies(call -> {
            assertThat(call.function()).isEqualTo("guard");
            assertThat(call.request()).isEqualTo("{\"clientRequestToken\":\"00000000-0000-4000-8000-000000000001\","
                    + "\"awsAccountId\":\"111122223333\",\"stackId\":\"" + STACK_ID + "\",\"changeSetId\":null,"
                    + "\"hookTypeName\":\"Shop::Hooks::Guard\",\"hookTypeVersion\":\"00000001\","
                    + "\"hookModel\":{\"LambdaFunction\":\"guard\"},\"actionInvocationPoint\":\"CREATE_PRE_PROVISION\","
                    + "\"requestData\":{\"targetName\":\"AWS::S3::Bucket\",\"targetType\":\"AWS::S3::Bucket\","
                    + "\"targetLogicalId\":\"Assets\",\"targetModel\":{\"resourceProperties\":{\"BucketName\":\"assets\"},"
                    + "\"previousResourceProperties\":{}}},"
                    + "\"requestContext\":{\"invocation\":1,\"callbackContext\":null}}");
        });
    }

    @Test
    void deleteSendsNoProposedProperties() {
        f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));
        f.functions.reply(SUCCESS);

        f.invocations.run(NS, bucket("DELETE"));

        assertThat(f.functions.calls.getFirst().request()).contains("\"actionInvocationPoint\":\"DELETE_PRE_PROVISION\"",
                "\"targetModel\":{\"resourceProperties\":{},\"previousResourceProperties\":{\"BucketName\":\"assets\"}}");
    }

    @Test
    void successIsRecordedAndReadableByGetHookResult() {
        String arn = f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));
        f.functions.reply("{\"hookStatus\":\"SUCCESS\",\"clientRequestToken\":\"TOKEN\",\"message\":\"compliant\","
                + "\"annotations\":[{\"annotationName\":\"encryption\",\"status\":\"PASSED\","
                + "\"statusMessage\":\"encrypted\",\"severityLevel\":\"HIGH\"}]}");

        HookOutcome outcome = f.invocations.run(NS, bucket("CREATE"));

        assertThat(outcome.blocked()).isFalse();
        HookRun run = outcome.runs().getFirst();
        assertThat(run.status()).isEqualTo("HOOK_COMPLETE_SUCCEEDED");
        assertThat(run.statusReason()).isEqualTo("compliant");
        assertThat(run.typeArn()).isEqualTo(arn);
        assertThat(run.invokedAt()).isEqualTo(f.clock.now());
        GetHookResultOutput result = f.results.get(NS, GetHookResultInput.builder().hookResultId(run.hookResultId()).build());
        assertThat(result.status()).isEqualTo(HookStatus.HOOK_COMPLETE_SUCCEEDED);
        assertThat(result.typeName()).isEqualTo("Shop::Hooks::Guard");
        assertThat(result.originalTypeName()).isEqualTo("AWS::Hooks::LambdaHook");
        assertThat(result.typeConfigurationVersionId()).isEqualTo("00000001");
        assertThat(result.target().targetType()).isEqualTo(HookTargetType.RESOURCE);
        assertThat(result.target().targetTypeName()).isEqualTo("AWS::S3::Bucket");
        assertThat(result.target().targetId()).isEqualTo("Assets");
        assertThat(result.target().action()).isEqualTo(HookTargetAction.CREATE);
        assertThat(result.annotations()).singleElement().satisfies(a -> {
            assertThat(a.annotationName()).isEqualTo("encryption");
            assertThat(a.status()).isEqualTo(AnnotationStatus.PASSED);
            assertThat(a.severityLevel()).isEqualTo(AnnotationSeverityLevel.HIGH);
        });
    }

    @Test
    void failedHookBlocksInFailModeAndOnlyWarnsInWarnMode() {
        f.activate("Shop::Hooks::Strict", resourceHook("strict", ""));
        f.activate("Shop::Hooks::Lenient", resourceHook("lenient", "").replace("\"FAIL\"", "\"WARN\""));
        // type name order: Lenient, then Strict
        f.functions.reply("{\"hookStatus\":\"FAILED\",\"errorCode\":\"NonCompliant\",\"clientRequestToken\":\"TOKEN\"}")
                .reply("{\"hookStatus\":\"FAILED\",\"errorCode\":\"NonCompliant\",\"message\":\"bucket is public\","
                        + "\"clientRequestToken\":\"TOKEN\"}");

        HookOutcome outcome = f.invocations.run(NS, bucket("CREATE"));

        assertThat(outcome.runs()).extracting(HookRun::typeName, HookRun::failureMode, HookRun::status, HookRun::statusReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Shop::Hooks::Lenient", "WARN", "HOOK_COMPLETE_FAILED",
                                "Hook failed with error code NonCompliant"),
                        org.assertj.core.groups.Tuple.tuple("Shop::Hooks::Strict", "FAIL", "HOOK_COMPLETE_FAILED",
                                "bucket is public"));
        assertThat(outcome.blocked()).isTrue();
        assertThat(outcome.failureReason()).isEqualTo("The following hook(s) failed: [Shop::Hooks::Strict]");
    }

    @Test
    void inProgressCallsAgainWithCallbackContextAfterTheDelay() {
        f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));
        f.functions.reply("{\"hookStatus\":\"IN_PROGRESS\",\"clientRequestToken\":\"TOKEN\","
                        + "\"callbackContext\":{\"step\":2},\"callbackDelaySeconds\":20}")
                .reply(SUCCESS);

        HookOutcome outcome = f.invocations.run(NS, bucket("CREATE"));

        assertThat(outcome.runs().getFirst().succeeded()).isTrue();
        assertThat(f.functions.calls).hasSize(2);
        assertThat(f.functions.calls.get(1).request())
                .endsWith("\"requestContext\":{\"invocation\":2,\"callbackContext\":{\"step\":2}}}")
                .contains("\"clientRequestToken\":\"00000000-0000-4000-8000-000000000001\"");
        assertThat(f.pauses).containsExactly(f.clock.toRealDelay(Duration.ofSeconds(20)));
    }

    @Test
    void threeInProgressAnswersFailTheHook() {
        f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));
        String inProgress = "{\"hookStatus\":\"IN_PROGRESS\",\"clientRequestToken\":\"TOKEN\",\"callbackDelaySeconds\":1}";
        f.functions.reply(inProgress).reply(inProgress).reply(inProgress);

        HookRun run = f.invocations.run(NS, bucket("UPDATE")).runs().getFirst();

        assertThat(f.functions.calls).hasSize(3);
        assertThat(f.pauses).hasSize(2);
        assertThat(run.status()).isEqualTo("HOOK_FAILED");
        assertThat(run.statusReason()).isEqualTo("Hook did not complete after 3 invocations");
        assertThat(run.blocks()).isTrue();
    }

    @Test
    void functionErrorIsHookFailedWithTheReason() {
        f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));
        f.functions.fail("Function not found: guard");

        HookRun run = f.invocations.run(NS, bucket("CREATE")).runs().getFirst();

        assertThat(run.status()).isEqualTo("HOOK_FAILED");
        assertThat(run.statusReason()).isEqualTo("Failed to invoke Lambda function guard: Function not found: guard");
    }

    @Test
    void unreadableAnswersAreHookFailed() {
        f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));
        f.functions.reply("not json").reply("[1,2]").reply("{\"clientRequestToken\":\"TOKEN\"}")
                .reply("{\"hookStatus\":\"MAYBE\",\"clientRequestToken\":\"TOKEN\"}")
                .reply("{\"hookStatus\":\"SUCCESS\",\"clientRequestToken\":\"someone-else\"}")
                .reply("{\"hookStatus\":\"SUCCESS\",\"clientRequestToken\":\"TOKEN\",\"annotations\":[{\"status\":\"GREAT\"}]}");

        for (String reason : new String[] {"The hook's response is not valid JSON",
                "The hook's response is not a JSON object", "The hook's response has no hookStatus",
                "The hook's response has an unknown hookStatus: MAYBE",
                "The hook's response does not echo the request's clientRequestToken",
                "The hook's response has malformed annotations"}) {
            HookRun run = f.invocations.run(NS, bucket("CREATE")).runs().getFirst();
            assertThat(run.status()).isEqualTo("HOOK_FAILED");
            assertThat(run.statusReason()).isEqualTo(reason);
        }
    }

    @Test
    void messageIsCutTo4096Characters() {
        f.activate("Shop::Hooks::Guard", resourceHook("guard", ""));
        f.functions.reply("{\"hookStatus\":\"FAILED\",\"errorCode\":\"NonCompliant\",\"clientRequestToken\":\"TOKEN\","
                + "\"message\":\"" + "x".repeat(5000) + "\"}");

        HookRun run = f.invocations.run(NS, bucket("CREATE")).runs().getFirst();

        assertThat(run.statusReason()).hasSize(4096);
        assertThat(f.results.get(NS, GetHookResultInput.builder().hookResultId(run.hookResultId()).build())
                .hookStatusReason()).hasSize(4096);
    }

    @Test
    void hooksOutsideTheirFiltersOrDisabledOrUnconfiguredDoNotRun() {
        f.activate("Shop::Hooks::Tables", resourceHook("tables", ",\"TargetFilters\":{\"TargetNames\":[\"AWS::DynamoDB::*\"]}"));
        f.activate("Shop::Hooks::Stacks", resourceHook("stacks", "").replace("[\"RESOURCE\"]", "[\"STACK\"]"));
        f.activate("Shop::Hooks::Off", resourceHook("off", "").replace("ENABLED", "DISABLED"));
        f.activate("Shop::Hooks::Other", resourceHook("other", ",\"StackFilters\":{\"FilteringCriteria\":\"ALL\","
                + "\"StackNames\":{\"Exclude\":[\"sh*\"]}}"));
        f.activate("Shop::Hooks::Updates", resourceHook("updates", ",\"TargetFilters\":{\"Actions\":[\"UPDATE\"]}"));
        f.types.activate(NS, io.slipway.model.cloudformation.ActivateTypeInput.builder()
                .typeName(HookTypeNames.LAMBDA_HOOK).typeNameAlias("Shop::Hooks::Unset").build());

        assertThat(f.invocations.run(NS, bucket("CREATE"))).isEqualTo(HookOutcome.NONE);
        assertThat(f.functions.calls).isEmpty();
    }

    @Test
    void stackTargetGetsAPayloadUrlThatServesThePayloadWhileTheHookRuns() {
        f.activate("Shop::Hooks::Stacks", resourceHook("stacks", "").replace("[\"RESOURCE\"]", "[\"STACK\"]"));
        String payload = "{\"template\":\"Resources: {}\",\"previousTemplate\":\"\"}";
        String[] served = new String[3];
        f.functions.replies.add(request -> {
            String url = request.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1");
            URI uri = URI.create(url);
            served[0] = fetch(uri.getPath(), uri.getRawQuery());
            // the URL is the credential: another account in it, or a changed id, breaks its signature
            served[1] = fetch(uri.getPath(), uri.getRawQuery().replace("account=111122223333", "account=999988887777"));
            served[2] = fetch(uri.getPath(), uri.getRawQuery().replace("id=00000000-0000-4000-8000-000000000001",
                    "id=00000000-0000-4000-8000-000000000002"));
            return new HookFunctions.Answer.Returned(SUCCESS.replace("TOKEN", HookFixture.CannedFunctions.token(request)));
        });

        HookRun run = f.invocations.run(NS, new HookTarget("STACK", "CREATE", "shop", STACK_ID, null, "STACK", "shop",
                Map.of(), Map.of(), payload)).runs().getFirst();

        assertThat(run.succeeded()).isTrue();
        assertThat(served[0]).isEqualTo("200 " + payload);
        assertThat(served[1]).startsWith("403 ");
        assertThat(served[2]).startsWith("403 ");
        String request = f.functions.calls.getFirst().request();
        String url = request.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1");
        assertThat(url).matches("http://127\\.0\\.0\\.1:4566" + HookInvocations.PAYLOAD_PATH
                + "\\?id=00000000-0000-4000-8000-000000000001&account=111122223333&region=eu-west-1&expires=\\d+&signature=[0-9a-f]{64}");
        assertThat(request).contains("\"requestData\":{\"targetName\":\"STACK\",\"targetType\":\"STACK\","
                + "\"targetLogicalId\":\"shop\",\"payload\":\"" + url + "\"}");
        // the payload is gone once the hooks ran
        URI uri = URI.create(url);
        assertThat(fetch(uri.getPath(), uri.getRawQuery())).startsWith("404 ");
    }

    @Test
    void aPayloadUrlExpiresAfterTheLongestHookRun() {
        f.activate("Shop::Hooks::Stacks", resourceHook("stacks", "").replace("[\"RESOURCE\"]", "[\"STACK\"]"));
        String[] served = new String[2];
        f.functions.replies.add(request -> {
            URI uri = URI.create(request.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1"));
            f.clock.advance(HookPayloads.VALIDITY);
            served[0] = fetch(uri.getPath(), uri.getRawQuery());
            f.clock.advance(java.time.Duration.ofSeconds(1));
            served[1] = fetch(uri.getPath(), uri.getRawQuery());
            return new HookFunctions.Answer.Returned(SUCCESS.replace("TOKEN", HookFixture.CannedFunctions.token(request)));
        });

        f.invocations.run(NS, new HookTarget("STACK", "CREATE", "shop", STACK_ID, null, "STACK", "shop",
                Map.of(), Map.of(), "{}"));

        assertThat(served[0]).startsWith("200 ");
        assertThat(served[1]).isEqualTo("403 {\"code\":\"AccessDenied\",\"message\":\"Request has expired\"}");
    }

    /** GETs the payload endpoint as an unsigned client would: status and body. */
    private String fetch(String path, String rawQuery) {
        HttpResponse response = f.invocations.payloadEndpoint().handle(new HttpRequest("GET", path, rawQuery, Map.of(),
                new byte[0]), new io.slipway.model.runtime.RequestContext("req", "000000000000", "us-east-1", "", "",
                java.time.Instant.EPOCH));
        return response.status() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void changeSetHooksRunOnlyOnCreateAndAreListedUnderTheChangeSet() {
        f.activate("Shop::Hooks::Sets", configuration("\"HookInvocationStatus\":\"ENABLED\","
                + "\"TargetOperations\":[\"CHANGE_SET\"],\"FailureMode\":\"WARN\",\"Properties\":{\"LambdaFunction\":\"sets\"}"));
        f.functions.reply(SUCCESS);
        HookTarget create = new HookTarget("CHANGE_SET", "CREATE", "shop", STACK_ID, CHANGE_SET_ID, "CHANGE_SET",
                CHANGE_SET_ID, Map.of(), Map.of(), "{\"template\":\"{}\",\"changedResources\":[]}");

        HookRun run = f.invocations.run(NS, create).runs().getFirst();
        HookOutcome update = f.invocations.run(NS, new HookTarget("CHANGE_SET", "UPDATE", "shop", STACK_ID,
                CHANGE_SET_ID, "CHANGE_SET", CHANGE_SET_ID, Map.of(), Map.of(), "{}"));

        assertThat(update).isEqualTo(HookOutcome.NONE);
        assertThat(f.functions.calls.getFirst().request()).contains("\"changeSetId\":\"" + CHANGE_SET_ID + "\"",
                "\"targetLogicalId\":\"" + CHANGE_SET_ID + "\"", "\"actionInvocationPoint\":\"CREATE_PRE_PROVISION\"");
        var listed = f.results.list(NS, io.slipway.model.cloudformation.ListHookResultsInput.builder()
                .targetType(io.slipway.model.cloudformation.ListHookResultsTargetType.CHANGE_SET)
                .targetId(CHANGE_SET_ID).build());
        assertThat(listed.hookResults()).singleElement().satisfies(s -> {
            assertThat(s.hookResultId()).isEqualTo(run.hookResultId());
            assertThat(s.targetId()).isEqualTo(CHANGE_SET_ID);
            assertThat(s.status()).isEqualTo(HookStatus.HOOK_COMPLETE_SUCCEEDED);
            assertThat(s.invokedAt()).isNull();
        });
        GetHookResultOutput result = f.results.get(NS, GetHookResultInput.builder().hookResultId(run.hookResultId()).build());
        assertThat(result.target()).as("the model's Target can only name resources").isNull();
    }
}
