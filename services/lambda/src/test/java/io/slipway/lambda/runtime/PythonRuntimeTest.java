package io.slipway.lambda.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.slipway.lambda.runtime.Runtimes.code;
import static io.slipway.lambda.runtime.Runtimes.json;
import static io.slipway.lambda.runtime.Runtimes.member;
import static io.slipway.lambda.runtime.Runtimes.text;
import static io.slipway.lambda.runtime.Runtimes.write;
import static org.assertj.core.api.Assertions.assertThat;

class PythonRuntimeTest extends LocalRuntimeFixture {

    PythonRuntimeTest() {
        super("py", "python3.12", 3);
    }

    @Test
    void handlerGetsEventAndContext() throws Exception {
        write(code, "lambda_function.py", """
                def lambda_handler(event, context):
                    return {"name": event["name"], "requestId": context.aws_request_id,
                            "functionName": context.function_name, "version": context.function_version,
                            "arn": context.invoked_function_arn, "memory": context.memory_limit_in_mb,
                            "remaining": context.get_remaining_time_in_millis(), "stream": context.log_stream_name}
                """);

        InvocationOutcome outcome = invoke("lambda_function.lambda_handler", "{\"name\":\"slipway\"}");

        assertThat(outcome.functionError()).isEmpty();
        assertThat(member(outcome, "name")).isEqualTo("slipway");
        assertThat(member(outcome, "requestId")).isEqualTo("req-1");
        assertThat(member(outcome, "functionName")).isEqualTo("py");
        assertThat(member(outcome, "version")).isEqualTo("$LATEST");
        assertThat(member(outcome, "arn")).isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:py");
        assertThat(member(outcome, "memory")).isEqualTo("128");
        assertThat(Long.parseLong(member(outcome, "remaining"))).isBetween(1L, 3000L);
        assertThat(member(outcome, "stream")).matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{32}");
    }

    @Test
    void handlerInAPackageDirectory() throws Exception {
        write(code, "app/__init__.py", "");
        write(code, "app/handlers.py", "def run(event, context):\n    return [event, None, 1.5]\n");

        assertThat(text(invoke("app/handlers.run", "{\"a\":true}"))).isEqualTo("[{\"a\": true}, null, 1.5]");
    }

    @Test
    void exceptionIsUnhandledWithClassNameMessageAndStack() throws Exception {
        write(code, "fail.py", """
                def handler(event, context):
                    print("checking", event["id"])
                    raise ValueError("id %d is not allowed" % event["id"])
                """);

        InvocationOutcome outcome = invoke("fail.handler", "{\"id\":7}");

        assertThat(outcome.functionError()).contains("Unhandled");
        assertThat(member(outcome, "errorType")).isEqualTo("ValueError");
        assertThat(member(outcome, "errorMessage")).isEqualTo("id 7 is not allowed");
        assertThat(member(outcome, "requestId")).isEqualTo("req-1");
        assertThat(text(outcome)).contains("\"stackTrace\": [\"  File \\\"" + code.resolve("fail.py"))
                .doesNotContain("bootstrap.py");
        assertThat(outcome.logTail()).contains("checking 7", "[ERROR] ValueError: id 7 is not allowed");
    }

    @Test
    void warmEnvironmentKeepsModuleStateAndAnswersFaster() throws Exception {
        write(code, "count.py", """
                import os
                n = 0
                def handler(event, context):
                    global n
                    n += 1
                    return {"n": n, "pid": os.getpid()}
                """);
        FunctionCode fn = code("counter", "python3.12", "count.handler", code, 3);

        long t0 = System.nanoTime();
        InvocationOutcome first = runtime.invoke(fn, json("{}"), "req-1");
        long cold = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        InvocationOutcome second = runtime.invoke(fn, json("{}"), "req-2");
        long warm = System.nanoTime() - t1;

        assertThat(member(first, "n")).isEqualTo("1");
        assertThat(member(second, "n")).isEqualTo("2");
        assertThat(member(second, "pid")).isEqualTo(member(first, "pid"));
        assertThat(warm).isLessThan(cold);
        System.out.printf("python: cold invoke %.1f ms, warm invoke %.1f ms%n", cold / 1e6, warm / 1e6);
    }

    @Test
    void environmentVariablesAreVisible() throws Exception {
        write(code, "env.py", """
                import os
                def handler(event, context):
                    keys = ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                            "AWS_REGION", "AWS_EXECUTION_ENV", "TZ", "MY_SETTING", "_HANDLER"]
                    return {k: os.environ.get(k, "unset") for k in keys}
                """);

        InvocationOutcome outcome = runtime.invoke(code("py", "python3.12", "env.handler", code,
                Map.of("MY_SETTING", "on"), 3), json("{}"), "req-env");

        assertThat(member(outcome, "AWS_ENDPOINT_URL")).isEqualTo(Runtimes.ENDPOINT);
        assertThat(member(outcome, "AWS_ACCESS_KEY_ID")).isEqualTo(Runtimes.ACCOUNT);
        assertThat(member(outcome, "AWS_SECRET_ACCESS_KEY")).isEqualTo("slipway");
        assertThat(member(outcome, "AWS_SESSION_TOKEN")).isEqualTo("slipway-session-" + Runtimes.ACCOUNT);
        assertThat(member(outcome, "AWS_REGION")).isEqualTo(Runtimes.REGION);
        assertThat(member(outcome, "AWS_EXECUTION_ENV")).isEqualTo("AWS_Lambda_python3.12");
        assertThat(member(outcome, "TZ")).isEqualTo(":UTC");
        assertThat(member(outcome, "MY_SETTING")).isEqualTo("on");
        assertThat(member(outcome, "_HANDLER")).isEqualTo("env.handler");
    }

    @Test
    void timeoutKillsTheProcess() throws Exception {
        write(code, "slow.py", """
                import os, time
                def handler(event, context):
                    if event.get("hang"):
                        time.sleep(60)
                    return {"pid": os.getpid()}
                """);
        FunctionCode fn = code("slow", "python3.12", "slow.handler", code, 1);
        long pid = Long.parseLong(member(runtime.invoke(fn, json("{}"), "req-0"), "pid"));

        InvocationOutcome outcome = runtime.invoke(fn, json("{\"hang\":true}"), "req-timeout");

        assertThat(outcome.functionError()).contains("Unhandled");
        assertThat(member(outcome, "errorMessage")).endsWith(" req-timeout Task timed out after 1.00 seconds");
        assertThat(Runtimes.alive(pid)).isFalse();
    }

    @Test
    void initErrors() throws Exception {
        write(code, "broken.py", "def handler(event, context):\n  return (\n");
        write(code, "raises.py", "raise RuntimeError('no settings')\n");
        write(code, "fine.py", "x = 1\n");

        InvocationOutcome missing = invoke("absent.handler", "{}");
        InvocationOutcome syntax = invoke("broken.handler", "{}");
        InvocationOutcome raises = invoke("raises.handler", "{}");
        InvocationOutcome noHandler = invoke("fine.handler", "{}");

        assertThat(missing.functionError()).contains("Unhandled");
        assertThat(member(missing, "errorType")).isEqualTo("Runtime.ImportModuleError");
        assertThat(member(missing, "errorMessage")).isEqualTo("Unable to import module 'absent': No module named 'absent'");
        assertThat(member(syntax, "errorType")).isEqualTo("Runtime.UserCodeSyntaxError");
        assertThat(member(raises, "errorType")).isEqualTo("RuntimeError");
        assertThat(member(raises, "errorMessage")).isEqualTo("no settings");
        assertThat(member(noHandler, "errorType")).isEqualTo("Runtime.HandlerNotFound");
        assertThat(member(noHandler, "errorMessage")).isEqualTo("Handler 'handler' missing on module 'fine'");
        assertThat(runtime.environments("py")).isZero();
    }

    @Test
    void logTailHasPrintsAndLoggingLines() throws Exception {
        write(code, "log.py", """
                import logging
                logger = logging.getLogger()
                logger.setLevel(logging.INFO)
                def handler(event, context):
                    print("hello from python")
                    logger.info("structured %s", "line")
                    return None
                """);

        InvocationOutcome outcome = invoke("log.handler", "{}");

        assertThat(text(outcome)).isEqualTo("null");
        assertThat(outcome.logTail()).startsWith("START RequestId: req-1 Version: $LATEST\n")
                .contains("hello from python\n").containsPattern("\\[INFO]\t\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\treq-1\tstructured line")
                .contains("END RequestId: req-1\nREPORT RequestId: req-1\tDuration: ");
    }
}
