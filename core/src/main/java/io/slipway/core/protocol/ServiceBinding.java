package io.slipway.core.protocol;

import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.OperationDispatcher;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.runtime.ServiceModel;

import java.util.Map;

/** A service as the router serves it: its generated dispatcher and how it reports invalid input. */
public record ServiceBinding(OperationDispatcher dispatcher, ValidationPolicy validation) {

    public ServiceBinding(OperationDispatcher dispatcher) {
        this(dispatcher, ValidationPolicy.GENERIC);
    }

    public ServiceModel model() {
        return dispatcher.model();
    }

    /**
     * This service's operations, handler and validation under another target prefix, API version
     * and signing name ({@link ServiceModel#presentedAs}).
     */
    public ServiceBinding presentedAs(String targetPrefix, String apiVersion, String signingName) {
        ServiceModel other = model().presentedAs(targetPrefix, apiVersion, signingName);
        return new ServiceBinding(new OperationDispatcher() {
            @Override
            public ServiceModel model() {
                return other;
            }

            @Override
            public Map<String, Object> dispatch(Operation operation, Map<String, Object> input, RequestContext context) {
                return dispatcher.dispatch(operation, input, context);
            }
        }, validation);
    }
}
