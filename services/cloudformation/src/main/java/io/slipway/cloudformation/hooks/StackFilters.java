package io.slipway.cloudformation.hooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which stacks a hook runs for, by stack name and stack role. Each filter admits a stack that
 * matches one of its Include entries (or has no Include list) and none of its Exclude entries;
 * FilteringCriteria ALL needs every given filter to admit the stack, ANY needs one.
 * A stack without a role matches no role entry.
 */
record StackFilters(boolean all, Optional<IncludeExclude> stackNames, Optional<IncludeExclude> stackRoles) {
    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z*?][-a-zA-Z0-9*?]{0,127}");
    private static final Pattern ROLE = Pattern.compile("arn:.{1,1020}");

    /** Include and Exclude entries, with wildcards. */
    record IncludeExclude(List<NamePattern> include, List<NamePattern> exclude) {

        boolean admits(String name) {
            boolean included = include.isEmpty() || include.stream().anyMatch(p -> p.matches(name));
            return included && exclude.stream().noneMatch(p -> p.matches(name));
        }
    }

    boolean admits(String stackName, Optional<String> stackRole) {
        List<Boolean> verdicts = new java.util.ArrayList<>(2);
        stackNames.ifPresent(f -> verdicts.add(f.admits(stackName)));
        stackRoles.ifPresent(f -> verdicts.add(f.admits(stackRole.orElse(null))));
        return all ? verdicts.stream().allMatch(v -> v) : verdicts.stream().anyMatch(v -> v);
    }

    static StackFilters parse(Object value) {
        String path = "StackFilters";
        Map<String, Object> object = ConfigFields.object(value, path);
        ConfigFields.onlyKnown(object, path, Set.of("FilteringCriteria", "StackNames", "StackRoles"));
        String criteria = ConfigFields.oneOf(object, "FilteringCriteria", path, Set.of("ALL", "ANY"));
        if (criteria == null) {
            throw new HookConfigurationException("StackFilters.FilteringCriteria is required");
        }
        Optional<IncludeExclude> names = includeExclude(object, "StackNames", STACK_NAME);
        Optional<IncludeExclude> roles = includeExclude(object, "StackRoles", ROLE);
        if (names.isEmpty() && roles.isEmpty()) {
            throw new HookConfigurationException("StackFilters needs StackNames or StackRoles");
        }
        return new StackFilters(criteria.equals("ALL"), names, roles);
    }

    private static Optional<IncludeExclude> includeExclude(Map<String, Object> parent, String key, Pattern pattern) {
        if (parent.get(key) == null) {
            return Optional.empty();
        }
        String path = "StackFilters." + key;
        Map<String, Object> object = ConfigFields.object(parent.get(key), path);
        ConfigFields.onlyKnown(object, path, Set.of("Include", "Exclude"));
        List<String> include = ConfigFields.strings(object, "Include", path, 50, pattern);
        List<String> exclude = ConfigFields.strings(object, "Exclude", path, 50, pattern);
        if (include == null && exclude == null) {
            throw new HookConfigurationException(path + " needs Include or Exclude");
        }
        return Optional.of(new IncludeExclude(patterns(include), patterns(exclude)));
    }

    static List<NamePattern> patterns(List<String> texts) {
        return texts == null ? List.of() : texts.stream().map(NamePattern::of).toList();
    }
}
