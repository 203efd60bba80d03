package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.model.lambda.FunctionConfiguration;
import io.slipway.model.lambda.GetFunctionConfigurationRequest;
import io.slipway.model.runtime.AwsException;
import io.slipway.s3.storage.ObjectAttributes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.slipway.app.InProcessServices.NS;
import static io.slipway.app.InProcessServices.made;
import static io.slipway.app.InProcessServices.request;
import static io.slipway.app.InProcessServices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaFunctionProviderTest extends ProviderTest {
    private static final String TYPE = "AWS::Lambda::Function";
    private static final String ROLE = "arn:aws:iam::111122223333:role/hook";
    private static final String SOURCE = "def handler(event, context):\n    return {'ok': True}\n";

    LambdaFunctionProviderTest() {
        super(TYPE);
    }

    private static Map<String, Object> inline(String name) {
        Map<String, Object> p = new HashMap<>(Map.of("Runtime", "python3.12", "Handler", "index.handler", "Role", ROLE,
                "Code", Map.of("ZipFile", SOURCE)));
        if (name != null) {
            p.put("FunctionName", name);
        }
        return p;
    }

    private FunctionConfiguration function(String name) {
        return FunctionConfiguration.fromDocument(services.call(services.lambda.binding(), "GetFunctionConfiguration",
                new GetFunctionConfigurationRequest(name, null)));
    }

    @Test
    void inlinePythonSourceBecomesAZipWithIndexPy() throws Exception {
        Map<String, Object> p = inline("checkout-hook");
        p.putAll(Map.of("Timeout", "30", "MemorySize", 256, "Description", "runs before checkout",
                "Environment", Map.of("Variables", Map.of("STAGE", "test", "RETRIES", 3)),
                "Tags", List.of(Map.of("Key", "team", "Value", "shop"))));

        Provisioned made = provider.create(request("Hook", TYPE, p));

        assertThat(made.physicalId()).isEqualTo("checkout-hook");
        assertThat(made.attributes()).containsEntry("Arn", "arn:aws:lambda:eu-west-1:111122223333:function:checkout-hook");
        FunctionConfiguration f = function("checkout-hook");
        assertThat(f.runtime().value()).isEqualTo("python3.12");
        assertThat(f.handler()).isEqualTo("index.handler");
        assertThat(f.timeout()).isEqualTo(30);
        assertThat(f.memorySize()).isEqualTo(256);
        assertThat(f.description()).isEqualTo("runs before checkout");
        assertThat(f.environment().variables()).containsEntry("STAGE", "test").containsEntry("RETRIES", "3");
        byte[] zip = InlineCode.zip("index.py", SOURCE);
        assertThat(f.codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip)));
        assertThat(entries(zip)).containsEntry("index.py", SOURCE).containsOnlyKeys("index.py", "cfnresponse.py");
        assertThat(entries(zip).get("cfnresponse.py")).contains("def send(event, context, responseStatus, responseData");
    }

    @Test
    void inlineNodeSourceGoesInIndexJsAndOtherRuntimesRefuseIt() throws IOException {
        assertThat(InlineCode.fileName("nodejs20.x")).contains("index.js");
        Map<String, String> node = entries(InlineCode.zip("index.js", "exports.handler = async () => 1;"));
        assertThat(node).containsEntry("index.js", "exports.handler = async () => 1;")
                .containsOnlyKeys("index.js", "node_modules/cfn-response/index.js");
        assertThat(node.get("node_modules/cfn-response/index.js")).contains("exports.send = function send(event, context");

        Map<String, Object> java = new HashMap<>(inline("java-fn"));
        java.put("Runtime", "java21");
        assertThatThrownBy(() -> provider.create(request("Fn", TYPE, java)))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageContaining("ZipFile can only be used with the Node.js and Python runtimes")
                .hasMessageContaining("HandlerErrorCode: InvalidRequest");
    }

    @Test
    void codeFromS3IsReadFromSlipwaysS3() {
        services.s3.createBucket(NS.account(), NS.region(), "code");
        byte[] zip = InlineCode.zip("index.py", SOURCE);
        services.s3.putObject(NS.account(), "code", "hook.zip", new ByteArrayInputStream(zip), zip.length, ObjectAttributes.none());

        provider.create(request("Hook", TYPE, Map.of("FunctionName", "from-s3", "Runtime", "python3.12",
                "Handler", "index.handler", "Role", ROLE, "Code", Map.of("S3Bucket", "code", "S3Key", "hook.zip"))));

        assertThat(function("from-s3").codeSize()).isEqualTo(zip.length);
    }

    @Test
    void aMissingPackageFailsWithLambdasReason() {
        services.s3.createBucket(NS.account(), NS.region(), "code");

        assertThatThrownBy(() -> provider.create(request("Hook", TYPE, Map.of("FunctionName", "no-code",
                "Runtime", "python3.12", "Handler", "index.handler", "Role", ROLE,
                "Code", Map.of("S3Bucket", "code", "S3Key", "missing.zip")))))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageContaining("Service: Lambda, Status Code: 400")
                .hasMessageContaining("HandlerErrorCode: InvalidRequest");
    }

    @Test
    void generatedNamesAreAdoptedOnRetryButATakenNameFails() {
        Provisioned first = provider.create(request("Hook", TYPE, inline(null)));
        assertThat(first.physicalId()).matches("shop-Hook-[A-Z0-9]{13}");
        assertThat(provider.create(request("Hook", TYPE, inline(null))).physicalId()).isEqualTo(first.physicalId());

        provider.create(request("Named", TYPE, inline("taken")));
        assertThatThrownBy(() -> provider.create(request("Other", TYPE, inline("taken"))))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageContaining("Function already exist: taken")
                .hasMessageContaining("HandlerErrorCode: AlreadyExists");
    }

    @Test
    void missingOrMistypedPropertiesFailValidation() {
        Map<String, Object> noRole = new HashMap<>(inline("f"));
        noRole.remove("Role");
        assertThatThrownBy(() -> provider.create(request("Fn", TYPE, noRole)))
                .hasMessage("Properties validation failed for resource Fn with message: #: required key [Role] not found");

        Map<String, Object> noCode = new HashMap<>(inline("f"));
        noCode.remove("Code");
        assertThatThrownBy(() -> provider.create(request("Fn", TYPE, noCode)))
                .hasMessageEndingWith("#: required key [Code] not found");

        Map<String, Object> badTimeout = new HashMap<>(inline("f"));
        badTimeout.put("Timeout", "soon");
        assertThatThrownBy(() -> provider.create(request("Fn", TYPE, badTimeout)))
                .hasMessageEndingWith("#/Timeout: expected type: Integer, found: String");

        Map<String, Object> badRuntime = new HashMap<>(inline("f"));
        badRuntime.put("Runtime", "python9");
        assertThatThrownBy(() -> provider.create(request("Fn", TYPE, badRuntime)))
                .hasMessageContaining("Value 'python9' at 'runtime' failed to satisfy constraint");

        Map<String, Object> badName = new HashMap<>(inline("not a name"));
        assertThatThrownBy(() -> provider.create(request("Fn", TYPE, badName)))
                .hasMessageContaining("functionName")
                .hasMessageContaining("HandlerErrorCode: InvalidRequest");
    }

    @Test
    void updateChangesConfigurationAndCodeInPlace() {
        Map<String, Object> before = inline("hook");
        Provisioned made = provider.create(request("Hook", TYPE, before));
        String oldSha = function("hook").codeSha256();

        Map<String, Object> after = new HashMap<>(before);
        after.put("Timeout", 60);
        after.put("Code", Map.of("ZipFile", SOURCE + "# changed\n"));
        Provisioned updated = provider.update(update("Hook", TYPE, after, before), made);

        assertThat(updated.physicalId()).isEqualTo("hook");
        assertThat(function("hook").timeout()).isEqualTo(60);
        assertThat(function("hook").codeSha256()).isNotEqualTo(oldSha);

        // dropping Timeout puts Lambda's default back
        Provisioned again = provider.update(update("Hook", TYPE, before, after), updated);
        assertThat(function("hook").timeout()).isEqualTo(3);
        assertThat(function("hook").codeSha256()).isEqualTo(oldSha);
        assertThat(again.attributes()).containsEntry("Arn", "arn:aws:lambda:eu-west-1:111122223333:function:hook");
    }

    @Test
    void aNewFunctionNameReplacesTheFunction() {
        Provisioned made = provider.create(request("Hook", TYPE, inline("hook-v1")));

        Provisioned replaced = provider.update(update("Hook", TYPE, inline("hook-v2"), inline("hook-v1")), made);

        assertThat(replaced.physicalId()).isEqualTo("hook-v2");
        assertThat(function("hook-v1").functionName()).isEqualTo("hook-v1");
        assertThat(function("hook-v2").functionName()).isEqualTo("hook-v2");
    }

    @Test
    void deleteRemovesTheFunctionAndSucceedsWhenItIsGone() {
        Provisioned made = provider.create(request("Hook", TYPE, inline("hook")));

        provider.delete(request("Hook", TYPE, Map.of()), made);
        provider.delete(request("Hook", TYPE, Map.of()), made("hook"));

        assertThatThrownBy(() -> function("hook")).isInstanceOf(AwsException.class)
                .hasMessageContaining("Function not found");
    }

    private static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
