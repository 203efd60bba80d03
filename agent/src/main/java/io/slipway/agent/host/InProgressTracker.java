package io.slipway.agent.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file that says a host is running a command, written before the command starts and removed
 * after its outcome is reported. One found at start-up means the agent died mid-command: that
 * command is reported as failed, as the official agent does.
 */
public final class InProgressTracker {
    /** Older files are forgotten: the service has long timed the command out. */
    static final Duration STALE_AFTER = Duration.ofHours(24);

    private final Path dir;
    private final Clock clock;

    public InProgressTracker(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public void begin(String deploymentId, String hostCommandIdentifier) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(file(deploymentId), hostCommandIdentifier, StandardCharsets.UTF_8);
    }

    public void end(String deploymentId) throws IOException {
        Files.deleteIfExists(file(deploymentId));
    }

    /** The host command identifiers of commands a previous run left unfinished, newest first. */
    public List<String> unfinished() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = new ArrayList<>(list.filter(Files::isRegularFile).toList());
        }
        files.sort(Comparator.comparing(InProgressTracker::modifiedMillis).reversed());
        List<String> ids = new ArrayList<>();
        for (Path file : files) {
            if (clock.millis() - modifiedMillis(file) > STALE_AFTER.toMillis()) {
                Files.deleteIfExists(file);
            } else {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** Forgets every unfinished command once reported. */
    public void clear() throws IOException {
        FileTrees.delete(dir);
    }

    private Path file(String deploymentId) {
        String name = deploymentId.replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve(name.matches("\\.*") ? "_" + name : name);
    }

    private static long modifiedMillis(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
