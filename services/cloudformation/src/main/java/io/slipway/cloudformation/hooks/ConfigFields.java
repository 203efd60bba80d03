package io.slipway.cloudformation.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one level of a hook configuration, naming the field's path in every complaint so a user
 * can find it in a 300 KB document.
 */
final class ConfigFields {
    private ConfigFields() {
    }

    static Map<String, Object> object(Object value, String path) {
        Map<String, Object> object = HookJson.asObject(value);
        if (object == null) {
            throw new HookConfigurationException(path + " must be a JSON object");
        }
        return object;
    }

    static void onlyKnown(Map<String, Object> object, String path, Set<String> known) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw new HookConfigurationException("Unsupported property " + path + "." + key);
            }
        }
    }

    /** A string from {@code allowed}, or null when absent. */
    static String oneOf(Map<String, Object> object, String key, String path, Set<String> allowed) {
        Object value = object.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || !allowed.contains(s)) {
            throw new HookConfigurationException(path + "." + key + " must be one of " + sorted(allowed));
        }
        return s;
    }

    static String string(Map<String, Object> object, String key, String path) {
        Object value = object.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new HookConfigurationException(path + "." + key + " must be a non-empty string");
        }
        return s;
    }

    /** A list of strings, each matching {@code pattern}; null when absent. */
    static List<String> strings(Map<String, Object> object, String key, String path, int max, Pattern pattern) {
        Object value = object.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > max) {
            throw new HookConfigurationException(path + "." + key + " must be a list of 1 to " + max + " entries");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s) || !pattern.matcher(s).matches()) {
                throw new HookConfigurationException(path + "." + key + " has an invalid entry: " + o);
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
