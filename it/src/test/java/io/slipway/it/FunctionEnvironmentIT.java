package io.slipway.it;

import io.slipway.engine.clock.RealClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A function's environment is exactly Lambda's: the documented variables, its own, AWS_ENDPOINT_URL
 * back to Slipway and credentials for its account. Slipway's own environment (here one with a
 * database password and an account map, as an operator's would have) never reaches it.
 */
class FunctionEnvironmentIT {
    private static final String ACCOUNT = "111111111111";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer(c -> c, new RealClock(), operatorsEnvironment());
    static final Set<String> LAMBDA = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
            "TZ", "PATH", "LANG", "LD_LIBRARY_PATH", "AWS_ENDPOINT_URL", "MY_SETTING");

    private static Map<String, String> operatorsEnvironment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SLIPWAY_DATABASE_PASSWORD", "hunter2");
        env.put("SLIPWAY_ACCOUNTS", "AKIATEAM=444455556666");
        env.put("AWS_PROFILE", "operator");
        env.put("HOME", "/home/operator");
        return env;
    }

    /** Creates {@code name} with {@code source} as its handler file, invokes it and answers its payload. */
    private static String run(String name, Runtime runtime, String file, String source) {
        LambdaClient lambda = slipway.lambda(ACCOUNT, "us-east-1");
        lambda.createFunction(r -> r.functionName(name).runtime(runtime).handler("index.handler")
                .role("arn:aws:iam::" + ACCOUNT + ":role/lambda").environment(e -> e.variables(Map.of("MY_SETTING", "on")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(Map.of(file, source))))));
        slipway.awaitIdle();
        return lambda.invoke(r -> r.functionName(name)).payload().asUtf8String();
    }

    private static Set<String> names(String jsonArray) {
        Set<String> out = new TreeSet<>();
        for (String quoted : jsonArray.replaceAll("[\\[\\]\\s]", "").split(",")) {
            out.add(quoted.replace("\"", ""));
        }
        return out;
    }

    @Test
    void aPythonFunctionSeesExactlyLambdasVariables() throws Exception {
        LambdaFixtures.requirePython();
        String payload = run("py-env", Runtime.PYTHON3_12, "index.py", """
                import os
                def handler(event, context):
                    return sorted(os.environ)
                """);
        Set<String> expected = new TreeSet<>(LAMBDA);
        expected.add("PYTHONPATH");
        assertThat(names(payload)).isEqualTo(expected);
    }

    @Test
    void aNodeFunctionSeesExactlyLambdasVariables() throws Exception {
        LambdaFixtures.requireNode();
        String payload = run("node-env", Runtime.NODEJS20_X, "index.js", """
                exports.handler = async () => Object.keys(process.env).sort();
                """);
        Set<String> expected = new TreeSet<>(LAMBDA);
        expected.add("NODE_PATH");
        assertThat(names(payload)).isEqualTo(expected);
        assertThat(payload).doesNotContain("SLIPWAY");
        assertThat(List.of(payload.split(","))).noneMatch(n -> n.contains("HOME"));
    }
}
