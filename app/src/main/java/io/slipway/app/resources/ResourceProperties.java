package io.slipway.app.resources;

import io.slipway.cloudformation.resource.ResourceFailure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A resource's properties (or one object inside them) as the template wrote them, read with the
 * type each property has in CloudFormation's resource schema. Templates write numbers as numbers
 * or as strings ("30") and CloudFormation accepts both, so the readers do too. A value of the
 * wrong type or a missing required property fails the way CloudFormation's schema validation
 * reports it: "Properties validation failed for resource X with message: #/Timeout: ...".
 *
 * @param path where these values sit, in JSON-pointer style: "#" for the properties themselves
 */
record ResourceProperties(String logicalId, String path, Map<String, Object> values) {

    public ResourceProperties {
        values = values == null ? Map.of() : values;
    }

    public static ResourceProperties of(String logicalId, Map<String, Object> properties) {
        return new ResourceProperties(logicalId, "#", properties);
    }

    /**
     * The properties this provider applies. The others were validated against the resource
     * specification before the provider was called (so none is unknown to AWS): they are accepted
     * and kept with the stack's resource, recorded rather than applied.
     */
    public ResourceProperties only(Set<String> known) {
        if (known.containsAll(values.keySet())) {
            return this;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (known.contains(k)) {
                kept.put(k, v);
            }
        });
        return new ResourceProperties(logicalId, path, kept);
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public Optional<String> string(String key) {
        Object v = values.get(key);
        return switch (v) {
            case null -> Optional.empty();
            case String s -> Optional.of(s);
            case Number n -> Optional.of(n instanceof BigDecimal d ? d.toPlainString() : n.toString());
            case Boolean b -> Optional.of(b.toString());
            default -> throw wrongType(key, "String", v);
        };
    }

    public String requiredString(String key) {
        return string(key).orElseThrow(() -> missing(key));
    }

    public Optional<Integer> integer(String key) {
        Object v = values.get(key);
        try {
            return switch (v) {
                case null -> Optional.empty();
                case Number n -> Optional.of(new BigDecimal(n.toString()).intValueExact());
                case String s -> Optional.of(new BigDecimal(s.trim()).intValueExact());
                default -> throw wrongType(key, "Integer", v);
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw wrongType(key, "Integer", v);
        }
    }

    public Optional<Double> decimal(String key) {
        Object v = values.get(key);
        try {
            return switch (v) {
                case null -> Optional.empty();
                case Number n -> Optional.of(n.doubleValue());
                case String s -> Optional.of(new BigDecimal(s.trim()).doubleValue());
                default -> throw wrongType(key, "Number", v);
            };
        } catch (NumberFormatException e) {
            throw wrongType(key, "Number", v);
        }
    }

    public Optional<Boolean> bool(String key) {
        Object v = values.get(key);
        return switch (v) {
            case null -> Optional.empty();
            case Boolean b -> Optional.of(b);
            case String s when s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false") -> Optional.of(Boolean.valueOf(s));
            default -> throw wrongType(key, "Boolean", v);
        };
    }

    /** An object property, read in turn with the same rules. */
    public Optional<ResourceProperties> object(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw wrongType(key, "JSONObject", v);
        }
        return Optional.of(new ResourceProperties(logicalId, path + "/" + key, stringKeys(map)));
    }

    public ResourceProperties requiredObject(String key) {
        return object(key).orElseThrow(() -> missing(key));
    }

    /** A list property (empty when absent); its elements as the template wrote them. */
    public List<Object> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(key, "JSONArray", v);
        }
        return new ArrayList<>(list);
    }

    /** A list of objects, each read with the same rules. */
    public List<ResourceProperties> objects(String key) {
        List<Object> list = list(key);
        List<ResourceProperties> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw invalid(path + "/" + key + "/" + i + ": expected type: JSONObject, found: " + typeName(list.get(i)));
            }
            out.add(new ResourceProperties(logicalId, path + "/" + key + "/" + i, stringKeys(map)));
        }
        return out;
    }

    /** A list of strings (numbers and booleans written as strings). */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(key)) {
            out.add(new ResourceProperties(logicalId, path + "/" + key, Map.of("v", o)).string("v").orElseThrow());
        }
        return out;
    }

    /** A map of strings, such as Environment.Variables; values written as numbers become strings. */
    public Map<String, String> stringMap(String key) {
        Optional<ResourceProperties> object = object(key);
        Map<String, String> out = new LinkedHashMap<>();
        object.ifPresent(o -> o.values().keySet().forEach(k -> out.put(k, o.string(k).orElse(""))));
        return out;
    }

    /** CloudFormation's tag list ([{Key, Value}, ...]) as a map, in template order. */
    public Map<String, String> tags(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ResourceProperties tag : objects(key)) {
            out.put(tag.requiredString("Key"), tag.requiredString("Value"));
        }
        return out;
    }

    /** Whether a property differs from the same property in {@code previous} (absent counts as a value). */
    public boolean changed(ResourceProperties previous, String key) {
        return !Objects.equals(normal(values.get(key)), normal(previous.values.get(key)));
    }

    public ResourceFailure missing(String key) {
        return invalid(path + ": required key [" + key + "] not found");
    }

    public ResourceFailure invalid(String message) {
        return new ResourceFailure("Properties validation failed for resource " + logicalId + " with message: " + message);
    }

    private ResourceFailure wrongType(String key, String expected, Object found) {
        return invalid(path + "/" + key + ": expected type: " + expected + ", found: " + typeName(found));
    }

    private static String typeName(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "String";
            case Number n -> "Number";
            case Boolean b -> "Boolean";
            case Map<?, ?> m -> "JSONObject";
            case List<?> l -> "JSONArray";
            default -> v.getClass().getSimpleName();
        };
    }

    /** Numbers compare by value whatever their Java type or string form: 30, 30L and "30" are one value. */
    private static Object normal(Object v) {
        return switch (v) {
            case Number n -> new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            case Boolean b -> b.toString();
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put(k, normal(x)));
                yield out;
            }
            case List<?> l -> l.stream().map(ResourceProperties::normal).toList();
            case null, default -> v;
        };
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
