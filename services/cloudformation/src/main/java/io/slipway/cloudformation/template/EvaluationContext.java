package io.slipway.cloudformation.template;

import java.util.Optional;

/**
 * What evaluating a template needs from the stack it runs in: its identity, and the resources and
 * exports that exist so far. The stack engine implements it over its stored state; tests over maps.
 */
public interface EvaluationContext {

    String accountId();

    String region();

    String stackName();

    String stackId();

    /** The physical id of a resource of this stack (what Ref answers), empty while it does not exist yet. */
    Optional<String> physicalId(String logicalId);

    /** An attribute of a resource of this stack (what Fn::GetAtt answers), empty if the resource has no such attribute. */
    Optional<Object> attribute(String logicalId, String name);

    /** The value another stack of the same account and region exports under this name. */
    Optional<String> importValue(String exportName);
}
