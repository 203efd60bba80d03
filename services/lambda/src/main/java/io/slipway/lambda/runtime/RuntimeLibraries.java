package io.slipway.lambda.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The libraries Lambda's managed runtimes ship and functions use without packaging them: the AWS SDK
 * for JavaScript v3 clients for {@code nodejs*} (installed by {@code runtimes/install.sh} from
 * {@code runtimes/node/package-lock.json} into {@code runtimes/node/node_modules}); boto3 for
 * {@code python3.*} comes with the interpreter (Debian's python3-boto3). Slipway runs without them:
 * functions that import them then fail as they would with a runtime that lacks them, and
 * {@code /_slipway/health} says they are missing.
 *
 * <p>CommonJS finds the SDK through {@code NODE_PATH}, as on Lambda. ES modules ignore {@code NODE_PATH}
 * (Lambda's own runtime makes them search it); here a {@code node_modules} link to the SDK sits in the
 * directory that holds the functions' unpacked code, so that Node's own resolution, walking up from
 * the function's code, finds the function's own {@code node_modules} first and the SDK after it. A
 * loader hook ({@code module.register}) would do the same but costs every cold start a loader thread
 * (70-130 ms measured on node 20); the link costs nothing.
 */
public final class RuntimeLibraries {

    private final Optional<Path> directory;
    /** Code roots whose link is known to be right, so a launch checks the file system once per root. */
    private final Set<Path> linked = ConcurrentHashMap.newKeySet();

    /**
     * @param directory the {@code runtimes} directory: {@code $SLIPWAY_RUNTIME_LIBRARIES}, else the one
     *                  of the Slipway checkout the running code was built in; empty when neither is found
     */
    public RuntimeLibraries(Optional<Path> directory) {
        this.directory = directory;
    }

    public Optional<Path> directory() {
        return directory;
    }

    /** The variable that names the directory; read from Slipway's own environment, never given to functions. */
    public static final String VARIABLE = "SLIPWAY_RUNTIME_LIBRARIES";

    public static RuntimeLibraries none() {
        return new RuntimeLibraries(Optional.empty());
    }

    /**
     * The configured directory, or the first {@code runtimes} directory with a {@code node/package.json}
     * among the ancestors of {@code codeLocation} (Slipway's jar is {@code app/target/slipway.jar}, its
     * classes {@code app/target/classes}: three levels below the checkout).
     */
    public static RuntimeLibraries locate(Optional<String> configured, Optional<Path> codeLocation) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return new RuntimeLibraries(Optional.of(Path.of(configured.get()).toAbsolutePath().normalize()));
        }
        for (Path dir = codeLocation.map(p -> p.toAbsolutePath().normalize()).orElse(null); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("runtimes");
            if (Files.isRegularFile(candidate.resolve("node").resolve("package.json"))) {
                return new RuntimeLibraries(Optional.of(candidate));
            }
        }
        return none();
    }

    /** The installed SDK's {@code node_modules}, when {@code npm ci} has put the clients there. */
    public Optional<Path> nodeModules() {
        return directory.map(d -> d.resolve("node").resolve("node_modules"))
                .filter(m -> Files.isDirectory(m.resolve("@aws-sdk")));
    }

    /** What {@code /_slipway/health} and the start-up log say about the Node.js SDK. */
    public String nodeStatus() {
        if (nodeModules().isPresent()) {
            return "AWS SDK for JavaScript v3 from " + nodeModules().get();
        }
        return directory.map(d -> "missing: run " + d.resolve("install.sh") + " (npm ci in " + d.resolve("node") + ")")
                .orElse("missing: no runtimes directory (set " + VARIABLE + ")");
    }

    /**
     * Makes the SDK visible to ES modules under {@code codeDirectory}'s parent: a {@code node_modules}
     * link there to the SDK (replacing a link to an older location, never a real directory). Best
     * effort: without it, ES modules that import the SDK fail with ERR_MODULE_NOT_FOUND as they would
     * on a runtime without it.
     */
    void linkBeside(Path codeDirectory) {
        Optional<Path> modules = nodeModules();
        Path root = codeDirectory.toAbsolutePath().normalize().getParent();
        if (modules.isEmpty() || root == null || linked.contains(root)) {
            return;
        }
        Path link = root.resolve("node_modules");
        try {
            if (!(Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(modules.get()))) {
                if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
                    return; // someone's real node_modules: not ours to replace
                }
                // a new link under a private name, then moved over the old one: concurrent launches never see none
                Path tmp = root.resolve(".node_modules-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId());
                Files.deleteIfExists(tmp);
                Files.createSymbolicLink(tmp, modules.get());
                Files.move(tmp, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            linked.add(root);
        } catch (IOException | UnsupportedOperationException e) {
            // the function runs without the SDK for ES modules; CommonJS still finds it through NODE_PATH
        }
    }
}
