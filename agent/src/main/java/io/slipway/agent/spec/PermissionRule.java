package io.slipway.agent.spec;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One {@code permissions} entry of an AppSpec file. Matching follows the official agent: an object
 * that is a directory covers what Install created below it; a pattern other than {@code **} matches
 * names of its direct children only, {@code *} standing for any characters.
 */
public record PermissionRule(String object, String pattern, List<String> except, Set<ObjectType> types,
                             Optional<String> owner, Optional<String> group, OptionalInt mode) {
    public enum ObjectType { FILE, DIRECTORY }

    public PermissionRule {
        except = List.copyOf(except);
        types = Set.copyOf(types);
    }

    /** Whether {@code path}, below {@link #object()}, is matched by the pattern and not by an exception. */
    public boolean covers(String path) {
        String base = object.endsWith("/") ? object : object + "/";
        if (!path.startsWith(base)) {
            return false;
        }
        String relative = path.substring(base.length());
        boolean matched = pattern.equals("**") || matchesGlob(relative, pattern);
        return matched && except.stream().noneMatch(e -> matchesGlob(relative, e));
    }

    private static boolean matchesGlob(String name, String glob) {
        return !name.contains("/") && matches(name, 0, glob, 0);
    }

    private static boolean matches(String name, int n, String glob, int g) {
        if (g == glob.length()) {
            return n == name.length();
        }
        if (glob.charAt(g) == '*') {
            for (int i = n; i <= name.length(); i++) {
                if (matches(name, i, glob, g + 1)) {
                    return true;
                }
            }
            return false;
        }
        return n < name.length() && name.charAt(n) == glob.charAt(g) && matches(name, n + 1, glob, g + 1);
    }
}
