package io.slipway.lambda.invoke;

import io.slipway.core.codec.JsonCodec;
import io.slipway.core.codec.MalformedInputException;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.Base64;

import static io.slipway.model.lambda.LambdaErrors.INVALID_REQUEST_CONTENT;

/** Invoke's {@code X-Amz-Client-Context}: base64 of a JSON object, refused otherwise as Lambda refuses it. */
public final class ClientContexts {
    private static final Shape ANY_OBJECT = new Shape("ClientContext", ShapeType.STRUCTURE);

    private ClientContexts() {
    }

    public static void check(String clientContext) {
        if (clientContext == null) {
            return;
        }
        try {
            JsonCodec.readStructure(Base64.getDecoder().decode(clientContext), ANY_OBJECT);
        } catch (IllegalArgumentException | MalformedInputException e) {
            throw INVALID_REQUEST_CONTENT.exception("Client context must be a valid Base64-encoded JSON object.");
        }
    }
}
