package io.slipway.cloudformation.hooks;

import io.slipway.core.codec.JsonCodec;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Free-form JSON (hook configurations, Lambda hook requests and answers) as plain maps, lists,
 * strings, numbers and booleans: these have no model shape, so they go through the codec's
 * document reader and writer, which keep key order and JSON nulls.
 */
final class HookJson {
    private static final Shape DOCUMENT = new Shape("Document", ShapeType.DOCUMENT);

    private HookJson() {
    }

    /** Any JSON value; {@link io.slipway.core.codec.MalformedInputException} for text that is not JSON. */
    static Object parse(String json) {
        return JsonCodec.readRestJsonValue(json.getBytes(StandardCharsets.UTF_8), DOCUMENT);
    }

    static String write(Object value) {
        return new String(JsonCodec.writeRestJsonValue(DOCUMENT, value), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }
}
