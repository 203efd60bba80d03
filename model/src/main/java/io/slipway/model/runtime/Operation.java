package io.slipway.model.runtime;

import java.util.List;

/**
 * One operation: its input and output shapes (null when the model has none), the awsQuery result
 * wrapper, the HTTP binding used by rest protocols, and the errors it models.
 */
public record Operation(String name, Shape input, Shape output, String resultWrapper, String httpMethod,
                        String requestUri, int successCode, List<Shape> errors) {
}
