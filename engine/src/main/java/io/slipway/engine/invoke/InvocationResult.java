package io.slipway.engine.invoke;

import java.time.Duration;
import java.util.Objects;

/**
 * How an invocation ended. {@code detail} is the HTTP status line or the exit code, followed by
 * the tail of what the function wrote: enough for an operator to see why a hook failed.
 */
public record InvocationResult(boolean succeeded, String detail, Duration took) {

    public InvocationResult {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(took, "took");
    }
}
