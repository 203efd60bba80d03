package io.slipway.core.protocol.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first difference between two document trees, with its path. Numbers must agree in type
 * (an Integer where a Long is due would break a generated record's reader), blobs by content.
 */
final class DocumentDiff {
    private DocumentDiff() {
    }

    static Optional<String> between(Object expected, Object actual) {
        return diff("$", expected, actual);
    }

    private static Optional<String> diff(String path, Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual ? Optional.empty() : differ(path, expected, actual);
        }
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            if (!e.keySet().equals(a.keySet())) {
                return Optional.of(path + ": keys " + e.keySet() + " expected, got " + a.keySet());
            }
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                Optional<String> d = diff(path + "." + entry.getKey(), entry.getValue(), a.get(entry.getKey()));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                return Optional.of(path + ": " + e.size() + " items expected, got " + a.size());
            }
            for (int i = 0; i < e.size(); i++) {
                Optional<String> d = diff(path + "[" + i + "]", e.get(i), a.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (expected instanceof byte[] e && actual instanceof byte[] a) {
            return Arrays.equals(e, a) ? Optional.empty() : differ(path, new String(e), new String(a));
        }
        return expected.equals(actual) ? Optional.empty() : differ(path, expected, actual);
    }

    private static Optional<String> differ(String path, Object expected, Object actual) {
        return Optional.of(path + ": expected " + describe(expected) + ", got " + describe(actual));
    }

    private static String describe(Object v) {
        return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
    }
}
