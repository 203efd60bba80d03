package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.*;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Functions created the AWS way and run locally by Slipway's runtime, through the real Lambda SDK. */
class LambdaFunctionsIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda";
    private final LambdaClient lambda = slipway.lambda();

    static final String NODE_HANDLER = """
            let calls = 0;
            export const handler = async (event, context) => {
              calls++;
              console.log("hello from", context.functionName);
              if (event.fail) throw new Error("asked to fail");
              return { echo: event, calls, version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
                       greeting: process.env.GREETING || null, endpoint: process.env.AWS_ENDPOINT_URL };
            };
            """;

    @BeforeAll
    static void nodeIsThere() throws Exception {
        LambdaFixtures.requireNode();
    }

    private CreateFunctionResponse create(String name, String code) {
        CreateFunctionResponse created = lambda.createFunction(r -> r.functionName(name)
                .runtime(software.amazon.awssdk.services.lambda.model.Runtime.NODEJS20_X).handler("index.handler").role(ROLE)
                .environment(e -> e.variables(Map.of("GREETING", "hi")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("index.mjs", code))))));
        slipway.awaitIdle(); // Pending -> Active
        return created;
    }

    private static String text(InvokeResponse r) {
        return r.payload().asUtf8String();
    }

    @Test
    void createInvokeAndReuseAWarmEnvironment() {
        CreateFunctionResponse created = create("echo", NODE_HANDLER);
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:echo");
        assertThat(created.version()).isEqualTo("$LATEST");
        assertThat(created.codeSha256()).hasSize(44);
        assertThat(created.timeout()).isEqualTo(3);
        assertThat(created.memorySize()).isEqualTo(128);
        assertThat(created.state()).isEqualTo(State.PENDING);
        assertThat(lambda.getFunctionConfiguration(r -> r.functionName("echo")).state()).isEqualTo(State.ACTIVE);

        InvokeResponse first = lambda.invoke(r -> r.functionName("echo").payload(SdkBytes.fromUtf8String("{\"a\":1}"))
                .logType(LogType.TAIL));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.functionError()).isNull();
        assertThat(first.executedVersion()).isEqualTo("$LATEST");
        assertThat(text(first)).contains("\"echo\":{\"a\":1}").contains("\"calls\":1").contains("\"greeting\":\"hi\"")
                .contains("\"endpoint\":\"" + slipway.endpoint());
        assertThat(new String(Base64.getDecoder().decode(first.logResult()), StandardCharsets.UTF_8))
                .contains("hello from echo").contains("END RequestId:").contains("REPORT RequestId:");
        InvokeResponse second = lambda.invoke(r -> r.functionName("echo").payload(SdkBytes.fromUtf8String("{}")));
        assertThat(text(second)).contains("\"calls\":2");
    }

    @Test
    void unhandledErrorsComeBackAsFunctionErrors() {
        create("thrower", NODE_HANDLER);
        InvokeResponse r = lambda.invoke(i -> i.functionName("thrower").payload(SdkBytes.fromUtf8String("{\"fail\":true}")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(text(r)).contains("\"errorType\":\"Error\"").contains("\"errorMessage\":\"asked to fail\"");
    }

    @Test
    void timeoutsStopTheFunction() {
        lambda.createFunction(r -> r.functionName("sleeper").runtime(software.amazon.awssdk.services.lambda.model.Runtime.NODEJS20_X).handler("index.handler").role(ROLE)
                .timeout(1).code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("index.mjs",
                        "export const handler = () => new Promise(r => setTimeout(r, 10000));"))))));
        slipway.awaitIdle();
        InvokeResponse r = lambda.invoke(i -> i.functionName("sleeper"));
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(text(r)).contains("Task timed out after 1.00 seconds");
    }

    @Test
    void versionsAliasesAndQualifiers() {
        create("versioned", NODE_HANDLER);
        PublishVersionResponse v1 = lambda.publishVersion(r -> r.functionName("versioned"));
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.functionArn()).endsWith(":versioned:1");
        lambda.updateFunctionConfiguration(r -> r.functionName("versioned").environment(e -> e.variables(Map.of("GREETING", "v2"))));
        PublishVersionResponse v2 = lambda.publishVersion(r -> r.functionName("versioned"));
        assertThat(v2.version()).isEqualTo("2");
        assertThat(lambda.listVersionsByFunction(r -> r.functionName("versioned")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2");

        CreateAliasResponse live = lambda.createAlias(r -> r.functionName("versioned").name("live").functionVersion("1"));
        assertThat(live.aliasArn()).endsWith(":versioned:live");
        assertThat(text(lambda.invoke(r -> r.functionName("versioned").qualifier("live")))).contains("\"greeting\":\"hi\"");
        assertThat(text(lambda.invoke(r -> r.functionName("versioned:2")))).contains("\"greeting\":\"v2\"");
        InvokeResponse viaArn = lambda.invoke(r -> r.functionName("arn:aws:lambda:us-east-1:000000000000:function:versioned:live"));
        assertThat(viaArn.executedVersion()).isEqualTo("1");

        UpdateAliasResponse shifted = lambda.updateAlias(r -> r.functionName("versioned").name("live")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("2", 1.0))));
        assertThat(shifted.routingConfig().additionalVersionWeights()).containsEntry("2", 1.0);
        assertThat(lambda.invoke(r -> r.functionName("versioned").qualifier("live")).executedVersion()).isEqualTo("2");
        assertThat(lambda.getAlias(r -> r.functionName("versioned").name("live")).functionVersion()).isEqualTo("1");
        assertThat(lambda.listAliases(r -> r.functionName("versioned")).aliases()).extracting(AliasConfiguration::name)
                .containsExactly("live");

        assertThatThrownBy(() -> lambda.deleteFunction(r -> r.functionName("versioned").qualifier("2")))
                .isInstanceOf(ResourceConflictException.class);
        lambda.deleteAlias(r -> r.functionName("versioned").name("live"));
        lambda.deleteFunction(r -> r.functionName("versioned").qualifier("2"));
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("versioned").qualifier("2")))
                .isInstanceOf(ResourceNotFoundException.class);
        // numbers are never reused: the deleted version 2 is not published again
        assertThat(lambda.publishVersion(r -> r.functionName("versioned")).version()).isEqualTo("3");
        assertThat(lambda.publishVersion(r -> r.functionName("versioned")).version()).as("unchanged $LATEST").isEqualTo("3");
    }

    @Test
    void invocationTypesAndCodeUpdates() {
        create("kinds", NODE_HANDLER);
        assertThat(lambda.invoke(r -> r.functionName("kinds").invocationType(InvocationType.DRY_RUN)).statusCode()).isEqualTo(204);
        assertThat(lambda.invoke(r -> r.functionName("kinds").invocationType(InvocationType.EVENT)).statusCode()).isEqualTo(202);
        String before = lambda.getFunctionConfiguration(r -> r.functionName("kinds")).codeSha256();
        UpdateFunctionCodeResponse updated = lambda.updateFunctionCode(r -> r.functionName("kinds").zipFile(SdkBytes.fromByteArray(
                Zips.of(Map.of("index.mjs", "export const handler = async () => 'new code';")))));
        assertThat(updated.codeSha256()).isNotEqualTo(before);
        assertThat(text(lambda.invoke(r -> r.functionName("kinds")))).isEqualTo("\"new code\"");
    }

    @Test
    void badRequestsGetLambdasErrors() {
        create("exists", NODE_HANDLER);
        assertThatThrownBy(() -> create("exists", NODE_HANDLER)).isInstanceOf(ResourceConflictException.class)
                .satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("ghost"))).isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("exists").qualifier("9"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("nocode").runtime(software.amazon.awssdk.services.lambda.model.Runtime.NODEJS20_X)
                .handler("index.handler").role(ROLE).code(c -> c.zipFile(SdkBytes.fromUtf8String("not a zip")))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("slip").runtime(software.amazon.awssdk.services.lambda.model.Runtime.NODEJS20_X)
                .handler("index.handler").role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(
                        Zips.of(Map.of("../../escape.js", "x")))))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("bad name!").runtime(software.amazon.awssdk.services.lambda.model.Runtime.NODEJS20_X)
                .handler("index.handler").role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("a", "b")))))))
                .isInstanceOf(LambdaException.class).satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> lambda.createFunction(r -> r.functionName("dotnet").runtime(software.amazon.awssdk.services.lambda.model.Runtime.DOTNET8)
                .handler("x").role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("a", "b")))))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("dotnet8");
        assertThatThrownBy(() -> lambda.createAlias(r -> r.functionName("exists").name("a").functionVersion("7")))
                .isInstanceOf(ResourceNotFoundException.class);
        String notAnObject = Base64.getEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8));
        for (String clientContext : new String[] {"not base64!", notAnObject}) {
            assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("exists").clientContext(clientContext)))
                    .isInstanceOf(InvalidRequestContentException.class)
                    .hasMessageContaining("Client context must be a valid Base64-encoded JSON object.")
                    .satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(400));
        }
        assertThat(lambda.listFunctions().functions()).extracting(FunctionConfiguration::functionName).contains("exists");
        lambda.deleteFunction(r -> r.functionName("exists"));
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("exists"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listingPaginatesAndGetFunctionPointsAtTheCode() throws Exception {
        LambdaClient other = LambdaFixtures.client(slipway.endpoint(), "222233334444");
        for (String name : java.util.List.of("pa", "pb", "pc")) {
            other.createFunction(r -> r.functionName(name).runtime(software.amazon.awssdk.services.lambda.model.Runtime.PROVIDED_AL2023)
                    .handler("h").role(ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("bootstrap", name))))));
        }
        ListFunctionsResponse first = other.listFunctions(r -> r.maxItems(2));
        assertThat(first.functions()).extracting(FunctionConfiguration::functionName).containsExactly("pa", "pb");
        ListFunctionsResponse second = other.listFunctions(r -> r.marker(first.nextMarker()));
        assertThat(second.functions()).extracting(FunctionConfiguration::functionName).containsExactly("pc");
        assertThat(second.nextMarker()).isNull();
        GetFunctionResponse fn = other.getFunction(r -> r.functionName("pb"));
        assertThat(fn.code().repositoryType()).isEqualTo("S3");
        byte[] zip = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fn.code().location())).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(zip)))
                .isEqualTo(fn.configuration().codeSha256());
    }

    @Test
    void payloadsOverSixMegabytesAreRefused() {
        create("big", NODE_HANDLER);
        byte[] huge = new byte[6 * 1024 * 1024 + 10];
        java.util.Arrays.fill(huge, (byte) 'a');
        huge[0] = '"';
        huge[huge.length - 1] = '"';
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("big").payload(SdkBytes.fromByteArray(huge))))
                .isInstanceOf(RequestTooLargeException.class)
                .satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(413));
    }
}
