package io.slipway.agent.host;

import io.slipway.agent.spec.BundleType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where things live on a host, all below the host's root directory: the official agent's
 * {@code /opt/codedeploy-agent/deployment-root} tree, and the host paths an AppSpec file names
 * ({@code /var/www} is {@code <root>/var/www}), so that a simulated host never touches the real
 * filesystem.
 */
public final class HostLayout {
    private final Path root;
    private final Path deploymentRoot;

    public HostLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.deploymentRoot = this.root.resolve("opt/codedeploy-agent/deployment-root");
    }

    public Path root() {
        return root;
    }

    public Path deploymentRoot() {
        return deploymentRoot;
    }

    /** All of one deployment group's deployment directories. */
    public Path groupDir(String deploymentGroupId) {
        return deploymentRoot.resolve(segment(deploymentGroupId));
    }

    public Path deploymentDir(String deploymentGroupId, String deploymentId) {
        return groupDir(deploymentGroupId).resolve(segment(deploymentId));
    }

    public static Path archiveDir(Path deploymentDir) {
        return deploymentDir.resolve("deployment-archive");
    }

    public static Path bundleFile(Path deploymentDir, BundleType type) {
        return deploymentDir.resolve("bundle." + type.value());
    }

    public static Path scriptsLog(Path deploymentDir) {
        return deploymentDir.resolve("logs/scripts.log");
    }

    /**
     * The AppSpec file of an unpacked revision: the deployment's {@code AppSpecFilename}, else
     * {@code appspec.yaml}, else {@code appspec.yml}.
     */
    public static Optional<Path> appSpecFile(Path archiveDir, String appSpecFilename) {
        for (String name : new String[] {appSpecFilename, "appspec.yaml", "appspec.yml"}) {
            Path file = archiveDir.resolve(name).normalize();
            if (file.startsWith(archiveDir) && Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    public Path instructionsDir() {
        return deploymentRoot.resolve("deployment-instructions");
    }

    public Path cleanupFile(String deploymentGroupId) {
        return instructionsDir().resolve(segment(deploymentGroupId) + "_cleanup");
    }

    /** Where the agent notes the command it is running, to fail it after a crash. */
    public Path inProgressDir() {
        return deploymentRoot.resolve("ongoing-deployment");
    }

    /** The deployment directory of the group's last successful Install, if any. */
    public Optional<Path> lastSuccessfulInstall(String deploymentGroupId) throws IOException {
        return readInstruction(deploymentGroupId + "_last_successful_install");
    }

    /** The deployment directory of the group's most recent DownloadBundle, if any. */
    public Optional<Path> mostRecentInstall(String deploymentGroupId) throws IOException {
        return readInstruction(deploymentGroupId + "_most_recent_install");
    }

    public void recordLastSuccessfulInstall(String deploymentGroupId, Path deploymentDir) throws IOException {
        writeInstruction(deploymentGroupId + "_last_successful_install", deploymentDir);
    }

    public void recordMostRecentInstall(String deploymentGroupId, Path deploymentDir) throws IOException {
        writeInstruction(deploymentGroupId + "_most_recent_install", deploymentDir);
    }

    /** A host path of an AppSpec file ({@code /var/www/index.html}) in its normal form. */
    public static String hostPathName(String path) {
        return Path.of("/").resolve(path).normalize().toString();
    }

    /** Where a host path is on this machine: below the root, whatever {@code ..} it holds. */
    public Path hostPath(String path) {
        String normal = hostPathName(path);
        return normal.equals("/") ? root : root.resolve(normal.substring(1));
    }

    private Optional<Path> readInstruction(String name) throws IOException {
        Path file = instructionsDir().resolve(segment(name));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String dir = Files.readString(file, StandardCharsets.UTF_8).strip();
        return dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    private void writeInstruction(String name, Path deploymentDir) throws IOException {
        Files.createDirectories(instructionsDir());
        Files.writeString(instructionsDir().resolve(segment(name)), deploymentDir.toString(), StandardCharsets.UTF_8);
    }

    /** Ids become directory names: they must be one plain path segment. */
    private static String segment(String id) {
        if (id.isEmpty() || id.contains("/") || id.contains("\\") || id.equals(".") || id.equals("..") || id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Not usable as a directory name: '" + id + "'");
        }
        return id;
    }
}
