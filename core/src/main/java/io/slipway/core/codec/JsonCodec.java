package io.slipway.core.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes JSON bodies by walking the model's shapes: members by their model names,
 * timestamps as epoch seconds unless a member says otherwise, blobs as base64, non-finite floats as
 * strings. Unknown members are skipped; a JSON null counts as absent. Malformed input raises
 * {@link MalformedInputException}, which each protocol answers in its own way.
 */
public final class JsonCodec {
    /**
     * Buffers are recycled through a shared pool: Jackson's default pool is per thread, which
     * recycles nothing when every request runs on a new virtual thread.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();
    /** What an operation without input reads its body as: any object, every member unknown. */
    private static final Shape NO_MEMBERS = new Shape("Unit", ShapeType.STRUCTURE);

    private JsonCodec() {
    }

    /** Reads a JSON object as the shape says; a null shape (no input) still requires well-formed JSON. */
    public static Map<String, Object> readStructure(byte[] json, Shape shape) {
        if (shape == null) {
            shape = NO_MEMBERS;
        }
        if (json.length == 0) {
            return new LinkedHashMap<>();
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new LinkedHashMap<>();
            }
            Object value = read(p, shape, null);
            if (p.nextToken() != null) {
                throw new MalformedInputException("Unexpected content after the end of the JSON document");
            }
            return value == null ? new LinkedHashMap<>() : asStructure(value);
        } catch (IOException e) {
            throw new MalformedInputException("Malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asStructure(Object value) {
        return (Map<String, Object>) value;
    }

    /** Reads the value at the parser's current token. */
    private static Object read(JsonParser p, Shape shape, Member member) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (shape.type()) {
            case STRUCTURE -> readStructure(p, shape);
            case LIST -> readList(p, shape);
            case MAP -> readMap(p, shape);
            case STRING -> {
                expect(p, t == JsonToken.VALUE_STRING, shape);
                yield p.getText();
            }
            case BOOLEAN -> {
                expect(p, t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE, shape);
                yield t == JsonToken.VALUE_TRUE;
            }
            case BYTE, SHORT, INTEGER -> {
                expect(p, t == JsonToken.VALUE_NUMBER_INT, shape);
                if (p.getNumberType() != JsonParser.NumberType.INT) {
                    throw new MalformedInputException("Number " + p.getText() + " is out of range for " + shape.name());
                }
                yield p.getIntValue();
            }
            case LONG -> {
                expect(p, t == JsonToken.VALUE_NUMBER_INT, shape);
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new MalformedInputException("Number " + p.getText() + " is out of range for " + shape.name());
                }
                yield p.getLongValue();
            }
            case BIG_INTEGER -> {
                expect(p, t == JsonToken.VALUE_NUMBER_INT, shape);
                yield p.getBigIntegerValue();
            }
            case BIG_DECIMAL -> {
                expect(p, t.isNumeric(), shape);
                yield p.getDecimalValue();
            }
            case DOUBLE, FLOAT -> readFloating(p, shape);
            case TIMESTAMP -> readTimestamp(p, shape);
            case BLOB -> {
                expect(p, t == JsonToken.VALUE_STRING, shape);
                try {
                    yield Base64.getDecoder().decode(p.getText());
                } catch (IllegalArgumentException e) {
                    throw new MalformedInputException("Invalid base64 value for " + shape.name());
                }
            }
            case DOCUMENT -> readDocument(p);
        };
    }

    private static Map<String, Object> readStructure(JsonParser p, Shape shape) throws IOException {
        expect(p, p.currentToken() == JsonToken.START_OBJECT, shape);
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            Member m = shape.member(name);
            if (m == null || name.equals("__type")) {
                p.skipChildren();
                continue;
            }
            Object value = read(p, m.target(), m);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static List<Object> readList(JsonParser p, Shape shape) throws IOException {
        expect(p, p.currentToken() == JsonToken.START_ARRAY, shape);
        List<Object> out = new ArrayList<>();
        Member element = shape.listMember();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Object value = read(p, element.target(), element);
            if (value != null || shape.isSparse()) {
                out.add(value);
            }
        }
        return out;
    }

    private static Map<String, Object> readMap(JsonParser p, Shape shape) throws IOException {
        expect(p, p.currentToken() == JsonToken.START_OBJECT, shape);
        Map<String, Object> out = new LinkedHashMap<>();
        Member value = shape.mapValue();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            Object v = read(p, value.target(), value);
            if (v != null || shape.isSparse()) {
                out.put(key, v);
            }
        }
        return out;
    }

    private static Object readFloating(JsonParser p, Shape shape) throws IOException {
        JsonToken t = p.currentToken();
        double d;
        if (t == JsonToken.VALUE_STRING) {
            d = switch (p.getText()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new MalformedInputException("Expected a number for " + shape.name());
            };
        } else {
            expect(p, t.isNumeric(), shape);
            d = p.getDoubleValue();
        }
        return shape.type() == ShapeType.FLOAT ? (Object) (float) d : (Object) d;
    }

    private static Instant readTimestamp(JsonParser p, Shape shape) throws IOException {
        JsonToken t = p.currentToken();
        if (t.isNumeric()) {
            return Timestamps.fromEpochSeconds(p.getDecimalValue());
        }
        expect(p, t == JsonToken.VALUE_STRING, shape);
        Instant parsed = Timestamps.parse(p.getText());
        if (parsed == null) {
            throw new MalformedInputException("Invalid timestamp value for " + shape.name());
        }
        return parsed;
    }

    private static Object readDocument(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> out = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    out.put(name, readDocument(p));
                }
                yield out;
            }
            case START_ARRAY -> {
                List<Object> out = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(readDocument(p));
                }
                yield out;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> null;
        };
    }

    private static void expect(JsonParser p, boolean ok, Shape shape) throws IOException {
        if (!ok) {
            throw new MalformedInputException("Unexpected " + describe(p.currentToken()) + " where "
                    + article(shape) + " was expected");
        }
    }

    private static String article(Shape shape) {
        return switch (shape.type()) {
            case STRUCTURE, MAP -> "an object (" + shape.name() + ")";
            case LIST -> "an array (" + shape.name() + ")";
            default -> "a " + shape.type().name().toLowerCase() + " (" + shape.name() + ")";
        };
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            default -> String.valueOf(t);
        };
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    // ---- writing ----

    public static byte[] writeStructure(Shape shape, Map<String, Object> value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, shape, value == null ? Map.of() : value, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String writeString(Shape shape, Map<String, Object> value) {
        return new String(writeStructure(shape, value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads a document that Slipway itself wrote (a stored resource). */
    public static Map<String, Object> readString(Shape shape, String json) {
        return readStructure(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), shape);
    }

    /**
     * An awsJson error body: {@code __type}, then the members of the error's shape (when the
     * operation models it), then a {@code message} for errors whose shape has no message member.
     */
    public static byte[] writeError(String type, Shape shape, Map<String, Object> fields, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("__type", type);
            if (shape != null) {
                writeMembers(g, shape, fields);
            }
            if (message != null) {
                g.writeStringField("message", message);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void write(JsonGenerator g, Shape shape, Object value, Member member) throws IOException {
        switch (shape.type()) {
            case STRUCTURE -> {
                g.writeStartObject();
                writeMembers(g, shape, (Map<?, ?>) value);
                g.writeEndObject();
            }
            case LIST -> {
                g.writeStartArray();
                Member element = shape.listMember();
                for (Object v : (List<?>) value) {
                    if (v == null) {
                        g.writeNull();
                    } else {
                        write(g, element.target(), v, element);
                    }
                }
                g.writeEndArray();
            }
            case MAP -> {
                g.writeStartObject();
                Member element = shape.mapValue();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    if (e.getValue() == null) {
                        g.writeNull();
                    } else {
                        write(g, element.target(), e.getValue(), element);
                    }
                }
                g.writeEndObject();
            }
            case STRING -> g.writeString((String) value);
            case BOOLEAN -> g.writeBoolean((Boolean) value);
            case BYTE, SHORT, INTEGER, LONG -> g.writeNumber(((Number) value).longValue());
            case BIG_INTEGER -> g.writeNumber((BigInteger) value);
            case BIG_DECIMAL -> g.writeNumber((BigDecimal) value);
            case DOUBLE, FLOAT -> writeFloating(g, (Number) value);
            case TIMESTAMP -> writeTimestamp(g, (Instant) value, member == null ? null : member.timestampFormat());
            case BLOB -> g.writeString(Base64.getEncoder().encodeToString((byte[]) value));
            case DOCUMENT -> writeDocument(g, value);
        }
    }

    /** Members in model order; absent and null members are left out. */
    private static void writeMembers(JsonGenerator g, Shape shape, Map<?, ?> doc) throws IOException {
        for (Member m : shape.members()) {
            Object v = doc.get(m.name());
            if (v != null) {
                g.writeFieldName(m.name());
                write(g, m.target(), v, m);
            }
        }
    }

    private static void writeFloating(JsonGenerator g, Number n) throws IOException {
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            g.writeString("NaN");
        } else if (Double.isInfinite(d)) {
            g.writeString(d > 0 ? "Infinity" : "-Infinity");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            g.writeNumber((long) d);
        } else if (n instanceof Float f) {
            // a float widened to double prints its binary noise: 0.1f would read 0.10000000149011612
            g.writeNumber(f);
        } else {
            g.writeNumber(d);
        }
    }

    private static void writeTimestamp(JsonGenerator g, Instant t, String format) throws IOException {
        if (Timestamps.ISO_8601.equals(format)) {
            g.writeString(Timestamps.iso(t));
        } else if (Timestamps.HTTP_DATE.equals(format)) {
            g.writeString(Timestamps.httpDate(t));
        } else {
            g.writeNumber(Timestamps.epochSeconds(t));
        }
    }

    private static void writeDocument(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeDocument(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    writeDocument(g, o);
                }
                g.writeEndArray();
            }
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            case Number n -> g.writeNumber(n.doubleValue());
            default -> g.writeString(value.toString());
        }
    }
}
