package io.slipway.codedeploy.deployment;

import io.slipway.core.Namespace;

import java.util.Optional;

/**
 * Calls a hook function with its event. The app connects this to the engine's function invoker;
 * a function with no configured target is not called, and its hook waits for a report from
 * outside (a person, a test), as an unreachable function would on AWS.
 */
@FunctionalInterface
public interface HookFunctions {
    /** @return how the function failed, when it did (it crashed, or answered with an error) */
    Optional<Failure> invoke(Namespace ns, String functionNameOrArn, String eventJson) throws InterruptedException;

    /**
     * A call that failed. AWS still waits for the hook's report until the hook times out; Slipway
     * keeps the failure where a user looks meanwhile.
     *
     * @param message what the function or its runtime said (Lambda's error document, a status or exit code)
     * @param logTail the end of the call's log
     */
    record Failure(String message, String logTail) {
    }
}
