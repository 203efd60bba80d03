package io.slipway.cloudformation.hooks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which targets a hook runs for: either three flat lists (Actions, InvocationPoints,
 * TargetNames), each of which must admit the target when given, or a list of Targets, one of
 * which must match. Target names (resource types, with wildcards) only narrow RESOURCE targets:
 * stack and change-set targets have no resource type to compare.
 */
sealed interface TargetFilters {
    Set<String> ACTIONS = Set.of("CREATE", "UPDATE", "DELETE");
    Set<String> INVOCATION_POINTS = Set.of("PRE_PROVISION");
    /** A resource type, each part allowed wildcards. */
    Pattern TARGET_NAME = Pattern.compile("[a-zA-Z0-9*?]{1,64}::[a-zA-Z0-9*?]{1,64}::[a-zA-Z0-9*?]{1,64}");

    boolean admits(String targetType, String targetName, String action);

    /** Flat lists; an absent list admits everything. */
    record Lists(List<String> actions, List<String> invocationPoints, List<NamePattern> targetNames)
            implements TargetFilters {
        @Override
        public boolean admits(String targetType, String targetName, String action) {
            return (actions.isEmpty() || actions.contains(action))
                    && (invocationPoints.isEmpty() || invocationPoints.contains("PRE_PROVISION"))
                    && (!targetType.equals("RESOURCE") || targetNames.isEmpty()
                    || targetNames.stream().anyMatch(p -> p.matches(targetName)));
        }
    }

    record Targets(List<Target> targets) implements TargetFilters {
        @Override
        public boolean admits(String targetType, String targetName, String action) {
            return targets.stream().anyMatch(t -> t.action().equals(action)
                    && (!targetType.equals("RESOURCE") || t.name().matches(targetName)));
        }
    }

    record Target(NamePattern name, String action, String invocationPoint) {
    }

    static TargetFilters parse(Object value) {
        String path = "TargetFilters";
        Map<String, Object> object = ConfigFields.object(value, path);
        ConfigFields.onlyKnown(object, path, Set.of("Actions", "InvocationPoints", "TargetNames", "Targets"));
        boolean flat = object.get("Actions") != null || object.get("InvocationPoints") != null
                || object.get("TargetNames") != null;
        if (object.get("Targets") != null) {
            if (flat) {
                throw new HookConfigurationException(
                        "TargetFilters.Targets cannot be combined with Actions, InvocationPoints or TargetNames");
            }
            return parseTargets(object.get("Targets"));
        }
        if (!flat) {
            throw new HookConfigurationException("TargetFilters needs Actions, InvocationPoints, TargetNames or Targets");
        }
        List<String> actions = ConfigFields.strings(object, "Actions", path, 3, Pattern.compile("CREATE|UPDATE|DELETE"));
        List<String> points = ConfigFields.strings(object, "InvocationPoints", path, 1, Pattern.compile("PRE_PROVISION"));
        List<String> names = ConfigFields.strings(object, "TargetNames", path, 50, TARGET_NAME);
        return new Lists(actions == null ? List.of() : actions, points == null ? List.of() : points,
                StackFilters.patterns(names));
    }

    private static TargetFilters parseTargets(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 50) {
            throw new HookConfigurationException("TargetFilters.Targets must be a list of 1 to 50 entries");
        }
        List<Target> targets = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "TargetFilters.Targets[" + i + "]";
            Map<String, Object> entry = ConfigFields.object(list.get(i), path);
            ConfigFields.onlyKnown(entry, path, Set.of("TargetName", "Action", "InvocationPoint"));
            String name = ConfigFields.string(entry, "TargetName", path);
            String action = ConfigFields.oneOf(entry, "Action", path, ACTIONS);
            String point = ConfigFields.oneOf(entry, "InvocationPoint", path, INVOCATION_POINTS);
            if (name == null || action == null || point == null) {
                throw new HookConfigurationException(path + " needs TargetName, Action and InvocationPoint");
            }
            if (!TARGET_NAME.matcher(name).matches()) {
                throw new HookConfigurationException(path + ".TargetName is not a resource type: " + name);
            }
            targets.add(new Target(NamePattern.of(name), action, point));
        }
        return new Targets(List.copyOf(targets));
    }
}
