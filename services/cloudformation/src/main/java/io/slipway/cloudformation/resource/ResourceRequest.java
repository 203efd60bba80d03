package io.slipway.cloudformation.resource;

import io.slipway.core.Namespace;

import java.util.Map;

/**
 * One resource of a stack, with its properties evaluated (intrinsic functions resolved, values as
 * plain maps, lists, strings, numbers and booleans, as the template wrote them).
 *
 * @param previousProperties the properties of the last successful provisioning; empty on create
 */
public record ResourceRequest(Namespace ns, String stackName, String stackId, String logicalId, String type,
                              Map<String, Object> properties, Map<String, Object> previousProperties) {

    public ResourceRequest {
        properties = Map.copyOf(properties);
        previousProperties = Map.copyOf(previousProperties);
    }
}
