package io.slipway.cloudformation.stack;

import io.slipway.cloudformation.template.EvaluationContext;
import io.slipway.core.Namespace;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a template evaluates against while the engine works on a stack: the resources provisioned
 * so far (read once per step) and the exports of every stack in the namespace.
 */
record StackContext(Namespace ns, StoredStack stack, Map<String, StoredResource> resources,
                    Function<String, Optional<String>> exports) implements EvaluationContext {

    /** A template checked or summarised before any stack exists: no resources, no exports. */
    static StackContext beforeStack(Namespace ns, String stackName, String stackId) {
        return new StackContext(ns, new StoredStack(io.slipway.model.cloudformation.Stack.builder().stackName(stackName)
                .stackId(stackId).build(), "", Map.of(), Optional.empty()), Map.of(), name -> Optional.empty());
    }

    @Override
    public String accountId() {
        return ns.account();
    }

    @Override
    public String region() {
        return ns.region();
    }

    @Override
    public String stackName() {
        return stack.stackName();
    }

    @Override
    public String stackId() {
        return stack.stackId();
    }

    @Override
    public Optional<String> physicalId(String logicalId) {
        StoredResource r = resources.get(logicalId);
        return r == null ? Optional.empty() : r.physicalId();
    }

    @Override
    public Optional<Object> attribute(String logicalId, String name) {
        StoredResource r = resources.get(logicalId);
        return r == null ? Optional.empty() : Optional.ofNullable(r.attributes().get(name));
    }

    @Override
    public Optional<String> importValue(String exportName) {
        return exports.apply(exportName);
    }
}
