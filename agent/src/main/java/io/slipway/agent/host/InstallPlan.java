package io.slipway.agent.host;

import io.slipway.agent.spec.PermissionRule;
import io.slipway.agent.spec.PermissionRule.ObjectType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Install will do, in order, built before anything changes so that a bad AppSpec file fails
 * without touching the host. Destinations are host paths in normal form.
 */
final class InstallPlan {
    sealed interface Step {
    }

    record MakeDirectory(String directory) implements Step {
    }

    record Copy(Path source, String destination) implements Step {
    }

    record SetPermissions(String object, PermissionRule rule) implements Step {
    }

    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Path> copyTargets = new LinkedHashMap<>();
    private final Set<String> directoryTargets = new LinkedHashSet<>();
    private final Set<String> permissionTargets = new HashSet<>();

    List<Step> steps() {
        return steps;
    }

    void copy(Path source, String destination) throws CommandFailure {
        if (copyTargets.containsKey(destination)) {
            throw CommandFailure.unknown("The deployment failed because the application specification file specifies two source files named "
                    + source + " and " + copyTargets.get(destination) + " for the same destination (" + destination + "). Remove one of "
                    + "the source file paths from the AppSpec file, and then try again.");
        }
        if (directoryTargets.contains(destination)) {
            throw CommandFailure.unknown("The deployment failed because the application specification file calls for installing the file "
                    + source + ", but a file with that name already exists at the location (" + destination + "). Update your AppSpec "
                    + "file or directory structure, and then try again.");
        }
        steps.add(new Copy(source, destination));
        copyTargets.put(destination, source);
    }

    void makeDirectory(String directory) throws CommandFailure {
        if (copyTargets.containsKey(directory)) {
            throw CommandFailure.unknown("The deployment failed because the application specification file includes an mkdir command more "
                    + "than once for the same destination path (" + directory + ") from (" + copyTargets.get(directory) + "). Update the "
                    + "files section of the AppSpec file, and then try again.");
        }
        if (directoryTargets.add(directory)) {
            steps.add(new MakeDirectory(directory));
        }
    }

    void setPermissions(String object, PermissionRule rule) throws CommandFailure {
        if (!permissionTargets.add(object)) {
            throw CommandFailure.unknown("The deployment failed because the permissions setting for (" + object + ") is specified more "
                    + "than once in the application specification file. Update the files section of the AppSpec file, and then try again.");
        }
        steps.add(new SetPermissions(object, rule));
    }

    boolean copies(String path) {
        return copyTargets.containsKey(path);
    }

    boolean makesDirectory(String path) {
        return directoryTargets.contains(path);
    }

    /** The files and directories this install creates that a directory-wide rule covers. */
    List<String> coveredBy(PermissionRule rule) {
        List<String> matches = new ArrayList<>();
        if (rule.types().contains(ObjectType.FILE)) {
            copyTargets.keySet().stream().filter(rule::covers).forEach(matches::add);
        }
        if (rule.types().contains(ObjectType.DIRECTORY)) {
            directoryTargets.stream().filter(rule::covers).forEach(matches::add);
        }
        return matches;
    }
}
