package io.slipway.cloudformation.resource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What one call of a provider's handler answers, as CloudFormation's resource handlers answer
 * (the CloudFormation CLI's {@code ProgressEvent}): done, failed, or still in progress. A handler
 * that waits for something (a custom resource's response, a nested stack) answers
 * {@link InProgress} with a callback context: the engine stores it with the resource, gives the
 * worker back, and calls the handler again with that context once {@code delay} has passed (or
 * earlier, when what it waits for is known to have moved, and again after a restart).
 */
public sealed interface Progress {

    /** The action is done; a delete answers the resource it deleted. */
    record Success(Provisioned resource) implements Progress {
    }

    /**
     * The action failed with {@code reason}, shown as the resource's status reason.
     *
     * @param physicalId the physical resource the failed create left, if any: a rollback deletes it
     */
    record Failed(String reason, Optional<String> physicalId) implements Progress {
        public Failed(String reason) {
            this(reason, Optional.empty());
        }
    }

    /**
     * The action goes on; call again with {@code callbackContext} after {@code delay}.
     *
     * @param callbackContext what the handler needs to carry on: a JSON document (maps, lists, strings,
     *                        numbers, booleans), never empty (an empty context means "first call")
     * @param message         what the resource's in-progress event says when an update starts waiting
     *                        (the CodeDeploy deployment an alias update runs), or null for no event
     */
    record InProgress(Map<String, Object> callbackContext, Duration delay, String message) implements Progress {
        public InProgress {
            if (callbackContext.isEmpty()) {
                throw new IllegalArgumentException("a callback context must say something");
            }
            callbackContext = Map.copyOf(callbackContext);
        }

        public InProgress(Map<String, Object> callbackContext, Duration delay) {
            this(callbackContext, delay, null);
        }
    }
}
