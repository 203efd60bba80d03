package io.slipway.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each runtime starts: in a bubblewrap sandbox with Lambda's layout where this machine allows it
 * ({@link SandboxCommand}), else as a plain process. The command (Slipway's own bootstrap for node, python and java, the
 * function's {@code bootstrap} for provided) and Lambda's environment variables, which are all a
 * function sees: nothing of Slipway's own environment (its database password, its accounts) reaches
 * it. Of what Slipway inherited only PATH (to find node and python3) and LD_LIBRARY_PATH (which
 * those interpreters may need) are read, and only to build the function's own values.
 */
final class RuntimeLauncher {

    /** The environment a process gets, and what it runs. */
    record Launch(List<String> command, Map<String, String> environment) {
    }

    /** A launch that can't happen, with the error document Lambda would answer. */
    static final class LaunchFailure extends Exception {
        final byte[] document;

        LaunchFailure(String type, String message) {
            super(type + ": " + message, null, false, false);
            this.document = Json.error(type, message);
        }
    }

    private static final Map<RuntimeFamily, String> BOOTSTRAPS = Map.of(
            RuntimeFamily.NODEJS, "nodejs/bootstrap.mjs",
            RuntimeFamily.PYTHON, "python/bootstrap.py",
            RuntimeFamily.JAVA, "java/Bootstrap.java");

    /** Where Lambda's PATH looks after its runtime's own directory (/var/lang/bin there, the interpreters' here). */
    private static final List<String> SYSTEM_PATH = List.of("/usr/local/bin", "/usr/bin", "/bin");

    private final RuntimeSettings settings;
    private final Interpreters interpreters;
    private final Path runtimeDirectory;
    private final Sandbox sandbox;
    /** Functions and roles whose credentials could not be minted, already said in the log. */
    private final Set<String> unminted = ConcurrentHashMap.newKeySet();
    /** The LD_LIBRARY_PATH Slipway inherited: the only inherited value a function's environment is built from. */
    private final Optional<String> inheritedLibraryPath;

    /** @param inherited Slipway's own environment (injected, so tests can hand in one with secrets) */
    RuntimeLauncher(RuntimeSettings settings, Interpreters interpreters, Path runtimeDirectory, Map<String, String> inherited) {
        this(settings, interpreters, runtimeDirectory, inherited, Sandbox.detect(settings.sandbox(), inherited.get("PATH")));
    }

    RuntimeLauncher(RuntimeSettings settings, Interpreters interpreters, Path runtimeDirectory, Map<String, String> inherited,
                    Sandbox sandbox) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.interpreters = interpreters;
        this.runtimeDirectory = runtimeDirectory;
        this.inheritedLibraryPath = Optional.ofNullable(inherited.get("LD_LIBRARY_PATH"));
        BOOTSTRAPS.values().forEach(this::extract);
    }

    /** Empty when this machine can run the runtime, else why not. */
    Optional<String> unavailable(String runtime) {
        Optional<RuntimeFamily> family = RuntimeFamily.of(runtime);
        if (family.isEmpty()) {
            return Optional.of(RuntimeFamily.notSupported(runtime));
        }
        int wanted = family.get().number(runtime);
        return switch (family.get()) {
            case NODEJS -> interpreters.node().isEmpty()
                    ? Optional.of("node is not installed (no node on PATH); " + runtime + " runs on any Node.js "
                    + Interpreters.MIN_NODE_MAJOR + " or later")
                    : interpreters.node().get().major() < Interpreters.MIN_NODE_MAJOR
                    ? Optional.of(runtime + " needs Node.js " + Interpreters.MIN_NODE_MAJOR + " or later; node on PATH is "
                    + interpreters.node().get().version())
                    : Optional.empty();
            case PYTHON -> interpreters.python().isEmpty()
                    ? Optional.of("python3 is not installed (no python3 on PATH); " + runtime + " runs on any Python 3."
                    + Interpreters.MIN_PYTHON_MINOR + " or later")
                    : interpreters.python().get().minor() < Interpreters.MIN_PYTHON_MINOR
                    ? Optional.of(runtime + " needs Python 3." + Interpreters.MIN_PYTHON_MINOR + " or later; python3 on PATH is "
                    + interpreters.python().get().version())
                    : Optional.empty();
            case JAVA -> wanted > Runtime.version().feature()
                    ? Optional.of(runtime + " needs Java " + wanted + " or later; Slipway runs on Java " + Runtime.version().feature())
                    : Optional.empty();
            case PROVIDED -> Optional.empty(); // whether it runs depends on the function's own bootstrap
        };
    }

    /**
     * The command and environment for one execution environment of {@code code}, whose Runtime API
     * listens at {@code runtimeApi} and whose own files (its {@code /tmp} in a sandbox) go in
     * {@code environmentDirectory}.
     */
    Launch launch(FunctionCode code, String runtimeApi, String logStreamName, Path environmentDirectory)
            throws LaunchFailure {
        RuntimeFamily family = RuntimeFamily.of(code.runtime())
                .orElseThrow(() -> new LaunchFailure("Runtime.Unavailable", RuntimeFamily.notSupported(code.runtime())));
        Path hostTaskRoot = code.codeDirectory().toAbsolutePath();
        Optional<Path> hostBootstrap = family == RuntimeFamily.PROVIDED ? Optional.empty()
                : Optional.of(runtimeDirectory.resolve(BOOTSTRAPS.get(family)));
        Sandbox.Verdict sandbox = this.sandbox.verdict();
        boolean sandboxed = sandbox.bwrap().isPresent();
        // the paths the function sees: Lambda's in a sandbox, the host's as plain processes
        Path taskRoot = sandboxed ? SandboxCommand.TASK_ROOT : hostTaskRoot;
        Path runtimeDir = sandboxed ? SandboxCommand.RUNTIME_DIR : hostBootstrap.map(Path::getParent).orElse(hostTaskRoot);
        Optional<Path> bootstrap = hostBootstrap.map(b -> sandboxed ? SandboxCommand.RUNTIME_DIR.resolve(b.getFileName()) : b);
        Optional<Path> sdk = settings.libraries().nodeModules().map(m -> sandboxed ? SandboxCommand.SDK : m);
        String endpoint = settings.slipwayEndpoint().get();
        Optional<Path> hostCertificates = settings.endpointCertificates().filter(pem -> endpoint.startsWith("https:"));
        Optional<Path> certificates = hostCertificates.map(pem -> sandboxed ? SandboxCommand.ENDPOINT_CERTIFICATES : pem);
        Map<String, String> env = environment(code, family, taskRoot, runtimeDir, sdk, runtimeApi, logStreamName,
                endpoint, certificates);
        List<String> command = new ArrayList<>();
        switch (family) {
            case NODEJS -> {
                if (!sandboxed) {
                    settings.libraries().linkBeside(hostTaskRoot);
                }
                command.add(interpreters.node().orElseThrow(() -> unavailable(code)).executable().toString());
                // As Lambda's own node bootstrap does: a tenth of the memory for the young generation.
                int newSpace = Math.max(2, code.memorySizeMb() / 10);
                command.add("--max-semi-space-size=" + Math.max(1, newSpace / 2));
                command.add("--max-old-space-size=" + Math.max(16, code.memorySizeMb() - newSpace));
                command.add(bootstrap.orElseThrow().toString());
            }
            case PYTHON -> {
                command.add(interpreters.python().orElseThrow(() -> unavailable(code)).executable().toString());
                // flags rather than variables, so the function's environment stays Lambda's:
                command.add("-u"); // each print reaches the log before the answer
                command.add("-B"); // the code directory is shared and stays as uploaded
                command.add(bootstrap.orElseThrow().toString());
            }
            case JAVA -> {
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                        "-Xmx" + Math.max(32, code.memorySizeMb() * 85 / 100) + "m"));
                command.add("--class-path");
                command.add(String.join(File.pathSeparator, taskRoot.toString(), taskRoot.resolve("*").toString(),
                        taskRoot.resolve("lib").resolve("*").toString()));
                command.add(bootstrap.orElseThrow().toString());
            }
            case PROVIDED -> {
                Path onHost = hostTaskRoot.resolve("bootstrap");
                Path seen = taskRoot.resolve("bootstrap");
                if (!Files.isRegularFile(onHost)) {
                    throw new LaunchFailure("Runtime.InvalidEntrypoint", "Couldn't find valid bootstrap(s): [" + seen + "]");
                }
                if (!Files.isExecutable(onHost)) {
                    throw new LaunchFailure("Runtime.InvalidEntrypoint", "fork/exec " + seen + ": permission denied");
                }
                command.add(seen.toString());
            }
        }
        if (!sandboxed) {
            return new Launch(List.copyOf(command), env);
        }
        Path tmp = environmentDirectory.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new LaunchFailure("Runtime.Unknown", "could not make the execution environment's /tmp: " + e.getMessage());
        }
        List<SandboxCommand.RuntimeFile> runtimeFiles = new ArrayList<>(2);
        hostBootstrap.ifPresent(b -> runtimeFiles.add(new SandboxCommand.RuntimeFile(b.getFileName().toString(), b)));
        hostCertificates.ifPresent(pem -> runtimeFiles.add(new SandboxCommand.RuntimeFile(
                SandboxCommand.ENDPOINT_CERTIFICATES.getFileName().toString(), pem)));
        SandboxCommand box = new SandboxCommand(sandbox.bwrap().get(), sandbox.system(), hostTaskRoot, runtimeFiles,
                family == RuntimeFamily.NODEJS ? settings.libraries().nodeModules() : Optional.empty(), tmp,
                interpreterDirectories(hostTaskRoot));
        return new Launch(box.wrap(command), env);
    }

    /**
     * The host directories the interpreters need besides the system's, shown read-only at their own
     * paths: each interpreter's installation (its executable's grandparent, as pyenv's and nvm's
     * versions are laid out), the JDK (and its configuration, where a link points elsewhere), and the
     * library path Slipway inherited. A directory that would show Slipway's files or the function
     * code's neighbours is left out.
     */
    private List<Path> interpreterDirectories(Path hostTaskRoot) {
        List<Path> candidates = new ArrayList<>();
        interpreters.node().ifPresent(n -> candidates.add(installation(n.executable())));
        interpreters.python().ifPresent(p -> candidates.add(installation(p.executable())));
        Path javaHome = Path.of(System.getProperty("java.home"));
        candidates.add(javaHome);
        try { // Debian's JDKs keep their configuration in /etc/java-N-openjdk, linked from conf
            Path conf = javaHome.resolve("conf").toRealPath();
            if (!conf.startsWith(javaHome.toRealPath())) {
                candidates.add(conf);
            }
        } catch (IOException e) {
            // a JDK without conf: nothing more to show
        }
        inheritedLibraryPath.ifPresent(p -> {
            for (String dir : p.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir));
                }
            }
        });
        List<Path> hidden = List.of(settings.workDirectory().toAbsolutePath().normalize(),
                hostTaskRoot.toAbsolutePath().normalize());
        return candidates.stream().map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.getParent() != null && !p.startsWith("/usr"))
                .filter(p -> hidden.stream().noneMatch(h -> h.startsWith(p)))
                .distinct().toList();
    }

    /** An interpreter's installation directory: {@code <prefix>/bin/<executable>} gives {@code <prefix>}. */
    private static Path installation(Path executable) {
        Path bin = executable.toAbsolutePath().normalize().getParent();
        return bin.getParent() != null && bin.getFileName().toString().equals("bin") ? bin.getParent() : bin;
    }

    private LaunchFailure unavailable(FunctionCode code) {
        return new LaunchFailure("Runtime.Unavailable", unavailable(code.runtime()).orElse(code.runtime() + " is not available"));
    }

    /**
     * Lambda's variables (the documented reserved ones, and the unreserved ones the runtimes rely on
     * with values that work on this machine), the function's own, AWS_ENDPOINT_URL back to Slipway,
     * and its execution role's credentials (else its account's); nothing else. The function's own variables may
     * change the unreserved ones, never the reserved ones. _X_AMZN_TRACE_ID is set per invocation by
     * the node and python bootstraps. When Slipway's endpoint is https, {@code certificates} (as the
     * function sees them) are what the runtimes' SDKs trust for it: botocore's AWS_CA_BUNDLE, and
     * NODE_EXTRA_CA_CERTS, which adds to Node's roots rather than replacing them.
     */
    private Map<String, String> environment(FunctionCode code, RuntimeFamily family, Path taskRoot, Path runtimeDir,
                                            Optional<Path> sdk, String runtimeApi, String logStreamName,
                                            String endpoint, Optional<Path> certificates) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", path(family));
        env.put("LANG", interpreters.utf8Locale());
        env.put("LD_LIBRARY_PATH", libraryPath(taskRoot, runtimeDir));
        switch (family) {
            // Lambda's order: the runtime's SDK, the runtime, the code (the code's own node_modules come before all of them)
            case NODEJS -> env.put("NODE_PATH", String.join(File.pathSeparator,
                    sdk.orElse(runtimeDir.resolve("node_modules")).toString(),
                    runtimeDir.toString(), taskRoot.toString()));
            case PYTHON -> env.put("PYTHONPATH", runtimeDir.toString());
            case JAVA, PROVIDED -> {
            }
        }
        certificates.ifPresent(pem -> {
            env.put("AWS_CA_BUNDLE", pem.toString());
            env.put("NODE_EXTRA_CA_CERTS", pem.toString());
        });
        env.putAll(code.environment());
        String[] arn = code.qualifiedArn().split(":");
        String region = arn.length > 4 && arn[0].equals("arn") && !arn[3].isEmpty() ? arn[3] : settings.region();
        String account = arn.length > 4 && arn[0].equals("arn") && arn[4].matches("\\d{12}") ? arn[4] : settings.accountId();
        env.put("AWS_LAMBDA_FUNCTION_NAME", code.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", code.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(code.memorySizeMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + code.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + code.runtime());
        env.put("_HANDLER", code.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
        env.put("TZ", ":UTC");
        env.put("AWS_ENDPOINT_URL", endpoint);
        ExecutionRoleCredentials.Credentials credentials = credentials(code, account);
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        return env;
    }

    /**
     * The execution role's session credentials, minted for this execution environment. Where they
     * cannot be (no role, a role IAM does not have: AWS would have refused the function), the
     * account's own: a 12-digit key id is that account, and the session token, which Slipway does not
     * check, is there because Lambda's credentials have one.
     */
    private ExecutionRoleCredentials.Credentials credentials(FunctionCode code, String account) {
        if (!code.role().isEmpty()) {
            try {
                return settings.roleCredentials().mint(account, code.role(), code.functionName());
            } catch (RuntimeException e) {
                if (unminted.add(code.functionName() + " " + code.role())) { // said once, not at every cold start
                    System.err.println("slipway: function " + code.functionName() + " runs with account " + account
                            + "'s credentials, not its execution role's: " + e.getMessage());
                }
            }
        }
        return new ExecutionRoleCredentials.Credentials(account, "slipway", "slipway-session-" + account, Instant.MAX);
    }

    /** The interpreters' directories (Lambda's /var/lang/bin), then the system's. */
    private String path(RuntimeFamily family) {
        List<String> dirs = new ArrayList<>();
        if (family == RuntimeFamily.JAVA) {
            dirs.add(Path.of(System.getProperty("java.home"), "bin").toString());
        }
        interpreters.node().ifPresent(n -> dirs.add(n.executable().getParent().toString()));
        interpreters.python().ifPresent(p -> dirs.add(p.executable().getParent().toString()));
        dirs.removeAll(SYSTEM_PATH);
        dirs.addAll(SYSTEM_PATH);
        return String.join(File.pathSeparator, dirs.stream().distinct().toList());
    }

    /** Lambda's library path with this machine's directories; what Slipway inherited comes first, as /var/lang/lib does. */
    private String libraryPath(Path taskRoot, Path runtimeDir) {
        List<String> dirs = new ArrayList<>();
        inheritedLibraryPath.ifPresent(p -> {
            for (String dir : p.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(dir);
                }
            }
        });
        dirs.addAll(List.of("/lib64", "/usr/lib64", runtimeDir.toString(), runtimeDir.resolve("lib").toString(),
                taskRoot.toString(), taskRoot.resolve("lib").toString()));
        return String.join(File.pathSeparator, dirs.stream().distinct().toList());
    }

    /** Writes a shipped bootstrap once; a temporary file and a move keep concurrent writers from tearing it. */
    private void extract(String resource) {
        Path target = runtimeDirectory.resolve(resource);
        try (InputStream in = RuntimeLauncher.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("runtime bootstrap missing from the build: " + resource);
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "bootstrap", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write runtime bootstrap " + target, e);
        }
    }
}
