package io.slipway.agent.host;

import io.slipway.agent.bundle.FileModes;
import io.slipway.agent.spec.AppSpec.HookScript;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one hook script as the official agent does: the file itself is executed (its shebang picks
 * the interpreter), in the archive directory, stdin closed, with the deployment's variables; output
 * goes line by line to the {@link ScriptLog} as {@code [stdout]}/{@code [stderr]}; a script that
 * outlives its timeout is killed with everything it started.
 */
public final class ScriptRunner {
    private static final System.Logger LOG = System.getLogger(ScriptRunner.class.getName());
    /** How long output may stay open after the script exits (a daemon it started may hold it). */
    static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(2);

    private final RunningUser user;

    public ScriptRunner(RunningUser user) {
        this.user = user;
    }

    /** Returns when the script exited with 0; throws the failure the diagnostics report otherwise. */
    public void run(HookScript script, Path archiveDir, Map<String, String> environment, ScriptLog log)
            throws CommandFailure, InterruptedException {
        String location = script.location();
        Path dir = archiveDir.toAbsolutePath().normalize();
        Path file = dir.resolve(location.replaceFirst("^/+", "")).normalize();
        if (!file.startsWith(dir)) {
            throw new CommandFailure(ErrorCode.UNKNOWN_ERROR, location, "Script location is outside the deployment archive: " + location);
        }
        if (!Files.isRegularFile(file)) {
            throw new CommandFailure(ErrorCode.SCRIPT_MISSING, location, "Script does not exist at specified location: " + file);
        }
        if (!Files.isExecutable(file)) {
            LOG.log(Level.WARNING, "Script at specified location: {0} is not executable.  Trying to make it executable.", location);
            makeExecutable(file, location);
        }
        log.append("Script - " + location + "\n");
        String prefix = "Script at specified location: " + location + script.runas().map(u -> " run as user " + u).orElse("");
        ProcessBuilder builder = new ProcessBuilder(command(script, file)).directory(dir.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CommandFailure(ErrorCode.SCRIPT_FAILED, location,
                    prefix + " failed with error " + e.getClass().getSimpleName() + " with message " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // stdin is closed either way
        }
        Thread stdout = pump(process.getInputStream(), "[stdout]", log);
        Thread stderr = pump(process.getErrorStream(), "[stderr]", log);
        boolean exited;
        try {
            exited = process.waitFor(script.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            destroyTree(process);
            throw e;
        }
        if (!exited) {
            LOG.log(Level.INFO, "Script at specified location: {0} timed out", location);
            destroyTree(process);
        }
        stdout.join(OUTPUT_GRACE);
        stderr.join(OUTPUT_GRACE);
        if (!exited) {
            throw new CommandFailure(ErrorCode.SCRIPT_TIMED_OUT, location,
                    "Script at specified location: " + location + " failed to complete in " + script.timeoutSeconds() + " seconds");
        }
        if (process.exitValue() != 0) {
            throw new CommandFailure(ErrorCode.SCRIPT_FAILED, location, prefix + " failed with exit code " + process.exitValue());
        }
    }

    private List<String> command(HookScript script, Path file) {
        List<String> command = new ArrayList<>();
        if (script.runas().isPresent() && !script.runas().get().equals(user.name())) {
            if (user.root()) {
                command.addAll(List.of("sudo", "-E", "-u", script.runas().get(), "--"));
            } else {
                LOG.log(Level.WARNING, "Not running as root: {0} runs as {1}, not as {2}", script.location(), user.name(), script.runas().get());
            }
        }
        command.add(file.toString());
        return command;
    }

    private static void makeExecutable(Path file, String location) throws CommandFailure {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            permissions.addAll(FileModes.permissions(0111));
            Files.setPosixFilePermissions(file, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.DEBUG, "chmod +x failed", e);
        }
        if (!Files.isExecutable(file)) {
            throw new CommandFailure(ErrorCode.SCRIPT_NOT_EXECUTABLE, location,
                    "Unable to set script at specified location: " + location + " as executable");
        }
    }

    private static Thread pump(InputStream in, String prefix, ScriptLog log) {
        return Thread.ofVirtual().name("script-output").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    log.append(prefix + line + "\n");
                }
            } catch (IOException e) {
                // the stream closes when the process is killed
            }
        });
    }

    /** Stops the script and every process it started: TERM first, then KILL for what is left. */
    static void destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(TERMINATE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
