package io.slipway.core.protocol.conformance;

import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.OperationDispatcher;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.runtime.ServiceModel;

import java.util.Map;
import java.util.function.Function;

/** Stands in for a service: records the operation and input the protocol dispatched, answers as told. */
final class CapturingDispatcher implements OperationDispatcher {
    private final ServiceModel model;
    private final Function<Operation, Map<String, Object>> answer;
    Operation operation;
    Map<String, Object> input;

    CapturingDispatcher(ServiceModel model, Function<Operation, Map<String, Object>> answer) {
        this.model = model;
        this.answer = answer;
    }

    @Override
    public ServiceModel model() {
        return model;
    }

    @Override
    public Map<String, Object> dispatch(Operation operation, Map<String, Object> input, RequestContext context) {
        this.operation = operation;
        this.input = input;
        return answer.apply(operation);
    }
}
