package io.slipway.model.runtime;

import java.util.Map;

/**
 * Connects the protocol codecs to a service: a decoded, validated input document in, an output
 * document out (null for operations without output). Generated per service.
 */
public interface OperationDispatcher {
    ServiceModel model();

    Map<String, Object> dispatch(Operation operation, Map<String, Object> input, RequestContext context);
}
