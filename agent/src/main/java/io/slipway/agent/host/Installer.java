package io.slipway.agent.host;

import io.slipway.agent.bundle.FileModes;
import io.slipway.agent.spec.AppSpec;
import io.slipway.agent.spec.AppSpec.FileMapping;
import io.slipway.agent.spec.FileExistsBehavior;
import io.slipway.agent.spec.PermissionRule;
import io.slipway.agent.spec.PermissionRule.ObjectType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Install lifecycle event: removes what the group's previous install put on the host (its
 * cleanup list), copies the AppSpec file's {@code files} to their host destinations, writes the new
 * cleanup list as it goes, and applies {@code permissions}.
 */
public final class Installer {
    private static final System.Logger LOG = System.getLogger(Installer.class.getName());
    private final HostLayout layout;
    private final RunningUser user;

    public Installer(HostLayout layout, RunningUser user) {
        this.layout = layout;
        this.user = user;
    }

    /** {@code defaultBehavior} comes from the deployment; the AppSpec file's {@code file_exists_behavior} wins over it. */
    public void install(String deploymentGroupId, AppSpec appSpec, Path archiveDir, FileExistsBehavior defaultBehavior)
            throws IOException, CommandFailure {
        removePreviousInstall(deploymentGroupId);
        InstallPlan plan = plan(appSpec, archiveDir.toAbsolutePath().normalize(), appSpec.fileExistsBehavior().orElse(defaultBehavior));
        Files.createDirectories(layout.instructionsDir());
        try (BufferedWriter cleanup = Files.newBufferedWriter(layout.cleanupFile(deploymentGroupId), StandardCharsets.UTF_8)) {
            for (InstallPlan.Step step : plan.steps()) {
                switch (step) {
                    case InstallPlan.MakeDirectory m -> {
                        try {
                            Files.createDirectory(layout.hostPath(m.directory()));
                            note(cleanup, m.directory());
                        } catch (FileAlreadyExistsException e) {
                            if (!Files.isDirectory(layout.hostPath(m.directory()), LinkOption.NOFOLLOW_LINKS)) {
                                throw e;
                            }
                        }
                    }
                    case InstallPlan.Copy c -> {
                        // Noted before copying, so a half-done install is still cleaned up next time.
                        note(cleanup, c.destination());
                        Files.copy(c.source(), layout.hostPath(c.destination()), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                    case InstallPlan.SetPermissions p -> apply(p.object(), p.rule());
                }
            }
        }
        if (appSpec.ignoresAclsOrContext()) {
            LOG.log(Level.WARNING, "The AppSpec file sets ACLs or an SELinux context; this agent does not apply them");
        }
    }

    private static void note(BufferedWriter cleanup, String hostPath) throws IOException {
        cleanup.write(hostPath);
        cleanup.write('\n');
        cleanup.flush();
    }

    private void removePreviousInstall(String deploymentGroupId) throws IOException {
        Path cleanupFile = layout.cleanupFile(deploymentGroupId);
        if (!Files.exists(cleanupFile)) {
            return;
        }
        String content = Files.readString(cleanupFile, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(content.lines().toList());
        if (!content.isEmpty() && !content.endsWith("\n")) {
            lines.removeLast(); // a line cut short by a crash names nothing for sure
        }
        Collections.reverse(lines); // files before the directories that hold them
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("semanage\0")) {
                continue;
            }
            Path path = layout.hostPath(line.strip());
            try {
                if (Files.isSymbolicLink(path) || !Files.isDirectory(path)) {
                    Files.deleteIfExists(path);
                } else {
                    Files.delete(path);
                }
            } catch (DirectoryNotEmptyException e) {
                // a directory that now also holds files of someone else's stays
            }
        }
        Files.delete(cleanupFile);
    }

    private InstallPlan plan(AppSpec appSpec, Path archiveDir, FileExistsBehavior behavior) throws CommandFailure, IOException {
        InstallPlan plan = new InstallPlan();
        for (FileMapping mapping : appSpec.files()) {
            Path source = archiveDir.resolve(mapping.source().replaceFirst("^/+", "")).normalize();
            if (!source.startsWith(archiveDir)) {
                throw CommandFailure.unknown("The files section names a source outside the revision: " + mapping.source());
            }
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw CommandFailure.unknown("The files section names a source that is not in the revision: " + mapping.source());
            }
            String destination = HostLayout.hostPathName(mapping.destination());
            if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                addMissingAncestors(plan, destination);
                copyDirectory(plan, source, destination, behavior);
            } else {
                String target = HostLayout.hostPathName(destination + "/" + source.getFileName());
                addMissingAncestors(plan, target);
                copyFile(plan, source, target, behavior);
            }
        }
        for (PermissionRule given : appSpec.permissions()) {
            String object = HostLayout.hostPathName(given.object());
            PermissionRule rule = new PermissionRule(object, given.pattern(), given.except(), given.types(), given.owner(),
                    given.group(), given.mode());
            if (plan.copies(object)) {
                if (rule.types().contains(ObjectType.FILE)) {
                    if (!rule.pattern().equals("**") || !rule.except().isEmpty()) {
                        throw CommandFailure.unknown("The deployment failed because the application specification file includes an object ("
                                + object + ") with an invalid pattern (" + rule.pattern() + "), such as a pattern for a file applied to a "
                                + "directory. Correct the permissions section of the AppSpec file, and then try again.");
                    }
                    plan.setPermissions(object, rule);
                }
            } else if (plan.makesDirectory(object) || Files.isDirectory(layout.hostPath(object))) {
                for (String match : plan.coveredBy(rule)) {
                    plan.setPermissions(match, rule);
                }
            }
        }
        return plan;
    }

    private void addMissingAncestors(InstallPlan plan, String destination) throws CommandFailure {
        List<String> missing = new ArrayList<>();
        for (Path parent = Path.of(destination).getParent(); parent != null && parent.getParent() != null
                && !Files.exists(layout.hostPath(parent.toString()), LinkOption.NOFOLLOW_LINKS); parent = parent.getParent()) {
            missing.addFirst(parent.toString());
        }
        for (String dir : missing) {
            plan.makeDirectory(dir);
        }
    }

    private void copyDirectory(InstallPlan plan, Path source, String destination, FileExistsBehavior behavior)
            throws CommandFailure, IOException {
        if (!Files.isDirectory(layout.hostPath(destination))) {
            plan.makeDirectory(destination);
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(source)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String target = destination.equals("/") ? "/" + entry.getFileName() : destination + "/" + entry.getFileName();
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                copyDirectory(plan, entry, target, behavior);
            } else {
                copyFile(plan, entry, target, behavior);
            }
        }
    }

    private void copyFile(InstallPlan plan, Path source, String destination, FileExistsBehavior behavior) throws CommandFailure {
        if (!Files.exists(layout.hostPath(destination), LinkOption.NOFOLLOW_LINKS)) {
            plan.copy(source, destination);
            return;
        }
        switch (behavior) {
            case DISALLOW -> throw CommandFailure.unknown(
                    "The deployment failed because a specified file already exists at this location: " + destination);
            case OVERWRITE -> plan.copy(source, destination);
            case RETAIN -> LOG.log(Level.DEBUG, "Keeping the existing {0}", destination);
        }
    }

    private void apply(String object, PermissionRule rule) throws IOException, CommandFailure {
        Path path = layout.hostPath(object);
        if (rule.mode().isPresent()) {
            int mode = rule.mode().getAsInt();
            try {
                Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                Files.setPosixFilePermissions(path, FileModes.permissions(mode));
            }
        }
        if (rule.owner().isEmpty() && rule.group().isEmpty()) {
            return;
        }
        if (!user.root()) {
            LOG.log(Level.INFO, "Not running as root: leaving the owner and group of {0} as they are", object);
            return;
        }
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            if (rule.owner().isPresent()) {
                view.setOwner(users.lookupPrincipalByName(rule.owner().get()));
            }
            if (rule.group().isPresent()) {
                view.setGroup(users.lookupPrincipalByGroupName(rule.group().get()));
            }
        } catch (UserPrincipalNotFoundException e) {
            throw CommandFailure.unknown("The permissions section names a user or group that does not exist on the host: " + e.getName());
        }
    }
}
