package io.slipway.lambda.runtime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static io.slipway.lambda.runtime.Runtimes.code;
import static io.slipway.lambda.runtime.Runtimes.json;
import static io.slipway.lambda.runtime.Runtimes.member;
import static io.slipway.lambda.runtime.Runtimes.text;
import static io.slipway.lambda.runtime.Runtimes.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java handlers, compiled here into a code directory shaped like a Lambda package: classes at the
 * root, dependencies in lib/*.jar. A two-method stand-in for the SDK's Context interface plays the
 * aws-lambda-java-core jar a real function would carry.
 */
class JavaRuntimeTest extends LocalRuntimeFixture {

    JavaRuntimeTest() {
        super("java-fn", "java21", 20);
    }

    @BeforeEach
    void compileFunction() throws Exception {
        Path src = tmp.resolve("src");
        Path lib = Files.createDirectories(code.resolve("lib"));
        Path libClasses = Files.createDirectories(tmp.resolve("lib-classes"));
        compile(libClasses, List.of(), write(src, "example/lib/Greeting.java", """
                package example.lib;
                public final class Greeting { public static String greet(String who) { return "hello " + who; } }
                """));
        jar(libClasses, lib.resolve("greeting.jar"));
        compile(code, List.of(lib.resolve("greeting.jar")),
                write(src, "com/amazonaws/services/lambda/runtime/Context.java", """
                        package com.amazonaws.services.lambda.runtime;
                        public interface Context {
                            String getAwsRequestId(); String getFunctionName(); String getInvokedFunctionArn();
                            int getMemoryLimitInMB(); int getRemainingTimeInMillis(); LambdaLogger getLogger();
                        }
                        """),
                write(src, "com/amazonaws/services/lambda/runtime/LambdaLogger.java", """
                        package com.amazonaws.services.lambda.runtime;
                        public interface LambdaLogger { void log(String message); }
                        """),
                write(src, "example/Hello.java", """
                        package example;
                        import com.amazonaws.services.lambda.runtime.Context;
                        import java.io.*;
                        import java.util.*;
                        public class Hello {
                            private int count;
                            public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                                count++;
                                context.getLogger().log("greeting " + event.get("name"));
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("greeting", example.lib.Greeting.greet(String.valueOf(event.get("name"))));
                                m.put("count", count);
                                m.put("requestId", context.getAwsRequestId());
                                m.put("function", context.getFunctionName());
                                m.put("arn", context.getInvokedFunctionArn());
                                m.put("memory", context.getMemoryLimitInMB());
                                m.put("remainingPositive", context.getRemainingTimeInMillis() > 0);
                                m.put("endpoint", System.getenv("AWS_ENDPOINT_URL"));
                                return m;
                            }
                            public static String upper(String text) { return text.toUpperCase(Locale.ROOT); }
                            public record Order(String id, int quantity) {}
                            public static Order twice(Order o) { return new Order(o.id(), o.quantity() * 2); }
                            public static void fail(Map<String, Object> event) { throw new IllegalStateException("out of stock"); }
                            public static void stream(InputStream in, OutputStream out) throws IOException {
                                out.write(("[" + new String(in.readAllBytes()) + "]").getBytes());
                            }
                        }
                        """));
    }

    @Test
    void instanceHandlerWithMapEventAndContextStaysWarm() throws Exception {
        FunctionCode fn = code("java-fn", "java21", "example.Hello::handleRequest", code, 20);

        long t0 = System.nanoTime();
        InvocationOutcome first = runtime.invoke(fn, json("{\"name\":\"duke\"}"), "req-1");
        long cold = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        InvocationOutcome second = runtime.invoke(fn, json("{\"name\":\"duke\"}"), "req-2");
        long warm = System.nanoTime() - t1;

        assertThat(first.functionError()).isEmpty();
        assertThat(member(first, "greeting")).isEqualTo("hello duke"); // from lib/greeting.jar
        assertThat(member(first, "count")).isEqualTo("1");
        assertThat(member(second, "count")).isEqualTo("2");
        assertThat(member(first, "requestId")).isEqualTo("req-1");
        assertThat(member(first, "function")).isEqualTo("java-fn");
        assertThat(member(first, "arn")).endsWith(":function:java-fn");
        assertThat(member(first, "memory")).isEqualTo("128");
        assertThat(member(first, "remainingPositive")).isEqualTo("true");
        assertThat(member(first, "endpoint")).isEqualTo(Runtimes.ENDPOINT);
        assertThat(first.logTail()).contains("greeting duke");
        assertThat(warm).isLessThan(cold);
        System.out.printf("java: cold invoke %.1f ms, warm invoke %.1f ms%n", cold / 1e6, warm / 1e6);
    }

    @Test
    void staticHandlersWithStringRecordAndStreamEvents() throws Exception {
        assertThat(text(invoke("example.Hello::upper", "\"shout\""))).isEqualTo("\"SHOUT\"");
        assertThat(text(invoke("example.Hello::twice", "{\"id\":\"o-1\",\"quantity\":4}")))
                .isEqualTo("{\"id\":\"o-1\",\"quantity\":8}");
        assertThat(text(invoke("example.Hello::stream", "{\"raw\":true}"))).isEqualTo("[{\"raw\":true}]");
    }

    @Test
    void exceptionIsUnhandledWithClassNameAndStack() throws Exception {
        InvocationOutcome outcome = invoke("example.Hello::fail", "{}");

        assertThat(outcome.functionError()).contains("Unhandled");
        assertThat(member(outcome, "errorType")).isEqualTo("java.lang.IllegalStateException");
        assertThat(member(outcome, "errorMessage")).isEqualTo("out of stock");
        assertThat(text(outcome)).contains("\"stackTrace\":[\"example.Hello.fail(Hello.java:");
    }

    @Test
    void missingClassOrMethodIsAnInitError() throws Exception {
        InvocationOutcome noClass = invoke("example.Absent::handle", "{}");
        InvocationOutcome noMethod = invoke("example.Hello::absent", "{}");

        assertThat(member(noClass, "errorType")).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(member(noMethod, "errorType")).isEqualTo("Runtime.HandlerNotFound");
        assertThat(runtime.environments("java-fn")).isZero();
    }

    private static void compile(Path out, List<Path> classpath, Path... sources) {
        List<String> args = new java.util.ArrayList<>(List.of("-d", out.toString(), "--release", "21"));
        if (!classpath.isEmpty()) {
            args.addAll(List.of("-cp", classpath.stream().map(Path::toString).reduce((a, b) -> a + java.io.File.pathSeparator + b).orElseThrow()));
        }
        Stream.of(sources).map(Path::toString).forEach(args::add);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
    }

    private static void jar(Path classes, Path jar) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }
}
