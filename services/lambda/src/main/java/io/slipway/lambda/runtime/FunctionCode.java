package io.slipway.lambda.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the local runtime needs to run one version of a function. Two invocations whose
 * {@code FunctionCode} differ only in {@code qualifiedArn} (a version and an alias of it) share warm
 * environments; any other difference (new code directory, handler, variables, timeout, memory) starts
 * fresh ones, as a configuration update does in Lambda.
 *
 * @param qualifiedArn the ARN the caller invoked (version or alias); its region and account are the
 *                     ones the function's own SDK calls land in
 * @param codeDirectory the unpacked code, which must not change while environments run it
 *                      (call {@link LocalRuntime#evict} after replacing it in place)
 * @param role the execution role's ARN, whose credentials the function gets; empty for none (the
 *             function then gets its account's)
 */
public record FunctionCode(String functionName, String version, String qualifiedArn, String runtime, String handler,
                           Path codeDirectory, Map<String, String> environment, int timeoutSeconds, int memorySizeMb,
                           String role) {

    /** A function without an execution role: it gets its account's credentials. */
    public FunctionCode(String functionName, String version, String qualifiedArn, String runtime, String handler,
                        Path codeDirectory, Map<String, String> environment, int timeoutSeconds, int memorySizeMb) {
        this(functionName, version, qualifiedArn, runtime, handler, codeDirectory, environment, timeoutSeconds,
                memorySizeMb, "");
    }

    public FunctionCode {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(qualifiedArn, "qualifiedArn");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(codeDirectory, "codeDirectory");
        Objects.requireNonNull(role, "role");
        environment = Map.copyOf(environment);
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds must be at least 1, got " + timeoutSeconds);
        }
        if (memorySizeMb < 1) {
            throw new IllegalArgumentException("memorySizeMb must be positive, got " + memorySizeMb);
        }
    }

    /** What decides whether a warm environment can serve an invocation. */
    EnvironmentKey key() {
        return new EnvironmentKey(functionName, version, runtime, handler, codeDirectory.toAbsolutePath().normalize(),
                environment, timeoutSeconds, memorySizeMb, role);
    }

    record EnvironmentKey(String functionName, String version, String runtime, String handler, Path codeDirectory,
                          Map<String, String> environment, int timeoutSeconds, int memorySizeMb, String role) {
    }
}
