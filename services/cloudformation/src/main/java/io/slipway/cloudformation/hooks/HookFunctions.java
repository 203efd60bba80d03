package io.slipway.cloudformation.hooks;

import io.slipway.core.Namespace;

/**
 * Calls a Lambda hook's function synchronously (RequestResponse), through whatever the app
 * connects: CloudFormation imports no other service.
 */
public interface HookFunctions {

    /** The function's answer, or why there is none (no such function, it raised, it timed out). */
    Answer call(Namespace ns, String function, String requestJson);

    sealed interface Answer {
        record Returned(String payload) implements Answer {
        }

        record Failed(String reason) implements Answer {
        }
    }
}
