package io.slipway.agent.host;

import io.slipway.agent.spec.AppSpec;
import io.slipway.agent.spec.AppSpec.HookScript;
import io.slipway.agent.spec.AppSpecParser;
import io.slipway.agent.spec.DeploymentSpecification;
import io.slipway.agent.spec.SpecificationException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the scripts an AppSpec file gives one lifecycle event. Events that come before the new
 * revision is installed (ApplicationStop, and the BlockTraffic events) run the scripts of the
 * group's last successful install; the others run the current deployment's.
 */
final class LifecycleEventRunner {
    static final Set<String> EVENTS = Set.of("ApplicationStop", "BeforeInstall", "AfterInstall", "ApplicationStart", "ValidateService",
            "BeforeBlockTraffic", "AfterBlockTraffic", "BeforeAllowTraffic", "AfterAllowTraffic");
    private static final System.Logger LOG = System.getLogger(LifecycleEventRunner.class.getName());

    private enum Revision { CURRENT, LAST_SUCCESSFUL, MOST_RECENT }

    private final HostLayout layout;
    private final ScriptRunner scripts;
    private final Clock clock;

    LifecycleEventRunner(HostLayout layout, ScriptRunner scripts, Clock clock) {
        this.layout = layout;
        this.scripts = scripts;
        this.clock = clock;
    }

    /** Whether the event has no script to run on this host. */
    boolean isNoop(String event, DeploymentSpecification spec) throws IOException, SpecificationException {
        return appSpec(event, spec).map(a -> a.hooks(event).isEmpty()).orElse(true);
    }

    CommandResult run(String event, DeploymentSpecification spec) throws IOException, InterruptedException {
        Path deploymentDir = layout.deploymentDir(spec.deploymentGroupId(), spec.deploymentId());
        Optional<AppSpec> appSpec;
        try {
            appSpec = appSpec(event, spec);
        } catch (SpecificationException e) {
            return CommandResult.failed(CommandFailure.unknown(e.getMessage()), "");
        }
        Optional<Path> archive = archiveFor(event, spec);
        List<HookScript> hooks = appSpec.map(a -> a.hooks(event)).orElse(List.of());
        if (hooks.isEmpty() || archive.isEmpty()) {
            return CommandResult.succeeded("");
        }
        try (ScriptLog log = new ScriptLog(HostLayout.scriptsLog(deploymentDir), clock)) {
            log.append("LifecycleEvent - " + event + "\n");
            try {
                for (HookScript script : hooks) {
                    scripts.run(script, archive.get(), environment(event, spec, layout.root()), log);
                }
            } catch (CommandFailure failure) {
                return CommandResult.failed(failure, log.tail());
            }
            return CommandResult.succeeded(log.tail());
        }
    }

    private Optional<AppSpec> appSpec(String event, DeploymentSpecification spec) throws IOException, SpecificationException {
        Optional<Path> archive = archiveFor(event, spec);
        if (archive.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> file = HostLayout.appSpecFile(archive.get(), spec.appSpecFilename());
        if (file.isEmpty()) {
            throw new SpecificationException("The CodeDeploy agent did not find an AppSpec file within the unpacked revision directory at "
                    + "revision-relative path \"" + spec.appSpecFilename() + "\". The revision was unpacked to directory \""
                    + archive.get() + "\", and the AppSpec file was expected but not found.");
        }
        return Optional.of(AppSpecParser.parse(Files.readString(file.get(), StandardCharsets.UTF_8)));
    }

    /** The archive whose AppSpec file the event follows; empty when there is none yet on this host. */
    private Optional<Path> archiveFor(String event, DeploymentSpecification spec) throws IOException {
        String group = spec.deploymentGroupId();
        Optional<Path> dir = switch (revisionFor(event, spec)) {
            case CURRENT -> Optional.of(layout.deploymentDir(group, spec.deploymentId()));
            case LAST_SUCCESSFUL -> layout.lastSuccessfulInstall(group);
            case MOST_RECENT -> layout.mostRecentInstall(group);
        };
        Optional<Path> archive = dir.map(HostLayout::archiveDir);
        if (archive.isPresent() && !Files.isDirectory(archive.get()) && revisionFor(event, spec) != Revision.CURRENT) {
            LOG.log(Level.WARNING, "The archive {0} of an earlier deployment is gone: {1} has nothing to run", archive.get(), event);
            return Optional.empty();
        }
        return archive;
    }

    private static Revision revisionFor(String event, DeploymentSpecification spec) {
        // A blue/green rollback runs the traffic hooks of the revisions the way the official agent does.
        boolean blueGreenRollback = spec.deploymentCreator().equals("codeDeployRollback") && spec.deploymentType().equals("BLUE_GREEN");
        return switch (event) {
            case "ApplicationStop" -> Revision.LAST_SUCCESSFUL;
            case "BeforeBlockTraffic", "AfterBlockTraffic" -> blueGreenRollback ? Revision.MOST_RECENT : Revision.LAST_SUCCESSFUL;
            case "BeforeAllowTraffic", "AfterAllowTraffic" -> blueGreenRollback ? Revision.LAST_SUCCESSFUL : Revision.CURRENT;
            default -> Revision.CURRENT;
        };
    }

    /**
     * AWS's variables, plus SLIPWAY_HOST_ROOT: the folder this host's AppSpec paths are mapped
     * under, so that a script on a simulated host writes to its own host's files, not the machine's.
     */
    private static Map<String, String> environment(String event, DeploymentSpecification spec, Path hostRoot) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SLIPWAY_HOST_ROOT", hostRoot.toAbsolutePath().toString());
        env.put("LIFECYCLE_EVENT", event);
        env.put("DEPLOYMENT_ID", spec.deploymentId());
        env.put("APPLICATION_NAME", spec.applicationName());
        env.put("DEPLOYMENT_GROUP_NAME", spec.deploymentGroupName());
        env.put("DEPLOYMENT_GROUP_ID", spec.deploymentGroupId());
        env.putAll(spec.revision().environment());
        return env;
    }
}
