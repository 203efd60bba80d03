package io.slipway.lambda.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bubblewrap command line that runs one execution environment with Lambda's file system layout:
 * the code read-only at {@code /var/task}, the runtime (Slipway's bootstrap and the SDK Lambda's
 * runtimes ship) read-only under {@code /var/runtime}, a private writable {@code /tmp}, and of the
 * host only what the interpreters need, read-only. Nothing else of the host is there: not Slipway's
 * data directory, not other functions' code. The network stays shared: the function calls its
 * Runtime API and Slipway on loopback.
 *
 * @param bwrap     the bubblewrap executable
 * @param system    the host's system directories and files, as {@link #systemMounts} finds them
 * @param taskRoot  the function's unpacked code
 * @param runtime   files shown in {@code /var/runtime} (the bootstrap, Slipway's endpoint certificates), by their name there
 * @param sdk       the runtime's {@code node_modules}, shown at {@code /var/runtime/node_modules} and at
 *                  {@code /var/node_modules}, where ES modules under {@code /var/task} find it
 *                  after the function's own {@code node_modules}
 * @param tmp       the execution environment's own {@code /tmp}
 * @param readOnly  further host directories the interpreters live in, shown at their own paths
 */
record SandboxCommand(Path bwrap, List<Mount> system, Path taskRoot, List<RuntimeFile> runtime, Optional<Path> sdk,
                      Path tmp, List<Path> readOnly) {

    static final Path TASK_ROOT = Path.of("/var/task");
    static final Path RUNTIME_DIR = Path.of("/var/runtime");
    static final Path SDK = RUNTIME_DIR.resolve("node_modules");
    /** Where Node's ES module resolution, walking up from /var/task, looks after the function's own node_modules. */
    static final Path SDK_FOR_ES_MODULES = Path.of("/var/node_modules");
    /** The certificates of Slipway's HTTPS endpoint, when functions call it over https. */
    static final Path ENDPOINT_CERTIFICATES = RUNTIME_DIR.resolve("slipway-endpoint.pem");

    /**
     * bubblewrap always sets PWD (Lambda's environment has none, and the function's environment is
     * exactly Lambda's): env takes it out again on its way to the runtime, at the cost of one exec.
     */
    static final List<String> WITHOUT_PWD = List.of("/usr/bin/env", "-u", "PWD");

    /** The /etc entries the interpreters and the SDKs read: TLS roots, name resolution, users, time zone, loader cache. */
    static final List<String> ETC = List.of("/etc/ssl", "/etc/ca-certificates", "/etc/pki", "/etc/crypto-policies",
            "/etc/resolv.conf", "/etc/hosts", "/etc/host.conf", "/etc/gai.conf", "/etc/nsswitch.conf", "/etc/services",
            "/etc/protocols", "/etc/passwd", "/etc/group", "/etc/localtime", "/etc/ld.so.cache", "/etc/ld.so.conf",
            "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/mime.types");
    /** The host's program and library directories: real ones are bound, merged-/usr links are recreated. */
    static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32");

    /** A file placed in /var/runtime. */
    record RuntimeFile(String name, Path host) {
    }

    /** One piece of the sandbox's file system. */
    sealed interface Mount {
        List<String> arguments();
    }

    /** A host directory or file shown read-only; skipped if the host lacks it. */
    record ReadOnly(Path host, Path inside) implements Mount {
        public List<String> arguments() {
            return List.of("--ro-bind-try", host.toString(), inside.toString());
        }
    }

    /** A host directory the function may write. */
    record Writable(Path host, Path inside) implements Mount {
        public List<String> arguments() {
            return List.of("--bind", host.toString(), inside.toString());
        }
    }

    /** A symbolic link, as merged-/usr systems have /bin -> usr/bin. */
    record Link(String target, Path inside) implements Mount {
        public List<String> arguments() {
            return List.of("--symlink", target, inside.toString());
        }
    }

    /**
     * The system part of the layout on this host: each of {@link #SYSTEM} as it is here (a link stays a
     * link, a directory is bound read-only, a missing one is left out) and the {@link #ETC} entries.
     */
    static List<Mount> systemMounts() {
        List<Mount> mounts = new ArrayList<>();
        for (String name : SYSTEM) {
            Path p = Path.of(name);
            try {
                if (Files.isSymbolicLink(p)) {
                    mounts.add(new Link(Files.readSymbolicLink(p).toString(), p));
                } else if (Files.isDirectory(p)) {
                    mounts.add(new ReadOnly(p, p));
                }
            } catch (IOException e) {
                // unreadable: the sandbox goes without it
            }
        }
        for (String name : ETC) {
            mounts.add(new ReadOnly(Path.of(name), Path.of(name)));
        }
        return List.copyOf(mounts);
    }

    /**
     * The isolation every sandbox gets: own process, IPC and host-name namespaces. Not
     * {@code --die-with-parent}: a function whose node dies mid-invocation (kill -9) finishes it, so
     * what it reports (a hook's status, through {@code AWS_ENDPOINT_URL}) reaches a live node, and a
     * hook is neither lost nor called twice; its runtime then exits, finding its Runtime API gone.
     * Slipway's own stops and timeouts kill the sandbox's whole process tree.
     */
    static List<String> isolation() {
        return List.of("--proc", "/proc", "--dev", "/dev", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--new-session");
    }

    /** {@code command} (whose paths are the sandbox's) inside the sandbox. */
    List<String> wrap(List<String> command) {
        List<String> args = new ArrayList<>();
        args.add(bwrap.toString());
        system.forEach(m -> args.addAll(m.arguments()));
        readOnly.forEach(p -> args.addAll(new ReadOnly(p, p).arguments()));
        args.addAll(List.of("--ro-bind", taskRoot.toString(), TASK_ROOT.toString()));
        args.addAll(List.of("--dir", RUNTIME_DIR.toString()));
        for (RuntimeFile f : runtime) {
            args.addAll(List.of("--ro-bind", f.host().toString(), RUNTIME_DIR.resolve(f.name()).toString()));
        }
        sdk.ifPresent(s -> {
            args.addAll(List.of("--ro-bind", s.toString(), SDK.toString()));
            args.addAll(List.of("--ro-bind", s.toString(), SDK_FOR_ES_MODULES.toString()));
        });
        args.addAll(new Writable(tmp, Path.of("/tmp")).arguments());
        args.addAll(isolation());
        // the root the mounts hang on is bubblewrap's tmpfs: nothing may be written there
        args.addAll(List.of("--remount-ro", "/", "--chdir", TASK_ROOT.toString(), "--"));
        args.addAll(WITHOUT_PWD);
        args.addAll(command);
        return List.copyOf(args);
    }

    /** The probe that tells whether bubblewrap works here: the same isolation, running {@code true}. */
    static List<String> probe(Path bwrap, List<Mount> system, String trueCommand) {
        List<String> args = new ArrayList<>();
        args.add(bwrap.toString());
        system.forEach(m -> args.addAll(m.arguments()));
        args.addAll(isolation());
        args.addAll(List.of("--remount-ro", "/", "--"));
        args.addAll(WITHOUT_PWD);
        args.add(trueCommand);
        return List.copyOf(args);
    }
}
