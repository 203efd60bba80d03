package io.slipway.lambda.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.slipway.lambda.runtime.Runtimes.code;
import static io.slipway.lambda.runtime.Runtimes.json;
import static io.slipway.lambda.runtime.Runtimes.member;
import static io.slipway.lambda.runtime.Runtimes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reuse, limits and eviction of execution environments, with node functions. */
class WarmEnvironmentsTest {

    /** Counts its invocations; waits for {@code event.gate} to exist, or for {@code event.peers} others to arrive. */
    private static final String HANDLER = """
            const fs = require('fs');
            const path = require('path');
            let n = 0;
            const until = async (ok) => { while (!ok()) await new Promise((r) => setTimeout(r, 5)); };
            exports.handler = async (event, context) => {
              const mine = ++n;
              if (event.gate) await until(() => fs.existsSync(event.gate));
              if (event.barrier) {
                fs.writeFileSync(path.join(event.barrier, context.awsRequestId), '');
                await until(() => fs.readdirSync(event.barrier).length >= event.peers);
              }
              return { n: mine, pid: process.pid, setting: process.env.SETTING ?? 'none' };
            };
            """;

    @TempDir
    Path tmp;
    LocalRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private FunctionCode function(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("code-" + name));
        write(dir, "index.js", HANDLER);
        return code(name, "nodejs20.x", "index.handler", dir, 10);
    }

    private LocalRuntime runtime(int maxEnvironments, int maxPerFunction) {
        runtime = Runtimes.runtime(tmp, maxEnvironments, maxPerFunction);
        Runtimes.assumeAvailable(runtime, "nodejs20.x");
        return runtime;
    }

    @Test
    void invocationsBeyondTheFunctionsLimitWaitForAFreeEnvironment() throws Exception {
        runtime(8, 1);
        FunctionCode fn = function("queued");
        Path gate = tmp.resolve("gate");
        String event = "{\"gate\":\"" + gate + "\"}";
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<InvocationOutcome> a = threads.submit(() -> runtime.invoke(fn, json(event), "req-a"));
            Future<InvocationOutcome> b = threads.submit(() -> runtime.invoke(fn, json(event), "req-b"));

            assertThat(runtime.awaitWaiting(1, Duration.ofSeconds(10))).isTrue(); // one runs, one waits
            assertThat(runtime.environments("queued")).isEqualTo(1);
            Files.createFile(gate);

            InvocationOutcome first = a.get(10, TimeUnit.SECONDS);
            InvocationOutcome second = b.get(10, TimeUnit.SECONDS);
            assertThat(List.of(member(first, "n"), member(second, "n"))).containsExactlyInAnyOrder("1", "2");
            assertThat(member(first, "pid")).isEqualTo(member(second, "pid"));
        }
    }

    @Test
    void invocationsWithinTheLimitRunInParallelEnvironments() throws Exception {
        runtime(8, 2);
        FunctionCode fn = function("parallel");
        Path barrier = Files.createDirectories(tmp.resolve("barrier"));
        String event = "{\"barrier\":\"" + barrier + "\",\"peers\":2}"; // neither finishes before both run
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<InvocationOutcome> a = threads.submit(() -> runtime.invoke(fn, json(event), "req-a"));
            Future<InvocationOutcome> b = threads.submit(() -> runtime.invoke(fn, json(event), "req-b"));

            InvocationOutcome first = a.get(15, TimeUnit.SECONDS);
            InvocationOutcome second = b.get(15, TimeUnit.SECONDS);
            assertThat(first.functionError()).isEmpty();
            assertThat(second.functionError()).isEmpty();
            assertThat(member(first, "pid")).isNotEqualTo(member(second, "pid"));
            assertThat(runtime.environments("parallel")).isEqualTo(2);
        }
    }

    @Test
    void theLeastRecentlyUsedIdleEnvironmentMakesRoom() throws Exception {
        runtime(2, 2);
        FunctionCode a = function("a");
        FunctionCode b = function("b");
        FunctionCode c = function("c");
        long pidA = Long.parseLong(member(runtime.invoke(a, json("{}"), "1"), "pid"));
        long pidB = Long.parseLong(member(runtime.invoke(b, json("{}"), "2"), "pid"));
        runtime.invoke(a, json("{}"), "3"); // a is now the more recently used

        runtime.invoke(c, json("{}"), "4");

        assertThat(Runtimes.alive(pidB)).isFalse();
        assertThat(Runtimes.alive(pidA)).isTrue();
        assertThat(runtime.environments("b")).isZero();
        assertThat(member(runtime.invoke(a, json("{}"), "5"), "n")).isEqualTo("3");
    }

    @Test
    void evictStopsAFunctionsEnvironments() throws Exception {
        runtime(8, 2);
        FunctionCode fn = function("evicted");
        long pid = Long.parseLong(member(runtime.invoke(fn, json("{}"), "1"), "pid"));

        runtime.evict("evicted");

        assertThat(Runtimes.alive(pid)).isFalse();
        assertThat(runtime.environments("evicted")).isZero();
        assertThat(member(runtime.invoke(fn, json("{}"), "2"), "n")).isEqualTo("1"); // cold again
    }

    @Test
    void aChangedConfigurationGetsAFreshEnvironment() throws Exception {
        runtime(8, 1);
        FunctionCode fn = function("configured");
        FunctionCode changed = new FunctionCode(fn.functionName(), fn.version(), fn.qualifiedArn(), fn.runtime(), fn.handler(),
                fn.codeDirectory(), Map.of("SETTING", "new"), fn.timeoutSeconds(), fn.memorySizeMb());
        long oldPid = Long.parseLong(member(runtime.invoke(fn, json("{}"), "1"), "pid"));

        InvocationOutcome outcome = runtime.invoke(changed, json("{}"), "2");

        assertThat(member(outcome, "setting")).isEqualTo("new");
        assertThat(member(outcome, "n")).isEqualTo("1");
        assertThat(Runtimes.alive(oldPid)).isFalse(); // the function's one environment was replaced
    }

    @Test
    void anAliasSharesItsVersionsEnvironments() throws Exception {
        runtime(8, 2);
        FunctionCode fn = function("aliased");
        FunctionCode viaAlias = new FunctionCode(fn.functionName(), fn.version(), fn.qualifiedArn() + ":live", fn.runtime(),
                fn.handler(), fn.codeDirectory(), fn.environment(), fn.timeoutSeconds(), fn.memorySizeMb());
        runtime.invoke(fn, json("{}"), "1");

        assertThat(member(runtime.invoke(viaAlias, json("{}"), "2"), "n")).isEqualTo("2");
    }

    @Test
    void closeStopsEverythingAndRefusesFurtherInvocations() throws Exception {
        runtime(8, 2);
        FunctionCode fn = function("closing");
        long pid = Long.parseLong(member(runtime.invoke(fn, json("{}"), "1"), "pid"));

        runtime.close();

        assertThat(Runtimes.alive(pid)).isFalse();
        assertThatThrownBy(() -> runtime.invoke(fn, json("{}"), "2")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInterruptedInvocationLeavesNoProcess() throws Exception {
        runtime(8, 2);
        FunctionCode fn = function("interrupted");
        String event = "{\"gate\":\"" + tmp.resolve("never") + "\"}";
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                runtime.invoke(fn, json(event), "1");
            } catch (InterruptedException expected) {
                Thread.currentThread().interrupt();
            }
        });

        caller.interrupt();
        caller.join(Duration.ofSeconds(10));

        assertThat(caller.isAlive()).isFalse();
        assertThat(runtime.environments("interrupted")).isZero();
    }
}
