package io.slipway.lambda.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an invocation returned, as Lambda's Invoke reports it.
 *
 * @param payload the function's response, or the error document when it failed
 * @param functionError {@code "Unhandled"} when the function (or its runtime) failed, else empty
 * @param logTail the last 4 KB of the invocation's log: START, what the process printed, END and REPORT
 * @param duration from handing the event to the runtime until its answer (AWS's {@code Duration}; a
 *                 cold start's init time is reported separately in the REPORT line)
 */
public record InvocationOutcome(byte[] payload, Optional<String> functionError, String logTail, Duration duration) {

    public static final String UNHANDLED = "Unhandled";

    public InvocationOutcome {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(functionError, "functionError");
        Objects.requireNonNull(logTail, "logTail");
        Objects.requireNonNull(duration, "duration");
    }

    public boolean failed() {
        return functionError.isPresent();
    }
}
