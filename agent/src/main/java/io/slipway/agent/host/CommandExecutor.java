package io.slipway.agent.host;

import io.slipway.agent.bundle.BundleUnpacker;
import io.slipway.agent.client.S3BundleClient;
import io.slipway.agent.spec.AppSpec;
import io.slipway.agent.spec.AppSpecParser;
import io.slipway.agent.spec.DeploymentSpecification;
import io.slipway.agent.spec.S3Revision;
import io.slipway.agent.spec.SpecificationException;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs one host command of a deployment: DownloadBundle, Install, or a lifecycle event's hooks.
 * Every failure becomes a {@link CommandResult} with the official agent's error code and message.
 */
public final class CommandExecutor {
    /** Deployment directories a group keeps, the current one included, as the official agent does. */
    static final int ARCHIVES_TO_RETAIN = 5;
    private static final System.Logger LOG = System.getLogger(CommandExecutor.class.getName());

    private final HostLayout layout;
    private final S3BundleClient s3;
    private final Installer installer;
    private final LifecycleEventRunner events;

    public CommandExecutor(HostLayout layout, S3BundleClient s3, Clock clock, RunningUser user) {
        this.layout = layout;
        this.s3 = s3;
        this.installer = new Installer(layout, user);
        this.events = new LifecycleEventRunner(layout, new ScriptRunner(user), clock);
    }

    /** Whether the command has nothing to do here (a lifecycle event without scripts): the acknowledgement says so. */
    public boolean isNoop(String commandName, DeploymentSpecification spec) {
        if (!LifecycleEventRunner.EVENTS.contains(commandName)) {
            return false;
        }
        try {
            return events.isNoop(commandName, spec);
        } catch (IOException | SpecificationException | RuntimeException e) {
            return false; // running it will report the problem
        }
    }

    public CommandResult execute(String commandName, DeploymentSpecification spec) throws InterruptedException {
        try {
            Path deploymentDir = layout.deploymentDir(spec.deploymentGroupId(), spec.deploymentId());
            Files.createDirectories(deploymentDir);
            switch (commandName) {
                case "DownloadBundle" -> downloadBundle(spec, deploymentDir);
                case "Install" -> install(spec, deploymentDir);
                default -> {
                    if (LifecycleEventRunner.EVENTS.contains(commandName)) {
                        return events.run(commandName, spec);
                    }
                    throw CommandFailure.unknown("Unsupported command type: " + commandName);
                }
            }
            return CommandResult.succeeded("");
        } catch (CommandFailure failure) {
            return CommandResult.failed(failure, "");
        } catch (IOException | SpecificationException | RuntimeException e) {
            LOG.log(Level.DEBUG, commandName + " failed", e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return CommandResult.failed(CommandFailure.unknown(message), "");
        }
    }

    private void downloadBundle(DeploymentSpecification spec, Path deploymentDir) throws IOException, InterruptedException {
        removeOldArchives(spec, deploymentDir);
        S3Revision revision = spec.revision();
        Path bundle = HostLayout.bundleFile(deploymentDir, revision.bundleType());
        s3.download(revision.bucket(), revision.key(), revision.version(), revision.etag(), bundle);
        Path archiveDir = HostLayout.archiveDir(deploymentDir);
        FileTrees.delete(archiveDir);
        FileTrees.delete(archiveDir.resolveSibling(archiveDir.getFileName() + "-temp"));
        BundleUnpacker.unpack(bundle, revision.bundleType(), archiveDir);
        layout.recordMostRecentInstall(spec.deploymentGroupId(), deploymentDir);
    }

    private void install(DeploymentSpecification spec, Path deploymentDir) throws IOException, CommandFailure, SpecificationException {
        Path archiveDir = HostLayout.archiveDir(deploymentDir);
        Path file = HostLayout.appSpecFile(archiveDir, spec.appSpecFilename()).orElseThrow(() -> CommandFailure.unknown(
                "The CodeDeploy agent did not find an AppSpec file within the unpacked revision directory at revision-relative path \""
                        + spec.appSpecFilename() + "\". The revision was unpacked to directory \"" + archiveDir + "\"."));
        AppSpec appSpec = AppSpecParser.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (!spec.allPossibleLifecycleEvents().isEmpty()) {
            List<String> unknown = appSpec.hooks().keySet().stream().filter(e -> !spec.allPossibleLifecycleEvents().contains(e)).sorted().toList();
            if (!unknown.isEmpty()) {
                throw CommandFailure.unknown(file.getFileName() + " file contains unknown lifecycle events: " + unknown);
            }
        }
        installer.install(spec.deploymentGroupId(), appSpec, archiveDir, spec.fileExistsBehavior());
        layout.recordLastSuccessfulInstall(spec.deploymentGroupId(), deploymentDir);
    }

    /** Keeps the group's newest deployment directories, never the last successful install's. */
    private void removeOldArchives(DeploymentSpecification spec, Path current) throws IOException {
        List<Path> others = new ArrayList<>();
        try (Stream<Path> list = Files.list(layout.groupDir(spec.deploymentGroupId()))) {
            list.filter(p -> !p.equals(current) && Files.isDirectory(p)).forEach(others::add);
        }
        int extra = others.size() - ARCHIVES_TO_RETAIN + 1;
        if (extra <= 0) {
            return;
        }
        Optional<Path> lastSuccessful = layout.lastSuccessfulInstall(spec.deploymentGroupId());
        lastSuccessful.ifPresent(others::remove);
        others.sort(Comparator.comparing(CommandExecutor::modified));
        for (Path old : others.subList(0, Math.min(extra, others.size()))) {
            LOG.log(Level.DEBUG, "Removing old deployment directory {0}", old);
            FileTrees.delete(old);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
