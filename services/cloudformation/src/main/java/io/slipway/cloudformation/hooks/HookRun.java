package io.slipway.cloudformation.hooks;

import java.time.Instant;

/**
 * One hook invoked for one target: what the stack's events and the hook results show.
 *
 * @param hookResultId   the invocation's id (GetHookResult, and the event's HookInvocationId)
 * @param status         HOOK_COMPLETE_SUCCEEDED, HOOK_COMPLETE_FAILED or HOOK_FAILED
 * @param failureMode    FAIL or WARN
 */
public record HookRun(String hookResultId, String typeName, String typeArn, String failureMode, String status,
                      String statusReason, Instant invokedAt) {

    public boolean succeeded() {
        return status.equals("HOOK_COMPLETE_SUCCEEDED");
    }

    /** A failed hook in FAIL mode stops the operation; in WARN mode it only warns. */
    public boolean blocks() {
        return !succeeded() && failureMode.equals("FAIL");
    }
}
