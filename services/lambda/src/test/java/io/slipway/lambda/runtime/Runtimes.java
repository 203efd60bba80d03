package io.slipway.lambda.runtime;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/** Shared setup for the runtime tests: a runtime in a temporary directory and handler files. */
final class Runtimes {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    static final String ENDPOINT = "http://127.0.0.1:4566";

    private Runtimes() {
    }

    static LocalRuntime runtime(Path work, int maxEnvironments, int maxPerFunction) {
        Map<String, String> inherited = new HashMap<>(System.getenv());
        // What an operator's shell may hold; none of it may reach a function.
        inherited.put("AWS_SESSION_TOKEN", "operator-session");
        inherited.put("AWS_PROFILE", "operator");
        inherited.put("AWS_ENDPOINT_URL_S3", "http://elsewhere");
        inherited.put("NODE_OPTIONS", "--require /nonexistent.js");
        return new LocalRuntime(new RuntimeSettings(() -> ENDPOINT, "us-east-1", "999999999999", maxEnvironments,
                maxPerFunction, work.resolve("work")), InstantSource.system(), inherited);
    }

    static FunctionCode code(String name, String runtime, String handler, Path dir, int timeoutSeconds) {
        return code(name, runtime, handler, dir, Map.of(), timeoutSeconds);
    }

    static FunctionCode code(String name, String runtime, String handler, Path dir, Map<String, String> env,
                             int timeoutSeconds) {
        return new FunctionCode(name, "$LATEST", "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name,
                runtime, handler, dir, env, timeoutSeconds, 128);
    }

    /** Skips the test when the interpreter is missing, except in CI, where it must be installed. */
    static void assumeAvailable(LocalRuntime runtime, String name) {
        Optional<String> reason = runtime.unavailable(name);
        if (reason.isPresent()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(name + " must run in CI: " + reason.get());
            }
            Assumptions.abort(reason.get());
        }
    }

    static Path write(Path dir, String file, String text) {
        try {
            Path p = dir.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(InvocationOutcome outcome) {
        return new String(outcome.payload(), StandardCharsets.UTF_8);
    }

    /** A string or number member of a flat JSON answer; enough for these tests' handlers. */
    static String member(InvocationOutcome outcome, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.]+|true|false|null)")
                .matcher(text(outcome));
        if (!m.find()) {
            fail("no member " + name + " in " + text(outcome));
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
