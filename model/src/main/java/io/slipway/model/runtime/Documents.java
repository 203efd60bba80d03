package io.slipway.model.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Conversions between generated records and the document tree the codecs read and write: maps
 * with String keys for structures and maps, lists, and String, Integer, Long, Double, Float,
 * Boolean, Instant or byte[] leaves. Absent members are absent keys; null stays null.
 */
public final class Documents {
    private Documents() {
    }

    public static void put(Map<String, Object> document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    public static <T> T toStructure(Object value, Function<Map<String, Object>, T> reader) {
        return value == null ? null : reader.apply(asMap(value));
    }

    public static Map<String, Object> fromStructure(AwsStructure value) {
        return value == null ? null : value.toDocument();
    }

    public static <T> List<T> toList(Object value, Function<Object, T> element) {
        if (value == null) {
            return null;
        }
        List<?> source = (List<?>) value;
        List<T> out = new ArrayList<>(source.size());
        for (Object o : source) {
            out.add(element.apply(o));
        }
        return out;
    }

    public static <T> List<Object> fromList(List<T> value, Function<T, Object> element) {
        if (value == null) {
            return null;
        }
        List<Object> out = new ArrayList<>(value.size());
        for (T t : value) {
            out.add(element.apply(t));
        }
        return out;
    }

    public static <T> Map<String, T> toMap(Object value, Function<Object, T> element) {
        if (value == null) {
            return null;
        }
        Map<?, ?> source = (Map<?, ?>) value;
        Map<String, T> out = new LinkedHashMap<>(Math.max(4, source.size() * 2));
        source.forEach((k, v) -> out.put((String) k, element.apply(v)));
        return out;
    }

    public static <T> Map<String, Object> fromMap(Map<String, T> value, Function<T, Object> element) {
        if (value == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>(Math.max(4, value.size() * 2));
        value.forEach((k, v) -> out.put(k, element.apply(v)));
        return out;
    }

    public static String fromEnum(AwsEnum value) {
        return value == null ? null : value.value();
    }

    public static Integer toInteger(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    public static Long toLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    public static Double toDouble(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    public static Float toFloat(Object value) {
        return value == null ? null : ((Number) value).floatValue();
    }
}
