package io.slipway.core.codec;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The members a rest protocol binds outside the body, by botocore's {@code location}: {@code uri}
 * (a label of the request URI), {@code querystring} (a parameter; a map takes every parameter),
 * {@code header} (lists comma-separated), {@code headers} (a map of every header under the
 * {@code locationName} prefix) and {@code statusCode}. Members without a location travel in the body.
 */
public final class HttpBindings {
    public static final String URI = "uri";
    public static final String QUERY = "querystring";
    public static final String HEADER = "header";
    public static final String HEADERS = "headers";
    public static final String STATUS_CODE = "statusCode";

    private HttpBindings() {
    }

    /** The name a bound member goes by on the wire: its locationName, else its own name. */
    public static String wireName(Member m) {
        return m.locationName() != null ? m.locationName() : m.name();
    }

    /**
     * Puts the members bound to labels, query parameters and headers into {@code input}. Headers
     * are keyed by lower-case name; {@code templateQuery} tells the query parameters the URI
     * template fixes, which are no input.
     */
    public static void read(Shape shape, Map<String, String> labels, Map<String, List<String>> query,
                            Predicate<String> templateQuery, Map<String, String> headers, Map<String, Object> input) {
        for (Member m : shape.members()) {
            String location = m.location();
            if (location == null) {
                continue;
            }
            Object value = switch (location) {
                case URI -> {
                    String text = labels.get(wireName(m));
                    yield text == null ? null : HttpValues.parse(text, m, Timestamps.ISO_8601);
                }
                case QUERY -> m.target().type() == ShapeType.MAP ? queryMap(m, query, templateQuery) : queryParam(m, query);
                case HEADER -> {
                    String text = headers.get(wireName(m).toLowerCase(Locale.ROOT));
                    yield text == null ? null : header(m, text);
                }
                case HEADERS -> prefixHeaders(m, headers);
                default -> null;
            };
            if (value != null) {
                input.put(m.name(), value);
            }
        }
    }

    private static Object queryParam(Member m, Map<String, List<String>> query) {
        List<String> values = query.get(wireName(m));
        if (values == null) {
            return null;
        }
        if (m.target().type() == ShapeType.LIST) {
            return items(m, values, Timestamps.ISO_8601);
        }
        return HttpValues.parse(values.getFirst(), m, Timestamps.ISO_8601);
    }

    /** A map bound to the query string takes every parameter, named members' ones too (Smithy's server rule). */
    private static Map<String, Object> queryMap(Member m, Map<String, List<String>> query, Predicate<String> templateQuery) {
        Member value = m.target().mapValue();
        Map<String, Object> out = new LinkedHashMap<>();
        query.forEach((key, values) -> {
            if (!templateQuery.test(key)) {
                out.put(key, value.target().type() == ShapeType.LIST ? items(value, values, Timestamps.ISO_8601)
                        : HttpValues.parse(values.getFirst(), value, Timestamps.ISO_8601));
            }
        });
        return out.isEmpty() ? null : out;
    }

    private static Object header(Member m, String text) {
        if (m.target().type() != ShapeType.LIST) {
            return HttpValues.parse(text, m, Timestamps.HTTP_DATE);
        }
        String format = itemFormat(m, Timestamps.HTTP_DATE);
        boolean httpDates = m.target().listMember().target().type() == ShapeType.TIMESTAMP && Timestamps.HTTP_DATE.equals(format);
        return items(m, HttpValues.splitHeader(text, httpDates), Timestamps.HTTP_DATE);
    }

    private static List<Object> items(Member list, List<String> texts, String defaultFormat) {
        Member element = list.target().listMember();
        String format = itemFormat(list, defaultFormat);
        List<Object> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(HttpValues.parse(text, element, format));
        }
        return out;
    }

    /** A list's items take their own timestamp format, else the list member's, else the location's default. */
    private static String itemFormat(Member list, String defaultFormat) {
        Member element = list.target().listMember();
        return element.timestampFormat() != null ? element.timestampFormat()
                : list.timestampFormat() != null ? list.timestampFormat() : defaultFormat;
    }

    private static Map<String, Object> prefixHeaders(Member m, Map<String, String> headers) {
        String prefix = m.locationName() == null ? "" : m.locationName().toLowerCase(Locale.ROOT);
        Member value = m.target().mapValue();
        Map<String, Object> out = new LinkedHashMap<>();
        headers.forEach((name, text) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), HttpValues.parse(text, value, Timestamps.HTTP_DATE));
            }
        });
        return out.isEmpty() ? null : out;
    }

    /** Writes the members bound to headers, by the names the model gives them. */
    public static void writeHeaders(Shape shape, Map<?, ?> doc, BiConsumer<String, String> out) {
        for (Member m : shape.members()) {
            Object v = doc.get(m.name());
            if (v == null || m.location() == null) {
                continue;
            }
            if (m.location().equals(HEADER)) {
                out.accept(wireName(m), headerText(m, v));
            } else if (m.location().equals(HEADERS)) {
                Member value = m.target().mapValue();
                String prefix = m.locationName() == null ? "" : m.locationName();
                ((Map<?, ?>) v).forEach((key, text) -> {
                    if (text != null) {
                        out.accept(prefix + key, HttpValues.format(text, value, Timestamps.HTTP_DATE));
                    }
                });
            }
        }
    }

    private static String headerText(Member m, Object v) {
        if (!(v instanceof List<?> list)) {
            return HttpValues.format(v, m, Timestamps.HTTP_DATE);
        }
        Member element = m.target().listMember();
        String format = itemFormat(m, Timestamps.HTTP_DATE);
        List<String> items = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item != null) {
                items.add(HttpValues.format(item, element, format));
            }
        }
        return HttpValues.joinHeader(items, element.target().type() == ShapeType.STRING);
    }

    /** The status a member bound to it asks for, or null. */
    public static Integer statusCode(Shape shape, Map<?, ?> doc) {
        for (Member m : shape.members()) {
            if (STATUS_CODE.equals(m.location()) && doc.get(m.name()) instanceof Number n) {
                return n.intValue();
            }
        }
        return null;
    }
}
