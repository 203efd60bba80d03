package io.slipway.cloudformation.hooks;

import io.slipway.core.codec.JsonCodec;

import java.util.Map;

/**
 * Free-form JSON (hook configurations, Lambda hook requests and answers) as plain maps, lists,
 * strings, numbers and booleans: these have no model shape, so they go through the codec's
 * document reader and writer, which keep key order and JSON nulls.
 */
final class HookJson {
    private HookJson() {
    }

    /** Any JSON value; {@link io.slipway.core.codec.MalformedInputException} for text that is not JSON. */
    static Object parse(String json) {
        return JsonCodec.parseDocument(json);
    }

    static String write(Object value) {
        return JsonCodec.writeDocument(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }
}
