package io.slipway.core.codec;

import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Shape;

import java.util.Map;
import java.util.function.Function;

/**
 * A kind of stored resource whose document is a wire structure, written and read with the same
 * model-driven JSON codec the API uses, so stored and returned forms never drift apart.
 */
public record DocumentType<T extends AwsStructure>(String kind, Shape shape, Function<Map<String, Object>, T> reader) {

    public String write(T value) {
        return JsonCodec.writeString(shape, value.toDocument());
    }

    public T read(String json) {
        return reader.apply(JsonCodec.readString(shape, json));
    }
}
