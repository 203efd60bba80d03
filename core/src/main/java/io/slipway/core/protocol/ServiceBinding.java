package io.slipway.core.protocol;

import io.slipway.model.runtime.OperationDispatcher;
import io.slipway.model.runtime.ServiceModel;

/** A service as the router serves it: its generated dispatcher and how it reports invalid input. */
public record ServiceBinding(OperationDispatcher dispatcher, ValidationPolicy validation) {

    public ServiceBinding(OperationDispatcher dispatcher) {
        this(dispatcher, ValidationPolicy.GENERIC);
    }

    public ServiceModel model() {
        return dispatcher.model();
    }
}
