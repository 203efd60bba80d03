package io.slipway.cloudformation.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An {@link EvaluationContext} over maps: resources "exist" once the test gives them a physical id. */
final class StackContext implements EvaluationContext {
    static final String STACK_ID =
            "arn:aws:cloudformation:eu-west-1:123456789012:stack/demo/5f1c0a10-1111-2222-3333-444455556666";

    final Map<String, String> physicalIds = new HashMap<>();
    final Map<String, Map<String, Object>> attributes = new HashMap<>();
    final Map<String, String> exports = new HashMap<>();
    private final String region;

    StackContext() {
        this("eu-west-1");
    }

    StackContext(String region) {
        this.region = region;
    }

    StackContext created(String logicalId, String physicalId, Map<String, Object> attributes) {
        physicalIds.put(logicalId, physicalId);
        this.attributes.put(logicalId, attributes);
        return this;
    }

    @Override
    public String accountId() {
        return "123456789012";
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public String stackName() {
        return "demo";
    }

    @Override
    public String stackId() {
        return STACK_ID;
    }

    @Override
    public Optional<String> physicalId(String logicalId) {
        return Optional.ofNullable(physicalIds.get(logicalId));
    }

    @Override
    public Optional<Object> attribute(String logicalId, String name) {
        return Optional.ofNullable(attributes.getOrDefault(logicalId, Map.of()).get(name));
    }

    @Override
    public Optional<String> importValue(String exportName) {
        return Optional.ofNullable(exports.get(exportName));
    }
}
