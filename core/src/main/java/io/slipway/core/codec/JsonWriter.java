package io.slipway.core.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The writing half of {@link JsonCodec}: timestamps as epoch seconds unless a member says
 * otherwise, blobs as base64, non-finite floats as strings, absent and null members left out.
 */
final class JsonWriter {
    private final JsonDialect dialect;

    JsonWriter(JsonDialect dialect) {
        this.dialect = dialect;
    }

    void write(JsonGenerator g, Shape shape, Object value, Member member) throws IOException {
        switch (shape.type()) {
            case STRUCTURE -> {
                g.writeStartObject();
                writeMembers(g, shape, (Map<?, ?>) value, false);
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
            case TIMESTAMP -> writeTimestamp(g, (Instant) value, member == null ? shape.timestampFormat() : member.timestampFormat());
            case BLOB -> g.writeString(Base64.getEncoder().encodeToString((byte[]) value));
            case DOCUMENT -> writeDocument(g, value);
        }
    }

    /**
     * Members in model order; absent and null members are left out. With {@code bodyOnly}, members
     * bound to headers, the status or the payload are left out too (they travel elsewhere).
     */
    void writeMembers(JsonGenerator g, Shape shape, Map<?, ?> doc, boolean bodyOnly) throws IOException {
        for (Member m : shape.members()) {
            Object v = doc.get(m.name());
            if (v != null && (!bodyOnly || JsonDialect.inResponseBody(m))) {
                g.writeFieldName(dialect.key(m));
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
