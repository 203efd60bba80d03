package io.slipway.agent.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An EC2/on-premises AppSpec file: which revision files go where, the permissions they get, and the
 * scripts each lifecycle event runs.
 *
 * @param ignoresAclsOrContext whether some permission asks for ACLs or an SELinux context, which
 *                             this agent does not apply
 */
public record AppSpec(String os, List<FileMapping> files, List<PermissionRule> permissions, Map<String, List<HookScript>> hooks,
                      Optional<FileExistsBehavior> fileExistsBehavior, boolean ignoresAclsOrContext) {
    public AppSpec {
        files = List.copyOf(files);
        permissions = List.copyOf(permissions);
        hooks = Map.copyOf(hooks);
    }

    /** The scripts of one lifecycle event, in order; empty when the event has none. */
    public List<HookScript> hooks(String lifecycleEvent) {
        return hooks.getOrDefault(lifecycleEvent, List.of());
    }

    /** One {@code files} entry: a path in the revision and the host directory it is copied into. */
    public record FileMapping(String source, String destination) {
    }

    /** One script of a hook. {@code timeoutSeconds} is at most an hour, as on AWS. */
    public record HookScript(String location, int timeoutSeconds, Optional<String> runas) {
    }
}
