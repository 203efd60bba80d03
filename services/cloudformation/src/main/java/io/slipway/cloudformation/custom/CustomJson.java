package io.slipway.cloudformation.custom;

import io.slipway.core.codec.JsonCodec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Custom resource requests, responses and their stored records: free-form JSON as plain maps and lists. */
final class CustomJson {
    private CustomJson() {
    }

    /** Any JSON value; {@link io.slipway.core.codec.MalformedInputException} for text that is not JSON. */
    static Object parse(String json) {
        return JsonCodec.parseDocument(json);
    }

    static String write(Object value) {
        return JsonCodec.writeDocument(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    /**
     * Properties as CloudFormation sends them to a custom resource: every scalar a string
     * ({@code 5} becomes {@code "5"}, {@code true} becomes {@code "true"}), lists and objects kept.
     */
    static Object strings(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), strings(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CustomJson::strings).toList();
        }
        return value == null ? null : String.valueOf(value);
    }
}
