package io.slipway.iam.policy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.slipway.core.codec.JsonCodec;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy document read as plain values (maps, lists, strings, numbers, booleans, null) with
 * the codec's own limits on nesting and size. Text that is not one JSON object, or an object that
 * names a key twice, reads as nothing: both are IAM's syntax errors.
 */
final class PolicyJson {
    private PolicyJson() {
    }

    static Optional<Map<String, Object>> object(String text) {
        try (JsonParser p = JsonCodec.FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Map<String, Object> value = readObject(p);
            if (value == null || p.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Plain values written back as compact JSON. */
    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonCodec.FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(e.getKey().toString());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object v : list) {
                    write(g, v);
                }
                g.writeEndArray();
            }
            case BigDecimal d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            default -> g.writeString(value.toString());
        }
    }

    /** The object the parser stands at the start of, or null if a key repeats. */
    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            Object value = read(p);
            if (value == DUPLICATE || out.containsKey(key)) {
                return null;
            }
            out.put(key, value);
        }
        return out;
    }

    private static final Object DUPLICATE = new Object();

    private static Object read(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> m = readObject(p);
                yield m == null ? DUPLICATE : m;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    Object v = read(p);
                    if (v == DUPLICATE) {
                        yield DUPLICATE;
                    }
                    list.add(v);
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + p.currentToken());
        };
    }
}
