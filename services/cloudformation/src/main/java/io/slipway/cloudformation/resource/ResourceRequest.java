package io.slipway.cloudformation.resource;

import io.slipway.core.Namespace;

import java.util.Map;

/**
 * One resource of a stack, with its properties evaluated (intrinsic functions resolved, values as
 * plain maps, lists, strings, numbers and booleans, as the template wrote them).
 *
 * @param previousProperties the properties of the last successful provisioning; empty on create
 * @param updatePolicy       the resource's UpdatePolicy attribute, evaluated, on a stack update's
 *                           update; empty otherwise, and during a rollback, whose update back is
 *                           made directly (AWS does not run a CodeDeploy deployment to roll an alias back)
 */
public record ResourceRequest(Namespace ns, String stackName, String stackId, String logicalId, String type,
                              Map<String, Object> properties, Map<String, Object> previousProperties,
                              Map<String, Object> updatePolicy) {

    public ResourceRequest {
        properties = Map.copyOf(properties);
        previousProperties = Map.copyOf(previousProperties);
        updatePolicy = Map.copyOf(updatePolicy);
    }

    public ResourceRequest(Namespace ns, String stackName, String stackId, String logicalId, String type,
                           Map<String, Object> properties, Map<String, Object> previousProperties) {
        this(ns, stackName, stackId, logicalId, type, properties, previousProperties, Map.of());
    }
}
