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

class NodeRuntimeTest extends LocalRuntimeFixture {

    NodeRuntimeTest() {
        super("fn", "nodejs20.x", 3);
    }

    @Test
    void esmHandlerGetsEventAndContext() throws Exception {
        write(code, "index.mjs", """
                export const handler = async (event, context) => ({
                  name: event.name, requestId: context.awsRequestId, functionName: context.functionName,
                  version: context.functionVersion, arn: context.invokedFunctionArn, memory: context.memoryLimitInMB,
                  remaining: context.getRemainingTimeInMillis(), group: context.logGroupName,
                });
                """);
        InvocationOutcome outcome = invoke("index.handler", "{\"name\":\"slipway\"}");

        assertThat(outcome.functionError()).isEmpty();
        assertThat(member(outcome, "name")).isEqualTo("slipway");
        assertThat(member(outcome, "requestId")).isEqualTo("req-1");
        assertThat(member(outcome, "functionName")).isEqualTo("fn");
        assertThat(member(outcome, "version")).isEqualTo("$LATEST");
        assertThat(member(outcome, "arn")).isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:fn");
        assertThat(member(outcome, "memory")).isEqualTo("128");
        assertThat(Long.parseLong(member(outcome, "remaining"))).isBetween(1L, 3000L);
        assertThat(member(outcome, "group")).isEqualTo("/aws/lambda/fn");
    }

    @Test
    void commonJsHandlersInJsAndCjsFiles() throws Exception {
        write(code, "app.js", "exports.handler = async (event) => ({ kind: 'js', value: event.value * 2 });");
        write(code, "lib/other.cjs", "module.exports.run = async () => 'from cjs';");

        InvocationOutcome js = invoke("app.handler", "{\"value\":21}");
        InvocationOutcome cjs = runtime.invoke(code("other", "nodejs20.x", "lib/other.run", code, 3), json("{}"), "req-2");

        assertThat(text(js)).isEqualTo("{\"kind\":\"js\",\"value\":42}");
        assertThat(text(cjs)).isEqualTo("\"from cjs\"");
    }

    @Test
    void esmJsFileOfATypeModulePackage() throws Exception {
        write(code, "package.json", "{\"type\":\"module\"}");
        write(code, "src/main.js", "export async function handle(event) { return { esm: true, n: event.n }; }");

        assertThat(text(invoke("src/main.handle", "{\"n\":1}"))).isEqualTo("{\"esm\":true,\"n\":1}");
    }

    @Test
    void callbackStyleHandlers() throws Exception {
        write(code, "cb.js", """
                exports.ok = (event, context, callback) => { setTimeout(() => callback(null, { ok: event.x }), 5); };
                exports.fail = (event, context, callback) => callback(new TypeError('bad input'));
                exports.nothing = (event, context, callback) => { };
                """);

        InvocationOutcome ok = invoke("cb.ok", "{\"x\":7}");
        InvocationOutcome failed = invoke("cb.fail", "{}");
        InvocationOutcome nothing = invoke("cb.nothing", "{}");

        assertThat(text(ok)).isEqualTo("{\"ok\":7}");
        assertThat(failed.functionError()).contains("Unhandled");
        assertThat(member(failed, "errorType")).isEqualTo("TypeError");
        assertThat(member(failed, "errorMessage")).isEqualTo("bad input");
        assertThat(nothing.functionError()).isEmpty();
        assertThat(text(nothing)).isEqualTo("null"); // Lambda answers null once the event loop is empty
    }

    @Test
    void thrownErrorIsUnhandledWithTypeMessageAndTrace() throws Exception {
        write(code, "index.mjs", """
                class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; } }
                export const handler = async () => { console.log('about to fail'); throw new ValidationError('order 7 is invalid'); };
                """);

        InvocationOutcome outcome = invoke("index.handler", "{}");

        assertThat(outcome.functionError()).contains("Unhandled");
        assertThat(member(outcome, "errorType")).isEqualTo("ValidationError");
        assertThat(member(outcome, "errorMessage")).isEqualTo("order 7 is invalid");
        assertThat(text(outcome)).contains("\"trace\":[\"ValidationError: order 7 is invalid\"", "index.mjs");
        assertThat(outcome.logTail()).contains("about to fail", "Invoke Error");
    }

    @Test
    void environmentIsLambdasAndPointsTheSdkAtSlipway() throws Exception {
        write(code, "env.js", """
                const keys = ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE',
                  'AWS_ENDPOINT_URL_S3', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION',
                  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', '_HANDLER', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'AWS_EXECUTION_ENV', 'TZ',
                  'AWS_LAMBDA_RUNTIME_API', 'MY_SETTING', 'NODE_OPTIONS', '_X_AMZN_TRACE_ID'];
                exports.handler = async () => Object.fromEntries(keys.map((k) => [k, process.env[k] ?? 'unset']).concat([['cwd', process.cwd()]]));
                """);

        InvocationOutcome outcome = runtime.invoke(code("fn", "nodejs20.x", "env.handler", code,
                Map.of("MY_SETTING", "42"), 3), json("{}"), "req-env");

        assertThat(member(outcome, "AWS_ENDPOINT_URL")).isEqualTo(Runtimes.ENDPOINT);
        assertThat(member(outcome, "AWS_ACCESS_KEY_ID")).isEqualTo(Runtimes.ACCOUNT); // the function's account, from its ARN
        assertThat(member(outcome, "AWS_SECRET_ACCESS_KEY")).isEqualTo("slipway");
        assertThat(member(outcome, "AWS_SESSION_TOKEN")).isEqualTo("slipway-session-" + Runtimes.ACCOUNT);
        assertThat(member(outcome, "AWS_PROFILE")).isEqualTo("unset");
        assertThat(member(outcome, "AWS_ENDPOINT_URL_S3")).isEqualTo("unset");
        assertThat(member(outcome, "NODE_OPTIONS")).isEqualTo("unset");
        assertThat(member(outcome, "AWS_REGION")).isEqualTo(Runtimes.REGION);
        assertThat(member(outcome, "AWS_DEFAULT_REGION")).isEqualTo(Runtimes.REGION);
        assertThat(member(outcome, "AWS_LAMBDA_FUNCTION_NAME")).isEqualTo("fn");
        assertThat(member(outcome, "AWS_LAMBDA_FUNCTION_VERSION")).isEqualTo("$LATEST");
        assertThat(member(outcome, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE")).isEqualTo("128");
        assertThat(member(outcome, "_HANDLER")).isEqualTo("env.handler");
        assertThat(member(outcome, "LAMBDA_TASK_ROOT")).isEqualTo(code.toAbsolutePath().toString());
        assertThat(member(outcome, "cwd")).isEqualTo(code.toRealPath().toString());
        assertThat(member(outcome, "LAMBDA_RUNTIME_DIR")).isNotEqualTo("unset");
        assertThat(member(outcome, "AWS_EXECUTION_ENV")).isEqualTo("AWS_Lambda_nodejs20.x");
        assertThat(member(outcome, "TZ")).isEqualTo(":UTC");
        assertThat(member(outcome, "AWS_LAMBDA_RUNTIME_API")).startsWith("127.0.0.1:");
        assertThat(member(outcome, "MY_SETTING")).isEqualTo("42");
        assertThat(member(outcome, "_X_AMZN_TRACE_ID")).startsWith("Root=1-");
    }

    @Test
    void warmEnvironmentKeepsModuleStateAndAnswersFaster() throws Exception {
        write(code, "count.js", "let n = 0; exports.handler = async () => ({ n: ++n, pid: process.pid });");
        FunctionCode fn = code("counter", "nodejs20.x", "count.handler", code, 3);

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
        assertThat(first.logTail()).contains("Init Duration:");
        assertThat(second.logTail()).doesNotContain("Init Duration:");
        System.out.printf("node: cold invoke %.1f ms, warm invoke %.1f ms%n", cold / 1e6, warm / 1e6);
    }

    @Test
    void timeoutKillsTheProcessAndDiscardsTheEnvironment() throws Exception {
        write(code, "slow.js", """
                let n = 0;
                exports.handler = async (event) => {
                  n++;
                  if (event.hang) { console.log('hanging'); await new Promise(() => setInterval(() => {}, 1000)); }
                  return { n, pid: process.pid };
                };
                """);
        FunctionCode fn = code("slow", "nodejs20.x", "slow.handler", code, 1);
        long pid = Long.parseLong(member(runtime.invoke(fn, json("{}"), "req-0"), "pid"));

        InvocationOutcome outcome = runtime.invoke(fn, json("{\"hang\":true}"), "req-timeout");

        assertThat(outcome.functionError()).contains("Unhandled");
        assertThat(text(outcome)).matches(
                "\\{\"errorMessage\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z req-timeout Task timed out after 1\\.00 seconds\"}");
        assertThat(outcome.duration().toMillis()).isGreaterThanOrEqualTo(1000);
        assertThat(outcome.logTail()).contains("hanging", "Task timed out after 1.00 seconds", "END RequestId: req-timeout");
        assertThat(Runtimes.alive(pid)).isFalse();
        InvocationOutcome after = runtime.invoke(fn, json("{}"), "req-after");
        assertThat(member(after, "n")).isEqualTo("1"); // a new environment
    }

    @Test
    void processExitDuringInvocationIsAnExitError() throws Exception {
        write(code, "exit.js", "exports.handler = async () => { process.exit(3); };");

        InvocationOutcome outcome = invoke("exit.handler", "{}");

        assertThat(outcome.functionError()).contains("Unhandled");
        assertThat(member(outcome, "errorType")).isEqualTo("Runtime.ExitError");
        assertThat(member(outcome, "errorMessage")).isEqualTo("RequestId: req-1 Error: Runtime exited with error: exit status 3");
        assertThat(runtime.environments("fn")).isZero();
    }

    @Test
    void initErrorsAreReportedAndTheEnvironmentDiscarded() throws Exception {
        write(code, "boom.js", "console.log('loading'); throw new RangeError('no config');");
        write(code, "syntax.js", "exports.handler = async () => {");
        write(code, "ok.js", "exports.other = 1;");

        InvocationOutcome thrown = invoke("boom.handler", "{}");
        InvocationOutcome syntax = invoke("syntax.handler", "{}");
        InvocationOutcome missingModule = invoke("absent.handler", "{}");
        InvocationOutcome missingHandler = invoke("ok.handler", "{}");
        InvocationOutcome malformed = invoke("nohandler", "{}");

        assertThat(thrown.functionError()).contains("Unhandled");
        assertThat(member(thrown, "errorType")).isEqualTo("RangeError");
        assertThat(member(thrown, "errorMessage")).isEqualTo("no config");
        assertThat(thrown.logTail()).contains("loading", "END RequestId: req-1", "REPORT RequestId: req-1");
        assertThat(member(syntax, "errorType")).isEqualTo("Runtime.UserCodeSyntaxError");
        assertThat(member(missingModule, "errorType")).isEqualTo("Runtime.ImportModuleError");
        assertThat(member(missingModule, "errorMessage")).contains("Cannot find module 'absent'");
        assertThat(member(missingHandler, "errorType")).isEqualTo("Runtime.HandlerNotFound");
        assertThat(member(missingHandler, "errorMessage")).isEqualTo("ok.handler is undefined or not exported");
        assertThat(member(malformed, "errorType")).isEqualTo("Runtime.MalformedHandlerName");
        assertThat(runtime.environments("fn")).isZero();
    }

    @Test
    void logTailHasConsoleOutputAndLambdasLines() throws Exception {
        write(code, "log.js", """
                console.log('init line');
                exports.handler = async (event) => { console.log('hello', event.who); console.error('to stderr'); return 1; };
                """);

        InvocationOutcome outcome = invoke("log.handler", "{\"who\":\"world\"}");

        String[] lines = outcome.logTail().split("\n");
        assertThat(lines[0]).isEqualTo("START RequestId: req-1 Version: $LATEST");
        assertThat(outcome.logTail()).contains("init line").containsPattern("\treq-1\tINFO\thello world\n")
                .containsPattern("\treq-1\tERROR\tto stderr\n");
        assertThat(lines[lines.length - 2]).isEqualTo("END RequestId: req-1");
        assertThat(lines[lines.length - 1]).startsWith("REPORT RequestId: req-1\tDuration: ")
                .contains("Billed Duration: ", "Memory Size: 128 MB", "Init Duration: ");
    }

    @Test
    void logTailIsTheLastFourKilobytes() throws Exception {
        write(code, "chatty.js", "exports.handler = async () => { for (let i = 0; i < 2000; i++) console.log('line ' + i); return 'done'; };");

        InvocationOutcome outcome = invoke("chatty.handler", "{}");

        assertThat(outcome.logTail().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(4096);
        assertThat(outcome.logTail()).contains("line 1999").doesNotContain("START RequestId").contains("END RequestId: req-1");
    }
}
