package io.slipway.cloudformation.registry;

import io.slipway.core.codec.JsonCodec;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one line of the compact resource specification (the codegen's {@code TrimResourceSpec} tells its form). */
final class SpecLines {
    private static final Shape DOCUMENT = new Shape("Document", ShapeType.DOCUMENT);

    private SpecLines() {
    }

    static ResourceTypeSpec parse(String line) {
        Map<String, Object> d = asMap(JsonCodec.readRestJsonValue(line.getBytes(StandardCharsets.UTF_8), DOCUMENT));
        List<Object> pt = asList(d.get("pt"));
        List<ValueType.Structure> structures = new ArrayList<>(pt.size());
        for (Object o : pt) {
            structures.add(new ValueType.Structure((String) asMap(o).get("n")));
        }
        for (int i = 0; i < pt.size(); i++) {
            structures.get(i).fill(properties(asMap(asMap(pt.get(i)).get("p")), structures));
        }
        Map<String, ValueType> attributes = new LinkedHashMap<>();
        asMap(d.get("a")).forEach((name, t) -> attributes.put(name, type(t, structures)));
        return new ResourceTypeSpec((String) d.get("n"), properties(asMap(d.get("p")), structures),
                Collections.unmodifiableMap(attributes), strings(d.get("id")), strings(d.get("ref")),
                Optional.ofNullable((String) d.get("arn")), Optional.ofNullable((String) d.get("tag")));
    }

    private static Map<String, PropertySpec> properties(Map<String, Object> source, List<ValueType.Structure> structures) {
        Map<String, PropertySpec> out = new LinkedHashMap<>();
        source.forEach((name, o) -> {
            Map<String, Object> p = asMap(o);
            PropertySpec.Replacement replacement = switch (String.valueOf(p.get("x"))) {
                case "y" -> PropertySpec.Replacement.ALWAYS;
                case "c" -> PropertySpec.Replacement.CONDITIONAL;
                default -> PropertySpec.Replacement.NONE;
            };
            out.put(name, new PropertySpec(name, type(p.get("t"), structures), p.get("q") != null, replacement));
        });
        return Collections.unmodifiableMap(out);
    }

    private static ValueType type(Object t, List<ValueType.Structure> structures) {
        if (t instanceof String s) {
            return switch (s) {
                case "S" -> new ValueType.Scalar(ValueType.Kind.STRING);
                case "I" -> new ValueType.Scalar(ValueType.Kind.INTEGER);
                case "N" -> new ValueType.Scalar(ValueType.Kind.NUMBER);
                case "B" -> new ValueType.Scalar(ValueType.Kind.BOOLEAN);
                case "J" -> new ValueType.Scalar(ValueType.Kind.JSON);
                case "D" -> new ValueType.Scalar(ValueType.Kind.DATE_TIME);
                case "T" -> new ValueType.Scalar(ValueType.Kind.TAG);
                default -> structures.get(Integer.parseInt(s.substring(1)));
            };
        }
        List<Object> composite = asList(t);
        return switch ((String) composite.get(0)) {
            case "A" -> new ValueType.ArrayOf(type(composite.get(1), structures));
            case "M" -> new ValueType.MapOf(type(composite.get(1), structures));
            default -> new ValueType.AnyOf(composite.subList(1, composite.size()).stream()
                    .map(x -> type(x, structures)).toList());
        };
    }

    private static List<String> strings(Object o) {
        return o == null ? List.of() : asList(o).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }
}
