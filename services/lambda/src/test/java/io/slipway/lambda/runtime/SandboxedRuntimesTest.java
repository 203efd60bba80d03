package io.slipway.lambda.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

import static io.slipway.lambda.runtime.Runtimes.json;
import static io.slipway.lambda.runtime.Runtimes.member;
import static io.slipway.lambda.runtime.Runtimes.text;
import static io.slipway.lambda.runtime.Runtimes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The runtimes the integration tests do not run sandboxed (java, provided) in the bubblewrap
 * sandbox: the code at /var/task, the bootstrap where Lambda has it, the host's work directory out
 * of sight. Skipped where bubblewrap does not work, except under CI=true.
 */
class SandboxedRuntimesTest {
    @TempDir
    Path tmp;
    private LocalRuntime runtime;
    private Path code;

    @BeforeEach
    void start() throws Exception {
        runtime = new LocalRuntime(new RuntimeSettings(() -> Runtimes.ENDPOINT, "us-east-1", "999999999999", 4, 1,
                tmp.resolve("work")).withSandbox(true), InstantSource.system(), System.getenv());
        code = Files.createDirectories(tmp.resolve("code"));
        runtime.probeSandbox();
        String status = runtime.sandbox();
        for (int i = 0; i < 500 && status.startsWith("checking:"); i++) {
            Thread.sleep(10);
            status = runtime.sandbox();
        }
        if (!status.startsWith("bubblewrap ")) {
            if ("true".equals(System.getenv("CI"))) {
                fail("functions must run sandboxed in CI: " + status);
            }
            Assumptions.abort(status);
        }
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void aProvidedBootstrapRunsFromVarTask() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "this bootstrap needs curl");
        Path bootstrap = write(code, "bootstrap", """
                #!/bin/sh
                API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
                while true; do
                  HEADERS="$(mktemp)"
                  curl -sS -D "$HEADERS" "$API/invocation/next" >/dev/null
                  ID=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
                  if [ -e "$HIDDEN" ]; then SEEN=yes; else SEEN=no; fi
                  curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" \\
                    -d "{\\"self\\":\\"$0\\",\\"cwd\\":\\"$(pwd)\\",\\"root\\":\\"$LAMBDA_TASK_ROOT\\",\\"seen\\":\\"$SEEN\\",\\"tmp\\":\\"$HEADERS\\"}"
                done
                """);
        bootstrap.toFile().setExecutable(true);
        FunctionCode fn = Runtimes.code("custom", "provided.al2023", "h", code,
                Map.of("HIDDEN", tmp.resolve("work").toString()), 10);

        InvocationOutcome outcome = runtime.invoke(fn, json("{}"), "req-1");

        assertThat(outcome.functionError()).as(text(outcome) + outcome.logTail()).isEmpty();
        assertThat(member(outcome, "self")).isEqualTo("/var/task/bootstrap");
        assertThat(member(outcome, "cwd")).isEqualTo("/var/task");
        assertThat(member(outcome, "root")).isEqualTo("/var/task");
        assertThat(member(outcome, "seen")).as("Slipway's work directory").isEqualTo("no");
        assertThat(member(outcome, "tmp")).startsWith("/tmp/");
    }

    @Test
    void aJavaHandlerRunsFromVarTask() throws Exception {
        Path source = write(tmp.resolve("src"), "example/Where.java", """
                package example;
                public class Where {
                    public static String where(String hidden) throws Exception {
                        return System.getenv("LAMBDA_TASK_ROOT") + "|" + new java.io.File(".").getCanonicalPath() + "|"
                                + java.nio.file.Files.exists(java.nio.file.Path.of(hidden)) + "|"
                                + Where.class.getProtectionDomain().getCodeSource().getLocation().getPath();
                    }
                }
                """);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", code.toString(), "--release", "21",
                source.toString())).isZero();
        FunctionCode fn = Runtimes.code("java-where", "java21", "example.Where::where", code, 20);

        InvocationOutcome outcome = runtime.invoke(fn, json("\"" + tmp.resolve("work") + "\""), "req-1");

        assertThat(outcome.functionError()).as(text(outcome) + outcome.logTail()).isEmpty();
        assertThat(text(outcome)).isEqualTo("\"/var/task|/var/task|false|/var/task/\"");
    }
}
