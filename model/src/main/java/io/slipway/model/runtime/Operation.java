package io.slipway.model.runtime;

import java.util.List;

/**
 * One operation: its input and output shapes (null when the model has none), the awsQuery result
 * wrapper, the HTTP binding used by rest protocols, and the errors it models.
 *
 * @param unsigned true for the few operations AWS serves without a signature (the model's
 *                 {@code authtype: none}, e.g. STS AssumeRoleWithWebIdentity)
 */
public record Operation(String name, Shape input, Shape output, String resultWrapper, String httpMethod,
                        String requestUri, int successCode, List<Shape> errors, boolean unsigned) {
}
