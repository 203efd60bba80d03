package io.slipway.codedeploy.deployment;

import io.slipway.core.Namespace;

/**
 * Calls a hook function with its event. The app connects this to the engine's function invoker;
 * a function with no configured target is not called, and its hook waits for a report from
 * outside (a person, a test), as an unreachable function would on AWS.
 */
@FunctionalInterface
public interface HookFunctions {
    /** What became of the call: the hook waits for its report unless Lambda refused the call. */
    Outcome invoke(Namespace ns, String functionNameOrArn, String eventJson) throws InterruptedException;

    /** How a call of a hook function went. */
    sealed interface Outcome {
        /** The function was called (or has no target and waits for someone to answer): its report decides. */
        record Called() implements Outcome {
        }

        /**
         * The function failed. AWS still waits for the hook's report until the hook times out;
         * Slipway keeps the failure where a user looks meanwhile.
         *
         * @param message what the function or its runtime said (Lambda's error document, a status or exit code)
         * @param logTail the end of the call's log
         */
        record Failed(String message, String logTail) implements Outcome {
        }

        /** Lambda refused to invoke the function for this namespace (another account's, named by ARN): the hook fails at once. */
        record Refused(String reason) implements Outcome {
        }
    }
}
