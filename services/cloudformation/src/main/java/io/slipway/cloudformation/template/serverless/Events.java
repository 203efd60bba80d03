package io.slipway.cloudformation.template.serverless;

import java.util.List;
import java.util.Map;

/** A function's {@code Events}: each event source expands into the resources SAM generates for it. */
public final class Events {
    private Events() {
    }

    /**
     * The function the events invoke.
     *
     * @param functionArn what SAM points event sources at: the function's ARN, or its alias's when
     *                    AutoPublishAlias is set (an intrinsic, e.g. {@code {"Ref": "FnAliaslive"}})
     */
    public record Target(ServerlessResource function, String functionLogicalId, Object functionArn) {
    }

    /**
     * Adds the resources of the function's events to {@code out}.
     *
     * @return the managed policy ARNs the function's generated role needs for them (poller event
     * sources such as SQS), in SAM's order
     */
    public static List<String> expand(Target target, Map<String, Object> events, Expansion out) {
        for (Map.Entry<String, Object> event : events.entrySet()) {
            Object type = event.getValue() instanceof Map<?, ?> map ? map.get("Type") : null;
            throw ServerlessErrors.invalidResource(target.function().logicalId(), "Event with id [" + event.getKey()
                    + "] is invalid. Event type " + type + " is not supported.");
        }
        return List.of();
    }
}
