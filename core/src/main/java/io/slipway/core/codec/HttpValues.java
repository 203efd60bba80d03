package io.slipway.core.codec;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Scalars as the rest protocols carry them in URI labels, query parameters and headers: numbers
 * and booleans in their plain decimal and literal forms, blobs and JSON-valued strings in base64,
 * timestamps in the member's format or the location's default. Text that is not of the member's
 * type is malformed input, never a silent zero.
 */
public final class HttpValues {
    private HttpValues() {
    }

    /**
     * The value of one scalar, for a member whose own or target timestamp format wins over
     * {@code defaultFormat} (date-time for labels and queries, http-date for headers).
     */
    public static Object parse(String text, Member member, String defaultFormat) {
        Shape shape = member.target();
        return switch (shape.type()) {
            case STRING -> member.isJsonValue() ? new String(base64(text, member), StandardCharsets.UTF_8) : text;
            case BOOLEAN -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw malformed(text, member);
            };
            case BYTE, SHORT, INTEGER, LONG -> integral(text, member);
            case BIG_INTEGER -> {
                requireInteger(text, member);
                yield new BigInteger(text);
            }
            case BIG_DECIMAL -> {
                requireDecimal(text, member);
                yield new BigDecimal(text);
            }
            case FLOAT, DOUBLE -> {
                double d = switch (text) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> {
                        requireDecimal(text, member);
                        yield Double.parseDouble(text);
                    }
                };
                yield shape.type() == ShapeType.FLOAT ? (Object) (float) d : (Object) d;
            }
            case TIMESTAMP -> {
                String format = member.timestampFormat() != null ? member.timestampFormat() : defaultFormat;
                Instant t = Timestamps.parseStrict(text, format);
                if (t == null) {
                    throw malformed(text, member);
                }
                yield t;
            }
            case BLOB -> base64(text, member);
            default -> throw new MalformedInputException("Member " + member.name() + " of type "
                    + shape.type() + " cannot be bound to an HTTP header, label or query parameter");
        };
    }

    /** The text of one scalar (the inverse of {@link #parse}). */
    public static String format(Object value, Member member, String defaultFormat) {
        return switch (value) {
            case String s -> member.isJsonValue() ? Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) : s;
            case Instant t -> {
                String format = member.timestampFormat() != null ? member.timestampFormat() : defaultFormat;
                yield Timestamps.ISO_8601.equals(format) ? Timestamps.iso(t)
                        : Timestamps.HTTP_DATE.equals(format) ? Timestamps.httpDate(t)
                        : Timestamps.epochSeconds(t).toPlainString();
            }
            case byte[] b -> Base64.getEncoder().encodeToString(b);
            case Double d -> floating(d);
            case Float f -> floating(f);
            case BigDecimal b -> b.toPlainString();
            default -> value.toString();
        };
    }

    /**
     * The items of a list header: comma-separated, an item in double quotes may hold commas and
     * escaped quotes. http-dates hold a comma of their own, so their items are rejoined in pairs.
     */
    public static List<String> splitHeader(String value, boolean httpDates) {
        List<String> out = new ArrayList<>();
        if (value.isBlank()) {
            return out;
        }
        if (httpDates) {
            String[] parts = value.split(",");
            for (int i = 0; i + 1 < parts.length; i += 2) {
                out.add((parts[i] + "," + parts[i + 1]).trim());
            }
            if (parts.length % 2 != 0) {
                throw new MalformedInputException("Malformed list of http-dates: " + value);
            }
            return out;
        }
        int i = 0;
        int n = value.length();
        while (i <= n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && value.charAt(i) == '"') {
                StringBuilder item = new StringBuilder();
                i++;
                while (i < n && value.charAt(i) != '"') {
                    if (value.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    item.append(value.charAt(i++));
                }
                if (i >= n) {
                    throw new MalformedInputException("Unterminated quoted string in header value: " + value);
                }
                int comma = value.indexOf(',', i);
                if (!value.substring(i + 1, comma < 0 ? n : comma).isBlank()) {
                    throw new MalformedInputException("Unexpected text after a quoted string in header value: " + value);
                }
                out.add(item.toString());
                i = comma < 0 ? n + 1 : comma + 1;
            } else {
                int comma = value.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                out.add(value.substring(i, end).trim());
                i = end + 1;
            }
        }
        return out;
    }

    /** A list header's value: strings holding a comma or a quote are quoted, as {@link #splitHeader} reads them. */
    public static String joinHeader(List<String> items, boolean quoteStrings) {
        StringBuilder sb = new StringBuilder();
        for (String item : items) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            if (quoteStrings && (item.indexOf(',') >= 0 || item.indexOf('"') >= 0)) {
                sb.append('"').append(item.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append(item);
            }
        }
        return sb.toString();
    }

    /** Strict base64: padded to a multiple of four, no line breaks (Java's decoder alone accepts unpadded text). */
    public static byte[] base64(String text, Member member) {
        try {
            if (text.length() % 4 != 0) {
                throw new IllegalArgumentException("unpadded");
            }
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("Invalid base64 value for " + member.name());
        }
    }

    private static Object integral(String text, Member member) {
        requireInteger(text, member);
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw malformed(text, member);
        }
        long max = switch (member.target().type()) {
            case BYTE -> Byte.MAX_VALUE;
            case SHORT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        if (v > max || v < -max - 1) {
            throw new MalformedInputException("Number " + text + " is out of range for " + member.name());
        }
        return member.target().type() == ShapeType.LONG ? (Object) v : (Object) (int) v;
    }

    /** An optional minus and digits only: no plus sign, hex, fraction or whitespace. */
    private static void requireInteger(String text, Member member) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            throw malformed(text, member);
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw malformed(text, member);
            }
        }
    }

    /** A JSON-style decimal number: -?digits[.digits][e[+-]digits]; Java's parsers also take hex, "1d" and spaces. */
    private static void requireDecimal(String text, Member member) {
        int i = text.startsWith("-") ? 1 : 0;
        int digits = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            i++;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits > 0 && i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
                exponent++;
            }
            digits = exponent == 0 ? 0 : digits;
        }
        if (digits == 0 || i != text.length()) {
            throw malformed(text, member);
        }
    }

    private static String floating(Number n) {
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return n instanceof Float f ? Float.toString(f) : Double.toString(d);
    }

    private static MalformedInputException malformed(String text, Member member) {
        return new MalformedInputException("Value '" + text + "' is not a valid " + member.target().type().name().toLowerCase()
                + " for " + member.name());
    }
}
