package io.slipway.lambda.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.slipway.lambda.runtime.Runtimes.code;
import static io.slipway.lambda.runtime.Runtimes.json;
import static io.slipway.lambda.runtime.Runtimes.member;
import static io.slipway.lambda.runtime.Runtimes.text;
import static io.slipway.lambda.runtime.Runtimes.write;
import static org.assertj.core.api.Assertions.assertThat;

class ProvidedRuntimeTest {

    /** A custom runtime in sh, talking to the Runtime API with curl, as the Lambda tutorial's does. */
    private static final String BOOTSTRAP = """
            #!/bin/sh
            set -eu
            API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
            echo "init: handler $_HANDLER in $(pwd)"
            count=0
            while true; do
              HEADERS="$(mktemp)"
              EVENT=$(curl -sS -D "$HEADERS" "$API/invocation/next")
              REQUEST_ID=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
              DEADLINE=$(grep -i '^Lambda-Runtime-Deadline-Ms:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
              rm -f "$HEADERS"
              count=$((count + 1))
              echo "handling $REQUEST_ID"
              case "$EVENT" in
                *fail*) curl -sS -o /dev/null -X POST "$API/invocation/$REQUEST_ID/error" \\
                          -d '{"errorMessage":"asked to fail","errorType":"ShellError"}' ;;
                *) curl -sS -o /dev/null -X POST "$API/invocation/$REQUEST_ID/response" \\
                     -d "{\\"event\\":$EVENT,\\"count\\":$count,\\"handler\\":\\"$_HANDLER\\",\\"deadline\\":$DEADLINE}" ;;
              esac
            done
            """;

    @TempDir
    Path tmp;
    Path code;
    LocalRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        code = Files.createDirectories(tmp.resolve("code"));
        runtime = Runtimes.runtime(tmp, 8, 2);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private void bootstrap(String text) throws Exception {
        write(code, "bootstrap", text);
        assertThat(code.resolve("bootstrap").toFile().setExecutable(true)).isTrue();
    }

    @Test
    void runsTheFunctionsOwnBootstrapAndReusesIt() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "this bootstrap needs curl");
        bootstrap(BOOTSTRAP);
        FunctionCode fn = code("custom", "provided.al2023", "function.handler", code, 5);

        InvocationOutcome first = runtime.invoke(fn, json("{\"a\":1}"), "req-1");
        InvocationOutcome second = runtime.invoke(fn, json("{\"a\":2}"), "req-2");
        InvocationOutcome failed = runtime.invoke(fn, json("{\"fail\":true}"), "req-3");

        assertThat(first.functionError()).isEmpty();
        assertThat(text(first)).startsWith("{\"event\":{\"a\":1},\"count\":1,\"handler\":\"function.handler\",\"deadline\":");
        assertThat(text(second)).startsWith("{\"event\":{\"a\":2},\"count\":2,");
        assertThat(Long.parseLong(member(first, "deadline"))).isGreaterThan(System.currentTimeMillis());
        assertThat(first.logTail()).contains("init: handler function.handler in " + code.toRealPath(), "handling req-1");
        assertThat(failed.functionError()).contains("Unhandled");
        assertThat(text(failed)).isEqualTo("{\"errorMessage\":\"asked to fail\",\"errorType\":\"ShellError\"}");
        assertThat(runtime.environments("custom")).isEqualTo(1);
    }

    @Test
    void missingBootstrapIsAnInvalidEntrypoint() throws Exception {
        InvocationOutcome outcome = runtime.invoke(code("custom", "provided.al2", "x", code, 3), json("{}"), "req-1");

        assertThat(outcome.functionError()).contains("Unhandled");
        assertThat(member(outcome, "errorType")).isEqualTo("Runtime.InvalidEntrypoint");
        assertThat(member(outcome, "errorMessage")).startsWith("Couldn't find valid bootstrap(s): [");
        assertThat(outcome.logTail()).contains("END RequestId: req-1", "REPORT RequestId: req-1");
    }

    @Test
    void initErrorPostedByTheBootstrap() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "this bootstrap needs curl");
        bootstrap("""
                #!/bin/sh
                echo "cannot read config"
                curl -sS -o /dev/null -X POST "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/init/error" \\
                  -H 'Lambda-Runtime-Function-Error-Type: Custom.ConfigError' -d '{"errorMessage":"no config","errorType":"Custom.ConfigError"}'
                sleep 30
                """);

        InvocationOutcome outcome = runtime.invoke(code("custom", "provided", "x", code, 3), json("{}"), "req-1");

        assertThat(outcome.functionError()).contains("Unhandled");
        assertThat(text(outcome)).isEqualTo("{\"errorMessage\":\"no config\",\"errorType\":\"Custom.ConfigError\"}");
        assertThat(outcome.logTail()).contains("cannot read config");
        assertThat(runtime.environments("custom")).isZero();
    }

    @Test
    void bootstrapThatExitsBeforeAskingForWorkIsAnExitError() throws Exception {
        bootstrap("#!/bin/sh\necho 'giving up' >&2\nexit 2\n");

        InvocationOutcome outcome = runtime.invoke(code("custom", "provided", "x", code, 3), json("{}"), "req-1");

        assertThat(member(outcome, "errorType")).isEqualTo("Runtime.ExitError");
        assertThat(member(outcome, "errorMessage")).isEqualTo("RequestId: req-1 Error: Runtime exited with error: exit status 2");
        assertThat(outcome.logTail()).contains("giving up");
    }
}
