package io.slipway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.engine.clock.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slipway on a machine where the runtimes' libraries were never installed (here: pointed at an empty
 * directory) starts, says so, and runs functions without them, which then fail as on a runtime that
 * lacks them.
 */
class RuntimeLibrariesMissingIT {
    private static final String ACCOUNT = "131313131313";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c, new RealClock(), withoutLibraries());

    private static Map<String, String> withoutLibraries() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SLIPWAY_RUNTIME_LIBRARIES", System.getProperty("java.io.tmpdir") + "/slipway-no-runtimes-here");
        return env;
    }

    @Test
    void healthSaysTheSdkIsMissingAndWhatToRun() throws Exception {
        JsonNode health = JSON.readTree(RawHttp.get(slipway.endpoint() + "/_slipway/health").body());
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("lambdaRuntimeLibraries").path("nodejs").asText())
                .isEqualTo("missing: run " + System.getProperty("java.io.tmpdir") + "/slipway-no-runtimes-here/install.sh"
                        + " (npm ci in " + System.getProperty("java.io.tmpdir") + "/slipway-no-runtimes-here/node)");
    }

    @Test
    void functionsRunWithoutItAndAnImportOfItFailsAsOnARuntimeWithoutIt() throws Exception {
        LambdaFixtures.requireNode();
        LambdaClient lambda = slipway.lambda(ACCOUNT, "us-east-1");
        lambda.createFunction(r -> r.functionName("needs-sdk").runtime("nodejs20.x").handler("index.handler")
                .role("arn:aws:iam::" + ACCOUNT + ":role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("index.mjs", """
                        import { STSClient } from '@aws-sdk/client-sts';
                        export const handler = async () => typeof STSClient;
                        """))))));
        lambda.createFunction(r -> r.functionName("plain").runtime("nodejs20.x").handler("index.handler")
                .role("arn:aws:iam::" + ACCOUNT + ":role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("index.mjs",
                        "export const handler = async () => 'ran';\n"))))));
        slipway.awaitIdle();

        InvokeResponse failed = lambda.invoke(r -> r.functionName("needs-sdk"));
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(failed.payload().asUtf8String());
        assertThat(error.path("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        assertThat(error.path("errorMessage").asText()).contains("Cannot find package '@aws-sdk/client-sts'");

        assertThat(lambda.invoke(r -> r.functionName("plain")).payload().asUtf8String()).isEqualTo("\"ran\"");
    }
}
