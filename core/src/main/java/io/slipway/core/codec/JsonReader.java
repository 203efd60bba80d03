package io.slipway.core.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading half of {@link JsonCodec}: walks a parser along the model's shapes. Unknown members
 * are skipped; a JSON null counts as absent.
 */
final class JsonReader {
    private final JsonDialect dialect;

    JsonReader(JsonDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The object a request body holds. With {@code bodyOnly}, keys of members bound to the path,
     * query, headers or payload are ignored: in restJson1 those members do not travel in the body.
     */
    Map<String, Object> readObject(byte[] json, Shape shape, boolean bodyOnly) {
        if (json.length == 0) {
            return new LinkedHashMap<>();
        }
        try (JsonParser p = JsonCodec.FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new LinkedHashMap<>();
            }
            if (first == JsonToken.VALUE_NULL && dialect.strict()) {
                throw new MalformedInputException("Expected a JSON object, got null");
            }
            Map<String, Object> value = first == JsonToken.VALUE_NULL ? null : readStructure(p, shape, bodyOnly);
            if (p.nextToken() != null) {
                throw new MalformedInputException("Unexpected content after the end of the JSON document");
            }
            return value == null ? new LinkedHashMap<>() : value;
        } catch (IOException e) {
            throw new MalformedInputException("Malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    /** A whole body read as one value of the shape (a restJson1 payload), null for JSON null. */
    Object readValue(byte[] json, Shape shape) {
        try (JsonParser p = JsonCodec.FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                return null;
            }
            Object value = read(p, shape, null);
            if (p.nextToken() != null) {
                throw new MalformedInputException("Unexpected content after the end of the JSON document");
            }
            return value;
        } catch (IOException e) {
            throw new MalformedInputException("Malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    /** Reads the value at the parser's current token. */
    Object read(JsonParser p, Shape shape, Member member) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (shape.type()) {
            case STRUCTURE -> readStructure(p, shape, false);
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
                long bound = shape.type() == ShapeType.BYTE ? Byte.MAX_VALUE
                        : shape.type() == ShapeType.SHORT ? Short.MAX_VALUE : Integer.MAX_VALUE;
                if (p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() > bound || p.getIntValue() < -bound - 1) {
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
            case TIMESTAMP -> readTimestamp(p, shape, member == null ? shape.timestampFormat() : member.timestampFormat());
            case BLOB -> {
                expect(p, t == JsonToken.VALUE_STRING, shape);
                try {
                    // Java's decoder takes unpadded text, which restJson1 servers must reject
                    if (dialect.strict() && p.getText().length() % 4 != 0) {
                        throw new IllegalArgumentException("unpadded");
                    }
                    yield Base64.getDecoder().decode(p.getText());
                } catch (IllegalArgumentException e) {
                    throw new MalformedInputException("Invalid base64 value for " + shape.name());
                }
            }
            case DOCUMENT -> readDocument(p);
        };
    }

    private Map<String, Object> readStructure(JsonParser p, Shape shape, boolean bodyOnly) throws IOException {
        expect(p, p.currentToken() == JsonToken.START_OBJECT, shape);
        Map<String, Object> out = new LinkedHashMap<>();
        int set = 0;
        int known = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("__type")) {
                p.skipChildren();
                continue;
            }
            // an unknown member set in a union still counts: the sender meant another variant
            set += p.currentToken() == JsonToken.VALUE_NULL ? 0 : 1;
            Member m = dialect.member(shape, name);
            if (m == null || bodyOnly && !JsonDialect.inRequestBody(m)) {
                p.skipChildren();
                continue;
            }
            Object value = read(p, m.target(), m);
            if (value != null) {
                out.put(m.name(), value);
                known++;
            }
        }
        if (shape.isUnion() && dialect.strict() && (set != 1 || known != 1)) {
            throw new MalformedInputException("Union " + shape.name() + " must have exactly one known member set");
        }
        return out;
    }

    private List<Object> readList(JsonParser p, Shape shape) throws IOException {
        expect(p, p.currentToken() == JsonToken.START_ARRAY, shape);
        List<Object> out = new ArrayList<>();
        Member element = shape.listMember();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Object value = read(p, element.target(), element);
            if (value == null && !shape.isSparse() && dialect.strict()) {
                throw new MalformedInputException("Null item in the dense list " + shape.name());
            }
            if (value != null || shape.isSparse()) {
                out.add(value);
            }
        }
        return out;
    }

    private Map<String, Object> readMap(JsonParser p, Shape shape) throws IOException {
        expect(p, p.currentToken() == JsonToken.START_OBJECT, shape);
        Map<String, Object> out = new LinkedHashMap<>();
        Member value = shape.mapValue();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            Object v = read(p, value.target(), value);
            if (v == null && !shape.isSparse() && dialect.strict()) {
                throw new MalformedInputException("Null value for key '" + key + "' in the dense map " + shape.name());
            }
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

    /**
     * A JSON timestamp is epoch seconds unless its member names another format. awsJson also takes
     * any ISO 8601 or http-date string; restJson1 takes only the member's format.
     */
    private Instant readTimestamp(JsonParser p, Shape shape, String format) throws IOException {
        JsonToken t = p.currentToken();
        boolean epoch = format == null || Timestamps.EPOCH_SECONDS.equals(format);
        if (t.isNumeric() && (epoch || !dialect.strict())) {
            return Timestamps.fromEpochSeconds(p.getDecimalValue());
        }
        expect(p, t == JsonToken.VALUE_STRING && !(epoch && dialect.strict()), shape);
        Instant parsed = dialect.strict() ? Timestamps.parseStrict(p.getText(), format) : Timestamps.parse(p.getText());
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
}
