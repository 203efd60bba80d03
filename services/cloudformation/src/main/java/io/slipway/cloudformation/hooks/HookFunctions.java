package io.slipway.cloudformation.hooks;

import io.slipway.core.Namespace;

/**
 * Calls a Lambda hook's function synchronously (RequestResponse), or a custom resource's function
 * asynchronously, through whatever the app connects: CloudFormation imports no other service.
 */
public interface HookFunctions {

    /** The function's answer, or why there is none (no such function, it raised, it timed out). */
    Answer call(Namespace ns, String function, String requestJson);

    /**
     * Invokes the function asynchronously (InvocationType Event), as CloudFormation sends a custom
     * resource its request: {@link Answer.Returned} (with an empty payload) once Lambda has taken the
     * event, {@link Answer.Failed} when it refused it. The default calls synchronously, for callers
     * without an asynchronous route.
     */
    default Answer invokeEvent(Namespace ns, String function, String eventJson) {
        return call(ns, function, eventJson);
    }

    sealed interface Answer {
        record Returned(String payload) implements Answer {
        }

        record Failed(String reason) implements Answer {
        }
    }
}
