package io.slipway.cloudformation.registry;

import io.slipway.core.codec.JsonCodec;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A resource type's schema, in the registry's JSON schema form, built from the resource specification. */
final class ResourceSchemas {
    private static final Shape DOCUMENT = new Shape("Document", ShapeType.DOCUMENT);

    private ResourceSchemas() {
    }

    /** The definition name of each structure met while one schema is built. */
    private static final ThreadLocal<Map<ValueType.Structure, String>> NAMES = ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    static String of(ResourceTypeSpec spec) {
        NAMES.get().clear();
        try {
            return build(spec);
        } finally {
            NAMES.remove();
        }
    }

    private static String build(ResourceTypeSpec spec) {
        Map<String, Object> definitions = new LinkedHashMap<>();
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("typeName", spec.typeName());
        schema.put("additionalProperties", false);
        schema.put("properties", properties(spec.properties(), definitions));
        List<String> required = spec.properties().values().stream().filter(PropertySpec::required).map(PropertySpec::name).toList();
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        spec.attributes().forEach((name, type) -> {
            if (!name.contains(".") && !spec.properties().containsKey(name)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
                properties.put(name, type(type, definitions));
            }
        });
        List<String> createOnly = spec.properties().values().stream()
                .filter(p -> p.replacement() == PropertySpec.Replacement.ALWAYS).map(p -> "/properties/" + p.name()).toList();
        if (!createOnly.isEmpty()) {
            schema.put("createOnlyProperties", createOnly);
        }
        List<String> readOnly = spec.attributes().keySet().stream().map(a -> "/properties/" + a.replace('.', '/')).toList();
        if (!readOnly.isEmpty()) {
            schema.put("readOnlyProperties", readOnly);
        }
        if (!spec.primaryIdentifier().isEmpty()) {
            schema.put("primaryIdentifier", spec.primaryIdentifier().stream().map(p -> "/properties/" + p).toList());
        }
        spec.tagProperty().ifPresent(t -> schema.put("tagging", Map.of("taggable", true, "tagProperty", "/properties/" + t)));
        if (!definitions.isEmpty()) {
            schema.put("definitions", definitions);
        }
        return new String(JsonCodec.writeRestJsonValue(DOCUMENT, schema), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> properties(Map<String, PropertySpec> specs, Map<String, Object> definitions) {
        Map<String, Object> out = new LinkedHashMap<>();
        specs.values().forEach(p -> out.put(p.name(), type(p.type(), definitions)));
        return out;
    }

    private static Map<String, Object> type(ValueType type, Map<String, Object> definitions) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (type) {
            case ValueType.Scalar s -> {
                switch (s.kind()) {
                    case STRING -> out.put("type", "string");
                    case DATE_TIME -> {
                        out.put("type", "string");
                        out.put("format", "date-time");
                    }
                    case INTEGER -> out.put("type", "integer");
                    case NUMBER -> out.put("type", "number");
                    case BOOLEAN -> out.put("type", "boolean");
                    case JSON -> out.put("type", List.of("object", "string"));
                    case TAG -> out.put("$ref", "#/definitions/" + tag(definitions));
                }
            }
            case ValueType.ArrayOf a -> {
                out.put("type", "array");
                out.put("items", type(a.element(), definitions));
            }
            case ValueType.MapOf m -> {
                out.put("type", "object");
                out.put("patternProperties", Map.of(".*", type(m.element(), definitions)));
            }
            case ValueType.AnyOf any -> {
                List<Object> options = new ArrayList<>();
                any.types().forEach(t -> options.add(type(t, definitions)));
                out.put("oneOf", options);
            }
            case ValueType.Structure st -> {
                String name = definitionName(st, definitions);
                out.put("$ref", "#/definitions/" + name);
            }
        }
        return out;
    }

    private static String definitionName(ValueType.Structure st, Map<String, Object> definitions) {
        String known = NAMES.get().get(st);
        if (known != null) {
            return known;
        }
        String name = st.name();
        for (int i = 2; definitions.containsKey(name); i++) {
            name = st.name() + i; // two property types of one resource type may share a name
        }
        NAMES.get().put(st, name);
        {
            Map<String, Object> definition = new LinkedHashMap<>();
            definitions.put(name, definition); // placed before its properties, which may name it again
            definition.put("type", "object");
            definition.put("additionalProperties", false);
            definition.put("properties", properties(st.properties(), definitions));
            List<String> required = st.properties().values().stream().filter(PropertySpec::required).map(PropertySpec::name).toList();
            if (!required.isEmpty()) {
                definition.put("required", required);
            }
        }
        return name;
    }

    private static String tag(Map<String, Object> definitions) {
        definitions.computeIfAbsent("Tag", k -> Map.of("type", "object", "additionalProperties", false,
                "properties", Map.of("Key", Map.of("type", "string"), "Value", Map.of("type", "string")),
                "required", List.of("Key", "Value")));
        return "Tag";
    }
}
