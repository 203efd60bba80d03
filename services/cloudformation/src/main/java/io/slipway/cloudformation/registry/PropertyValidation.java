package io.slipway.cloudformation.registry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a resource's properties against its type's schema as CloudFormation's resource handlers
 * do, in their words: {@code #/Content: expected type: String, found: JSONObject},
 * {@code #: required key [Name] not found}, {@code #: extraneous key [Foo] is not permitted}.
 * Lenient where CloudFormation is: a number or boolean where a string is expected, and a string
 * that reads as the number or boolean expected, pass (templates write {@code "5"} and {@code 5} alike).
 */
public final class PropertyValidation {
    /** How a resource's event reason begins when its properties fail; its event's DetailedStatus is VALIDATION_FAILED. */
    public static final String PREFIX = "Properties validation failed for resource ";
    private static final String CUSTOM_RESOURCE = "AWS::CloudFormation::CustomResource";
    private static final Map<String, PropertySpec> TAG = Map.of(
            "Key", new PropertySpec("Key", new ValueType.Scalar(ValueType.Kind.STRING), true, PropertySpec.Replacement.NONE),
            "Value", new PropertySpec("Value", new ValueType.Scalar(ValueType.Kind.STRING), true, PropertySpec.Replacement.NONE));

    private PropertyValidation() {
    }

    /**
     * The failure's message for the resource, or empty when the properties are valid. A custom
     * resource takes any properties besides its ServiceToken, as CloudFormation passes them on to
     * the function unread: only the specification's required keys are checked for it.
     */
    public static Optional<String> failure(String logicalId, ResourceTypeSpec spec, Map<String, Object> properties) {
        List<String> errors = errors(spec, properties);
        if (spec.typeName().equals(CUSTOM_RESOURCE)) {
            errors = errors.stream().filter(e -> e.startsWith("#: required key")).toList();
        }
        return errors.isEmpty() ? Optional.empty()
                : Optional.of(PREFIX + logicalId + " with message: " + errors);
    }

    /** Every violation, each as {@code #/path: what}; required keys first, then unknown keys, then values. */
    public static List<String> errors(ResourceTypeSpec spec, Map<String, Object> properties) {
        List<String> out = new ArrayList<>();
        object("#", spec.properties(), properties, out);
        return out;
    }

    private static void object(String path, Map<String, PropertySpec> specs, Map<?, ?> value, List<String> out) {
        // The specification flattens the schemas' oneOf alternatives, so a nested type may list as
        // required the keys of one alternative (LambdaHook's TargetFilters: Targets, or Actions and
        // the rest). Nested objects are held to their required keys only when they use one of
        // them (or nothing at all); the resource's own properties always are.
        boolean holdRequired = path.equals("#") || value.isEmpty()
                || specs.values().stream().anyMatch(p -> p.required() && value.get(p.name()) != null);
        for (PropertySpec p : specs.values()) {
            if (holdRequired && p.required() && value.get(p.name()) == null) {
                out.add(path + ": required key [" + p.name() + "] not found");
            }
        }
        for (Object key : value.keySet()) {
            if (!specs.containsKey(String.valueOf(key))) {
                out.add(path + ": extraneous key [" + key + "] is not permitted");
            }
        }
        for (Map.Entry<?, ?> e : value.entrySet()) {
            PropertySpec p = specs.get(String.valueOf(e.getKey()));
            if (p != null) {
                check(path + "/" + e.getKey(), p.type(), e.getValue(), out);
            }
        }
    }

    private static void check(String path, ValueType type, Object value, List<String> out) {
        if (value == null) {
            return;
        }
        switch (type) {
            case ValueType.Scalar s -> scalar(path, s.kind(), value, out);
            case ValueType.ArrayOf a -> {
                if (value instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        check(path + "/" + i, a.element(), list.get(i), out);
                    }
                } else {
                    out.add(expected(path, "JSONArray", value));
                }
            }
            case ValueType.MapOf m -> {
                if (value instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> check(path + "/" + k, m.element(), v, out));
                } else {
                    out.add(expected(path, "JSONObject", value));
                }
            }
            case ValueType.Structure st -> {
                if (value instanceof Map<?, ?> map) {
                    object(path, st.properties(), map, out);
                } else {
                    out.add(expected(path, "JSONObject", value));
                }
            }
            case ValueType.AnyOf any -> {
                List<String> first = null;
                for (ValueType t : any.types()) {
                    List<String> attempt = new ArrayList<>();
                    check(path, t, value, attempt);
                    if (attempt.isEmpty()) {
                        return;
                    }
                    first = first == null ? attempt : first;
                }
                if (first != null) {
                    out.addAll(first);
                }
            }
        }
    }

    private static void scalar(String path, ValueType.Kind kind, Object value, List<String> out) {
        boolean ok = switch (kind) {
            case JSON -> true;
            case STRING, DATE_TIME -> !(value instanceof Map || value instanceof List);
            case INTEGER -> value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger
                    || (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0)
                    || (value instanceof String s && s.trim().matches("-?\\d+"));
            case NUMBER -> value instanceof Number || (value instanceof String s && number(s));
            case BOOLEAN -> value instanceof Boolean
                    || (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")));
            case TAG -> {
                if (value instanceof Map<?, ?> map) {
                    object(path, TAG, map, out);
                    yield true;
                }
                yield false;
            }
        };
        if (!ok) {
            out.add(expected(path, switch (kind) {
                case INTEGER -> "Integer";
                case NUMBER -> "Number";
                case BOOLEAN -> "Boolean";
                case TAG -> "JSONObject";
                default -> "String";
            }, value));
        }
    }

    private static boolean number(String s) {
        try {
            new BigDecimal(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String expected(String path, String expected, Object value) {
        return path + ": expected type: " + expected + ", found: " + found(value);
    }

    /** The JSON kind of a value, named as the handlers' schema validator names it. */
    private static String found(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "JSONObject";
            case List<?> l -> "JSONArray";
            case String s -> "String";
            case Boolean b -> "Boolean";
            case Integer i -> "Integer";
            case Long l -> "Long";
            case BigDecimal d -> "BigDecimal";
            case Number n -> "Number";
            default -> "String";
        };
    }
}
