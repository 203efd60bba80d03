package io.slipway.lambda.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.slipway.lambda.runtime.Runtimes.code;
import static io.slipway.lambda.runtime.Runtimes.json;

/**
 * A local runtime for one language's tests: a code directory under a temporary folder, skipped (or,
 * under CI, failed) when this machine cannot run the language, closed after each test.
 */
abstract class LocalRuntimeFixture {
    @TempDir
    Path tmp;
    Path code;
    LocalRuntime runtime;
    private final String functionName;
    private final String runtimeId;
    private final int timeoutSeconds;

    LocalRuntimeFixture(String functionName, String runtimeId, int timeoutSeconds) {
        this.functionName = functionName;
        this.runtimeId = runtimeId;
        this.timeoutSeconds = timeoutSeconds;
    }

    @BeforeEach
    void startRuntime() throws Exception {
        code = Files.createDirectories(tmp.resolve("code"));
        runtime = Runtimes.runtime(tmp, 8, 2);
        Runtimes.assumeAvailable(runtime, runtimeId);
    }

    @AfterEach
    void stopRuntime() {
        runtime.close();
    }

    /** Invokes the fixture's function with this handler and event as request {@code req-1}. */
    InvocationOutcome invoke(String handler, String event) throws InterruptedException {
        return runtime.invoke(code(functionName, runtimeId, handler, code, timeoutSeconds), json(event), "req-1");
    }
}
