package io.slipway.it.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes a document as JSON, naming members as the shape does on the wire where the value fits
 * the shape, and writing it as it is where it does not (that is the point of a mutation).
 */
final class JsonBodies {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(100_000).build()).build();

    private JsonBodies() {
    }

    static byte[] write(Shape shape, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, shape, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Shape shape, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case FuzzCase.Null n -> g.writeNull();
            case FuzzCase.Raw raw -> g.writeRawValue(raw.text());
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    Member m = shape != null && shape.type() == ShapeType.STRUCTURE ? shape.member(key) : null;
                    Shape valueShape = m != null ? m.target()
                            : shape != null && shape.type() == ShapeType.MAP ? shape.mapValue().target() : null;
                    g.writeFieldName(m == null ? key : wireName(m));
                    write(g, valueShape, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                Shape element = shape != null && shape.type() == ShapeType.LIST ? shape.listMember().target() : null;
                for (Object o : list) {
                    write(g, element, o);
                }
                g.writeEndArray();
            }
            case String s -> g.writeString(s);
            case Long l -> g.writeNumber(l);
            case Integer i -> g.writeNumber(i);
            case Double d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            case Instant t -> g.writeNumber(t.getEpochSecond());
            case byte[] bytes -> g.writeString(Base64.getEncoder().encodeToString(bytes));
            default -> g.writeString(String.valueOf(value));
        }
    }

    static String wireName(Member m) {
        return m.jsonName() != null ? m.jsonName() : m.locationName() != null ? m.locationName() : m.name();
    }

}
