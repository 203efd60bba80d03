package io.slipway.app.resources;

import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.runtime.AwsEnum;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Template values turned into the generated model's enums. A value the model does not know fails
 * as the service's own validation would word it, since on AWS it is the service that refuses it.
 */
final class ModelValues {

    private ModelValues() {
    }

    static <E extends AwsEnum> E enumValue(ResourceRequest request, ResourceProperties p, String property, String value,
                                           E[] all) {
        for (E e : all) {
            if (e.value().equals(value)) {
                return e;
            }
        }
        throw invalidEnum(request, p, property, value, all);
    }

    private static ResourceFailure invalidEnum(ResourceRequest request, ResourceProperties p, String property,
                                               String value, AwsEnum[] all) {
        String member = Character.toLowerCase(property.charAt(0)) + property.substring(1);
        String path = p.path().equals("#") ? member : p.path().substring(2).replace('/', '.') + "." + member;
        return HandlerErrors.failure(request, "1 validation error detected: Value '" + value + "' at '" + path
                        + "' failed to satisfy constraint: Member must satisfy enum value set: "
                        + Arrays.stream(all).map(AwsEnum::value).collect(Collectors.joining(", ", "[", "]")),
                HandlerErrorCode.INVALID_REQUEST);
    }
}
