package io.slipway.lambda.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxCommandTest {

    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private static final List<SandboxCommand.Mount> SYSTEM = List.of(
            new SandboxCommand.ReadOnly(Path.of("/usr"), Path.of("/usr")),
            new SandboxCommand.Link("usr/bin", Path.of("/bin")));

    private static SandboxCommand box(Optional<Path> sdk) {
        return new SandboxCommand(BWRAP, SYSTEM, Path.of("/data/lambda/code/abc"),
                List.of(new SandboxCommand.RuntimeFile("bootstrap.mjs", Path.of("/data/lambda/runtime/x/bootstrap/nodejs/bootstrap.mjs"))),
                sdk, Path.of("/data/lambda/runtime/x/environments/fn-1/tmp"), List.of(Path.of("/root/.pyenv/versions/3.12.1")));
    }

    /** The argument after {@code flag} whose next-but-one is {@code inside}: where a mount comes from. */
    private static String source(List<String> args, String flag, String inside) {
        for (int i = 0; i + 2 < args.size(); i++) {
            if (args.get(i).equals(flag) && args.get(i + 2).equals(inside)) {
                return args.get(i + 1);
            }
        }
        return null;
    }

    @Test
    void showsTheCodeAtVarTaskTheRuntimeAtVarRuntimeAndAPrivateTmp() {
        List<String> args = box(Optional.of(Path.of("/checkout/runtimes/node/node_modules")))
                .wrap(List.of("/usr/bin/node", "/var/runtime/bootstrap.mjs"));

        assertThat(args.getFirst()).isEqualTo("/usr/bin/bwrap");
        assertThat(source(args, "--ro-bind", "/var/task")).isEqualTo("/data/lambda/code/abc");
        assertThat(source(args, "--ro-bind", "/var/runtime/bootstrap.mjs"))
                .isEqualTo("/data/lambda/runtime/x/bootstrap/nodejs/bootstrap.mjs");
        assertThat(source(args, "--ro-bind", "/var/runtime/node_modules")).isEqualTo("/checkout/runtimes/node/node_modules");
        assertThat(source(args, "--ro-bind", "/var/node_modules")).as("where ES modules under /var/task find the SDK")
                .isEqualTo("/checkout/runtimes/node/node_modules");
        assertThat(source(args, "--bind", "/tmp")).isEqualTo("/data/lambda/runtime/x/environments/fn-1/tmp");
        assertThat(source(args, "--ro-bind-try", "/usr")).isEqualTo("/usr");
        assertThat(source(args, "--symlink", "/bin")).isEqualTo("usr/bin");
        assertThat(source(args, "--ro-bind-try", "/root/.pyenv/versions/3.12.1")).isEqualTo("/root/.pyenv/versions/3.12.1");
        assertThat(args).containsSubsequence("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--new-session");
        assertThat(args).as("a function outlives a node that dies mid-invocation").doesNotContain("--die-with-parent");
        assertThat(args).doesNotContain("--unshare-net", "--unshare-all", "--share-net");
        // the only writable mount is /tmp; the data directory is shown nowhere else
        assertThat(args.stream().filter(a -> a.equals("--bind"))).hasSize(1);
        assertThat(args.stream().filter(a -> a.startsWith("/data/"))).hasSize(3);
        int separator = args.indexOf("--");
        assertThat(args.subList(separator - 4, separator)).containsExactly("--remount-ro", "/", "--chdir", "/var/task");
        assertThat(args.subList(separator + 1, args.size())).containsExactly("/usr/bin/env", "-u", "PWD",
                "/usr/bin/node", "/var/runtime/bootstrap.mjs");
    }

    @Test
    void withoutTheSdkNothingIsShownAtNodeModules() {
        List<String> args = box(Optional.empty()).wrap(List.of("/var/task/bootstrap"));
        assertThat(args).doesNotContain("/var/runtime/node_modules", "/var/node_modules");
        assertThat(args.getLast()).isEqualTo("/var/task/bootstrap");
    }

    @Test
    void theProbeUsesTheSameIsolation() {
        List<String> probe = SandboxCommand.probe(BWRAP, SYSTEM, "/usr/bin/true");
        assertThat(probe).containsSubsequence(SandboxCommand.isolation());
        assertThat(probe.getLast()).isEqualTo("/usr/bin/true");
    }

    @Test
    void systemMountsKeepLinksAsLinks() throws Exception {
        for (SandboxCommand.Mount m : SandboxCommand.systemMounts()) {
            if (m instanceof SandboxCommand.Link link) {
                assertThat(java.nio.file.Files.isSymbolicLink(link.inside())).isTrue();
            } else if (m instanceof SandboxCommand.ReadOnly ro && SandboxCommand.SYSTEM.contains(ro.inside().toString())) {
                assertThat(java.nio.file.Files.isDirectory(ro.host())).isTrue();
            }
        }
        assertThat(SandboxCommand.systemMounts()).anyMatch(m -> m.arguments().contains("/usr"));
    }
}
