package io.slipway.app;

import io.slipway.cloudformation.template.SsmParameters;
import io.slipway.core.Namespace;
import io.slipway.ssm.ParameterLookup;

import java.util.Optional;

/** CloudFormation's reads of Systems Manager parameters, served by SSM's published lookup in the stack's namespace. */
record CloudFormationSsmParameters(ParameterLookup parameters) implements SsmParameters {

    @Override
    public Optional<Value> find(Namespace ns, String reference) {
        return parameters.find(ns, reference).map(v -> new Value(v.type(), v.value()));
    }
}
