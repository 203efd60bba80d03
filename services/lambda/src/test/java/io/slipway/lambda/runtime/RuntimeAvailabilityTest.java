package io.slipway.lambda.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeAvailabilityTest {

    @TempDir
    Path tmp;

    private LocalRuntime runtime(String path) {
        return new LocalRuntime(new RuntimeSettings(() -> "http://127.0.0.1:1", "us-east-1", "123456789012", 2, 1,
                tmp.resolve("work")), InstantSource.system(), Map.of("PATH", path));
    }

    @Test
    void withoutInterpretersOnPathNodeAndPythonAreUnavailableWithAReason() {
        try (LocalRuntime runtime = runtime(tmp.resolve("empty-bin").toString())) {
            assertThat(runtime.unavailable("nodejs20.x")).hasValueSatisfying(r ->
                    assertThat(r).startsWith("node is not installed").contains("any Node.js 18 or later"));
            assertThat(runtime.unavailable("python3.12")).hasValueSatisfying(r ->
                    assertThat(r).startsWith("python3 is not installed").contains("Python 3.8 or later"));
        }
    }

    @Test
    void providedAndJavaDependOnNothingOnPath() {
        try (LocalRuntime runtime = runtime("")) {
            assertThat(runtime.unavailable("provided.al2023")).isEmpty();
            assertThat(runtime.unavailable("provided.al2")).isEmpty();
            assertThat(runtime.unavailable("provided")).isEmpty();
            assertThat(runtime.unavailable("java21")).isEmpty();
            assertThat(runtime.unavailable("java8.al2")).isEmpty();
            assertThat(runtime.unavailable("java" + (Runtime.version().feature() + 1))).hasValueSatisfying(r ->
                    assertThat(r).contains("needs Java " + (Runtime.version().feature() + 1)));
        }
    }

    @Test
    void otherRuntimesAreNamedAsUnsupported() {
        try (LocalRuntime runtime = runtime("")) {
            assertThat(runtime.unavailable("ruby3.3")).hasValueSatisfying(r ->
                    assertThat(r).startsWith("runtime ruby3.3 cannot run locally"));
            assertThat(runtime.unavailable("dotnet8")).isPresent();
            assertThat(runtime.unavailable("python2.7")).hasValueSatisfying(r -> assertThat(r).contains("cannot run locally"));
            assertThat(runtime.unavailable("cobol")).hasValueSatisfying(r -> assertThat(r).startsWith("unknown runtime 'cobol'"));
        }
    }

    @Test
    void anUnavailableRuntimeIsAnUnhandledInvocation() throws Exception {
        try (LocalRuntime runtime = runtime("")) {
            InvocationOutcome outcome = runtime.invoke(Runtimes.code("fn", "ruby3.3", "app.handler", tmp, 3),
                    "{}".getBytes(), "req-1");

            assertThat(outcome.functionError()).contains("Unhandled");
            assertThat(Runtimes.member(outcome, "errorType")).isEqualTo("Runtime.Unavailable");
            assertThat(outcome.logTail()).contains("END RequestId: req-1");
        }
    }

    @Test
    void installedInterpretersAreFoundOnTheRealPath() {
        try (LocalRuntime runtime = runtime(System.getenv().getOrDefault("PATH", ""))) {
            Runtimes.assumeAvailable(runtime, "nodejs20.x");
            // Lambda's version in the identifier is not checked against the installed one, only the minimum.
            assertThat(runtime.unavailable("nodejs22.x")).isEmpty();
            assertThat(runtime.unavailable("nodejs18.x")).isEmpty();
        }
    }
}
