package io.slipway.lambda.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether functions run in bubblewrap sandboxes on this machine. Asked once, by running
 * {@code bwrap ... true} with the isolation every sandbox gets, on a thread of its own once Slipway
 * listens ({@link #probeAside}), so that start-up never waits for it nor shares the processor with
 * it; the first cold start waits for the answer (a few milliseconds), {@code /_slipway/health} does
 * not (it says {@code checking: ...} meanwhile). Where bubblewrap is missing or the kernel refuses
 * it its namespaces, functions run as plain processes (with Lambda's environment and nothing else),
 * and the start-up log and the health endpoint say why.
 */
final class Sandbox {

    /** The bubblewrap to use and the host's system mounts, or why there is none. */
    record Verdict(Optional<Path> bwrap, List<SandboxCommand.Mount> system, String status) {
    }

    private static final Path DEFAULT_BWRAP = Path.of("/usr/bin/bwrap");
    private static final long PROBE_SECONDS = 10;

    private final CompletableFuture<Verdict> verdict;
    private final String searchPath;
    private final AtomicBoolean started = new AtomicBoolean();

    private Sandbox(CompletableFuture<Verdict> verdict, String searchPath) {
        this.verdict = verdict;
        this.searchPath = searchPath;
    }

    /**
     * @param wanted     false for the process model whatever the machine allows
     * @param searchPath Slipway's PATH, where {@code bwrap} is looked for first
     */
    static Sandbox detect(boolean wanted, String searchPath) {
        if (!wanted) {
            Verdict off = off("the process model was chosen (--lambda-sandbox off)");
            return new Sandbox(CompletableFuture.completedFuture(off), searchPath);
        }
        return new Sandbox(new CompletableFuture<>(), searchPath);
    }

    /**
     * Starts the probe on a thread of its own, once. Slipway calls it when it listens, so that the
     * probe never competes with start-up for the processor; a launch before that starts it itself.
     */
    void probeAside() {
        if (verdict.isDone() || !started.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("bwrap-probe").start(() -> {
            Verdict v = probe(searchPath);
            if (v.bwrap().isEmpty()) {
                System.err.println("slipway: Lambda functions run as plain processes, without a sandbox: "
                        + v.status().substring("off: ".length()));
            }
            verdict.complete(v);
        });
    }

    /** The verdict, waiting for the probe if it still runs. */
    Verdict verdict() {
        probeAside();
        return verdict.join();
    }

    /**
     * What {@code /_slipway/health} says: {@code bubblewrap <path>} or {@code off: <why>}; while the
     * probe still runs, {@code checking: ...}, so that the health endpoint (first thing asked after
     * start-up) never waits for it.
     */
    String status() {
        return verdict.isDone() ? verdict.join().status() : "checking: bubblewrap is being tried; ask again in a moment";
    }

    private static Verdict off(String why) {
        return new Verdict(Optional.empty(), List.of(), "off: " + why);
    }

    private static Verdict probe(String searchPath) {
        Optional<Path> bwrap = Interpreters.onPath("bwrap", searchPath).or(() -> Files.isExecutable(DEFAULT_BWRAP)
                ? Optional.of(DEFAULT_BWRAP) : Optional.empty());
        if (bwrap.isEmpty()) {
            return off("bubblewrap is not installed (no bwrap on PATH; Debian's package bubblewrap)");
        }
        Optional<Path> trueCommand = Interpreters.onPath("true", "/usr/bin:/bin");
        if (trueCommand.isEmpty()) {
            return off("no /usr/bin/true to try bubblewrap with");
        }
        List<SandboxCommand.Mount> system = SandboxCommand.systemMounts();
        try {
            ProcessBuilder builder = new ProcessBuilder(SandboxCommand.probe(bwrap.get(), system, trueCommand.get().toString()))
                    .redirectErrorStream(true);
            builder.environment().clear();
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return off(bwrap.get() + " did not finish within " + PROBE_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                return off(bwrap.get() + " does not work here (exit " + p.exitValue() + (out.isEmpty() ? "" : ": " + out) + ")");
            }
            return new Verdict(bwrap, system, "bubblewrap " + bwrap.get());
        } catch (IOException e) {
            return off("could not run " + bwrap.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return off("interrupted while trying " + bwrap.get());
        }
    }
}
