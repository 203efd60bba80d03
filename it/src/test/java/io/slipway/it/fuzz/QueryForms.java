package io.slipway.it.fuzz;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Writes a document as an awsQuery form ({@code Name.member.1=...}), as botocore's query serializer does. */
final class QueryForms {
    private QueryForms() {
    }

    static String write(String action, String version, Shape input, Map<String, Object> document) {
        StringBuilder form = new StringBuilder("Action=").append(encode(action)).append("&Version=").append(encode(version));
        flatten(form, "", input, document);
        return form.toString();
    }

    private static void flatten(StringBuilder form, String prefix, Shape shape, Object value) {
        ShapeType type = shape == null ? null : shape.type();
        switch (value) {
            case null -> param(form, prefix, "");
            case Map<?, ?> map when type == ShapeType.MAP -> {
                int i = 1;
                String entry = shape.isFlattened() ? prefix : prefix + ".entry";
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String at = entry + "." + i++;
                    param(form, at + "." + name(shape.mapKey(), "key"), String.valueOf(e.getKey()));
                    flatten(form, at + "." + name(shape.mapValue(), "value"), shape.mapValue().target(), e.getValue());
                }
            }
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    Member m = type == ShapeType.STRUCTURE ? shape.member(key) : null;
                    String child = (prefix.isEmpty() ? "" : prefix + ".") + (m == null ? key : name(m, m.name()));
                    flatten(form, child, m == null ? null : m.target(), e.getValue());
                }
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    param(form, prefix, "");
                }
                Member element = type == ShapeType.LIST ? shape.listMember() : null;
                String base = shape != null && shape.isFlattened() ? prefix : prefix + "." + name(element, "member");
                int i = 1;
                for (Object o : list) {
                    flatten(form, base + "." + i++, element == null ? null : element.target(), o);
                }
            }
            default -> param(form, prefix, FuzzCase.text(value));
        }
    }


    private static String name(Member m, String fallback) {
        return m == null ? fallback : m.locationName() != null ? m.locationName() : fallback;
    }

    private static void param(StringBuilder form, String name, String value) {
        form.append('&').append(encode(name)).append('=').append(encode(value));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The raw query text itself, for a {@link List}-free map of querystring parameters. */
    static String pairs(List<Map.Entry<String, String>> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            out.append(out.isEmpty() ? "" : "&").append(encode(p.getKey())).append('=').append(encode(p.getValue()));
        }
        return out.toString();
    }
}
