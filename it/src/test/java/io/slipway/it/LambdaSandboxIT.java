package io.slipway.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functions run in a bubblewrap sandbox with Lambda's layout: their code at /var/task, the runtime
 * under /var/runtime, a private writable /tmp, and no view of Slipway's data directory or of other
 * functions' code. The server runs on disk, so that there is a data directory to hide.
 */
class LambdaSandboxIT {
    private static final String ACCOUNT = "131313131313";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final SlipwayServer slipway = SlipwayServer.withDataDirectory();

    /** bubblewrap is there: under CI=true (scripts/test installs it) its absence fails, elsewhere it skips. */
    @BeforeAll
    static void requireSandbox() throws Exception {
        String status = settled();
        if ("true".equals(System.getenv("CI"))) {
            assertThat(status).as("scripts/services.sh has installed bubblewrap").startsWith("bubblewrap ");
        }
        Assumptions.assumeTrue(status.startsWith("bubblewrap "), status);
    }

    /** health's lambdaSandbox once the start-up probe has answered (it runs aside; meanwhile "checking: ..."). */
    static String settled() throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (true) {
            String status = JSON.readTree(RawHttp.get(slipway.endpoint() + "/_slipway/health").body())
                    .path("lambdaSandbox").asText();
            if (!status.startsWith("checking:") || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(20);
        }
    }

    private static InvokeResponse invoke(String name, String runtime, Map<String, String> files, String event) {
        LambdaClient lambda = slipway.lambda(ACCOUNT, "us-east-1");
        lambda.createFunction(r -> r.functionName(name).runtime(runtime).handler("index.handler").timeout(30)
                .role("arn:aws:iam::" + ACCOUNT + ":role/lambda")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(files)))));
        slipway.awaitIdle();
        return lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(event)));
    }

    private static JsonNode run(String name, String runtime, Map<String, String> files, String event) throws Exception {
        InvokeResponse r = invoke(name, runtime, files, event);
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return JSON.readTree(r.payload().asUtf8String());
    }

    /** The host paths a function must not see: the data directory, where Slipway keeps code, the checkout. */
    private static String hidden() throws Exception {
        Path data = slipway.dataDirectory();
        return JSON.writeValueAsString(Map.of("paths", List.of(data.toString(), data.resolve("lambda").toString(),
                data.resolve("lambda/code").toString(), Path.of("").toAbsolutePath().toString())));
    }

    @Test
    void aNodeFunctionSeesLambdasLayoutAndNothingOfSlipways() throws Exception {
        LambdaFixtures.requireNode();
        JsonNode r = run("node-layout", "nodejs20.x", Map.of("index.js", """
                const fs = require('fs');
                exports.handler = async (event) => {
                  const seen = event.paths.map((p) => { try { fs.readdirSync(p); return p + ': listed'; }
                                                        catch (e) { return p + ': ' + e.code; } });
                  fs.writeFileSync('/tmp/scratch.txt', 'written');
                  let taskWritable = true;
                  try { fs.writeFileSync('/var/task/new.txt', 'x'); } catch (e) { taskWritable = false; }
                  return { seen, cwd: process.cwd(), root: process.env.LAMBDA_TASK_ROOT, runtime: process.env.LAMBDA_RUNTIME_DIR,
                           task: fs.readdirSync('/var/task'), tmp: fs.readFileSync('/tmp/scratch.txt', 'utf8'), taskWritable,
                           nodePath: process.env.NODE_PATH, top: fs.readdirSync('/').sort() };
                };
                """), hidden());
        assertThat(r.path("seen").toString()).doesNotContain("listed");
        for (JsonNode seen : r.path("seen")) {
            assertThat(seen.asText()).endsWith(": ENOENT");
        }
        assertThat(r.path("cwd").asText()).isEqualTo("/var/task");
        assertThat(r.path("root").asText()).isEqualTo("/var/task");
        assertThat(r.path("runtime").asText()).isEqualTo("/var/runtime");
        assertThat(JSON.convertValue(r.path("task"), List.class)).containsExactly("index.js");
        assertThat(r.path("tmp").asText()).isEqualTo("written");
        assertThat(r.path("taskWritable").asBoolean()).as("/var/task is read-only").isFalse();
        assertThat(r.path("nodePath").asText()).isEqualTo("/var/runtime/node_modules:/var/runtime:/var/task");
        // /root may hold the interpreters' own installations (pyenv's python, a JDK), shown read-only at their paths
        assertThat(JSON.convertValue(r.path("top"), List.class)).doesNotContain("home", "work", "srv", "opt", "mnt");
    }

    @Test
    void anErrorStackNamesVarTask() throws Exception {
        LambdaFixtures.requireNode();
        InvokeResponse esm = invoke("esm-error", "nodejs20.x", Map.of("index.mjs", """
                export const handler = async () => { throw new Error('broken'); };
                """), "{}");
        assertThat(esm.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(esm.payload().asUtf8String());
        assertThat(error.path("trace").toString()).contains("file:///var/task/index.mjs");

        InvokeResponse cjs = invoke("cjs-error", "nodejs22.x", Map.of("index.js", """
                exports.handler = async () => { throw new Error('broken'); };
                """), "{}");
        assertThat(JSON.readTree(cjs.payload().asUtf8String()).path("trace").toString()).contains("(/var/task/index.js:");
    }

    @Test
    void aPythonFunctionSeesLambdasLayoutAndNothingOfSlipways() throws Exception {
        LambdaFixtures.requirePython();
        JsonNode r = run("py-layout", "python3.12", Map.of("index.py", """
                import os
                def handler(event, context):
                    seen = []
                    for p in event['paths']:
                        try:
                            os.listdir(p)
                            seen.append(p + ': listed')
                        except FileNotFoundError:
                            seen.append(p + ': ENOENT')
                    with open('/tmp/scratch.txt', 'w') as f:
                        f.write('written')
                    return {'seen': seen, 'file': __file__, 'root': os.environ['LAMBDA_TASK_ROOT'],
                            'pythonPath': os.environ['PYTHONPATH'], 'tmp': open('/tmp/scratch.txt').read()}
                """), hidden());
        for (JsonNode seen : r.path("seen")) {
            assertThat(seen.asText()).endsWith(": ENOENT");
        }
        assertThat(r.path("file").asText()).isEqualTo("/var/task/index.py");
        assertThat(r.path("root").asText()).isEqualTo("/var/task");
        assertThat(r.path("pythonPath").asText()).isEqualTo("/var/runtime");
        assertThat(r.path("tmp").asText()).isEqualTo("written");
    }

    @Test
    void eachExecutionEnvironmentHasItsOwnTmp() throws Exception {
        LambdaFixtures.requireNode();
        Map<String, String> writer = Map.of("index.js", """
                const fs = require('fs');
                exports.handler = async () => {
                  const before = fs.readdirSync('/tmp');
                  fs.writeFileSync('/tmp/' + process.env.AWS_LAMBDA_FUNCTION_NAME, 'mine');
                  return before;
                };
                """);
        assertThat(run("tmp-a", "nodejs20.x", writer, "{}").size()).isZero();
        assertThat(run("tmp-b", "nodejs20.x", writer, "{}").size()).as("tmp-a's file is not in tmp-b's /tmp").isZero();
        assertThat(JSON.readValue(slipway.lambda(ACCOUNT, "us-east-1").invoke(r -> r.functionName("tmp-a"))
                .payload().asUtf8String(), List.class)).as("a warm environment keeps its /tmp").containsExactly("tmp-a");
    }
}
