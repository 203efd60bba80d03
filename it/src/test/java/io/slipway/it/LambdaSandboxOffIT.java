package io.slipway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code --lambda-sandbox off} functions run as plain processes, as where bubblewrap cannot run:
 * health says so and why, and functions still run with Lambda's environment.
 */
class LambdaSandboxOffIT {
    private static final String ACCOUNT = "141414141414";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c.withLambdaSandbox(false));

    @Test
    void healthSaysFunctionsRunWithoutASandboxAndTheyRun() throws Exception {
        JsonNode health = JSON.readTree(RawHttp.get(slipway.endpoint() + "/_slipway/health").body());
        assertThat(health.path("lambdaSandbox").asText()).isEqualTo("off: the process model was chosen (--lambda-sandbox off)");

        LambdaFixtures.requireNode();
        LambdaClient lambda = slipway.lambda(ACCOUNT, "us-east-1");
        lambda.createFunction(r -> r.functionName("plain").runtime("nodejs20.x").handler("index.handler")
                .role("arn:aws:iam::" + ACCOUNT + ":role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of("index.js", """
                        exports.handler = async () => ({ root: process.env.LAMBDA_TASK_ROOT, cwd: process.cwd() });
                        """))))));
        slipway.awaitIdle();
        JsonNode r = JSON.readTree(lambda.invoke(q -> q.functionName("plain")).payload().asUtf8String());
        assertThat(r.path("root").asText()).as("the code's own directory on this machine")
                .startsWith("/").isNotEqualTo("/var/task");
        assertThat(r.path("cwd").asText()).endsWith(r.path("root").asText().substring(r.path("root").asText().lastIndexOf('/')));
    }
}
