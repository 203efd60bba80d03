package io.slipway.lambda.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node and python3 on this machine's PATH, asked once for their real executable and version.
 * Runtimes run the real executable: a version manager's shim (pyenv, nvm) would add its own start-up
 * time to every cold start.
 */
final class Interpreters {

    /** The oldest versions the shipped bootstraps run on. */
    static final int MIN_NODE_MAJOR = 18;
    static final int MIN_PYTHON_MINOR = 8;

    record Interpreter(Path executable, String version, int major, int minor) {
    }

    private final String searchPath;
    private final Map<String, Optional<Interpreter>> found = new ConcurrentHashMap<>();
    private final AtomicReference<String> locale = new AtomicReference<>();

    Interpreters(String searchPath) {
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    Optional<Interpreter> node() {
        return found.computeIfAbsent("node", n -> probe(n, "-p", "process.execPath + '\\n' + process.versions.node"));
    }

    Optional<Interpreter> python() {
        return found.computeIfAbsent("python3", n -> probe(n, "-c",
                "import sys; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])"));
    }

    /**
     * The boto3 that python3 imports (Lambda's python runtimes ship it; here it is the interpreter's own,
     * Debian's python3-boto3), as its version; asked once, when first wanted.
     */
    Optional<String> boto3() {
        return found.computeIfAbsent("boto3", n -> python().isEmpty() ? Optional.empty() : probe("python3", "-c",
                "import sys, importlib.metadata as m; print(sys.executable); print(m.version('boto3'))"))
                .map(Interpreter::version);
    }

    /**
     * The boto3 answer if it is known; otherwise empty, with the question put on a background thread,
     * so that a caller who must answer at once (the health endpoint) never waits for python3 to start.
     */
    Optional<Optional<String>> boto3IfKnown() {
        Optional<Interpreter> known = found.get("boto3");
        if (known != null) {
            return Optional.of(known.map(Interpreter::version));
        }
        Thread.ofVirtual().name("boto3-probe").start(this::boto3);
        return Optional.empty();
    }

    /**
     * The locale functions get as LANG: Lambda's en_US.UTF-8 when this machine has it, else C.UTF-8
     * (which glibc always has), else en_US.UTF-8 anyway. A locale that is not installed would make
     * python3 coerce it and add LC_CTYPE to the function's environment. Asked once, of {@code locale -a}.
     */
    String utf8Locale() {
        return locale.updateAndGet(known -> known != null ? known : probeLocale());
    }

    private String probeLocale() {
        Optional<Path> command = onPath("locale");
        if (command.isPresent()) {
            try {
                Process p = new ProcessBuilder(command.get().toString(), "-a").redirectErrorStream(true).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8)
                        .toLowerCase(java.util.Locale.ROOT).replace("-", "");
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    List<String> installed = out.lines().map(String::strip).toList();
                    if (!installed.contains("en_us.utf8") && installed.contains("c.utf8")) {
                        return "C.UTF-8";
                    }
                } else {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                // no answer: Lambda's own value
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return "en_US.UTF-8";
    }

    private Optional<Interpreter> probe(String name, String flag, String script) {
        Optional<Path> onPath = onPath(name);
        if (onPath.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(onPath.get().toString(), flag, script).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            List<String> lines = new String(out, StandardCharsets.UTF_8).lines().map(String::strip).toList();
            if (lines.size() < 2) {
                return Optional.empty();
            }
            String[] v = lines.get(1).split("\\.");
            Path exe = Path.of(lines.get(0));
            return Optional.of(new Interpreter(Files.isExecutable(exe) ? exe : onPath.get(), lines.get(1),
                    Integer.parseInt(v[0]), v.length > 1 ? Integer.parseInt(v[1]) : 0));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Optional<Path> onPath(String name) {
        return onPath(name, searchPath);
    }

    /** The executable {@code name} in the first directory of {@code searchPath} that has one. */
    static Optional<Path> onPath(String name, String searchPath) {
        for (String dir : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
