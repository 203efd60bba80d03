package io.slipway.agent;

import static io.slipway.agent.testing.TestArchives.file;
import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.agent.testing.FakeCommandService;
import io.slipway.agent.testing.FakeCommandService.Completion;
import io.slipway.agent.testing.SpecPayloads;
import io.slipway.agent.testing.TestArchives;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent keeps going when the service fails or is away, and fails what a dead agent left running. */
class HostAgentRecoveryTest {
    private static final String HOST = "web-1";
    private static final String GROUP = "group-1";

    @TempDir
    Path root;

    private AgentSettings settings(URI endpoint) {
        return AgentSettings.of(endpoint, HOST, root).withRetryDelays(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private static void noopCommand(FakeCommandService service, String host, String commandId) {
        service.specification("exec-" + commandId, SpecPayloads.s3("d-" + commandId, GROUP, "b", "k.zip", "zip").toString());
        service.enqueue(host, commandId, "exec-" + commandId, "ApplicationStop");
    }

    @Test
    void retriesAfterServerErrors() throws Exception {
        try (FakeCommandService service = FakeCommandService.start(); HostAgent agent = new HostAgent(settings(service.endpoint()))) {
            noopCommand(service, HOST, "c-1");
            service.failNextRequests(3);

            assertThat(agent.pollOnce()).isTrue();

            assertThat(service.calls("PollHostCommand")).hasSize(4);
            assertThat(service.nextCompletion().commandStatus()).isEqualTo("Succeeded");
        }
    }

    @Test
    void waitsForAServiceThatIsNotThereYet() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CountDownLatch refused = new CountDownLatch(1);
        Logger log = Logger.getLogger(HostAgent.class.getName());
        Handler watcher = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (java.text.MessageFormat.format(record.getMessage(), record.getParameters()).contains("PollHostCommand failed: Connect")) {
                    refused.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(watcher);
        HostAgent agent = new HostAgent(settings(URI.create("http://127.0.0.1:" + port))).start();
        try {
            assertThat(refused.await(20, TimeUnit.SECONDS)).as("a refused connection was logged").isTrue();
            try (FakeCommandService service = FakeCommandService.start(port)) {
                noopCommand(service, HOST, "c-1");

                assertThat(service.nextCompletion().hostCommandIdentifier()).isEqualTo("c-1");
            }
        } finally {
            agent.close();
            log.removeHandler(watcher);
        }
    }

    @Test
    void failsTheCommandADeadAgentLeftRunning() throws Exception {
        Path marks = Files.createDirectories(root.resolveSibling(root.getFileName() + "-marks"));
        String appSpec = "version: 0.0\nos: linux\nhooks:\n  BeforeInstall:\n    - location: hang.sh\n      timeout: 600\n";
        byte[] bundle = TestArchives.tar(List.of(file("appspec.yml", appSpec, 0644),
                file("hang.sh", "#!/bin/sh\ntouch " + marks.resolve("started") + "\nsleep 600\n", 0755)));
        try (FakeCommandService service = FakeCommandService.start(); WatchService watch = FileSystems.getDefault().newWatchService()) {
            marks.register(watch, ENTRY_CREATE);
            service.putObject("bundles", "hang.tar", bundle);
            service.specification("exec-1", SpecPayloads.s3("d-HANG00001", GROUP, "bundles", "hang.tar", "tar").toString());
            HostAgent first = new HostAgent(settings(service.endpoint()));
            service.enqueue(HOST, "c-download", "exec-1", "DownloadBundle");
            first.pollOnce();
            assertThat(service.nextCompletion().commandStatus()).isEqualTo("Succeeded");
            service.enqueue(HOST, "c-hang", "exec-1", "BeforeInstall");
            first.start();
            assertThat(watch.poll(20, TimeUnit.SECONDS)).as("the script started").isNotNull();

            first.close(); // the script is killed and its outcome never reported, as if the host had crashed

            Path inProgress = root.resolve("opt/codedeploy-agent/deployment-root/ongoing-deployment/d-HANG00001");
            assertThat(inProgress).hasContent("c-hang");
            assertThat(service.calls("PutHostCommandComplete")).hasSize(1);
            try (HostAgent second = new HostAgent(settings(service.endpoint()))) {
                assertThat(second.pollOnce()).isFalse();
                Completion failed = service.nextCompletion();
                assertThat(failed.hostCommandIdentifier()).isEqualTo("c-hang");
                assertThat(failed.commandStatus()).isEqualTo("Failed");
                assertThat(failed.errorCode()).isEqualTo(5);
                assertThat(failed.message()).isEqualTo("Failing in-progress lifecycle event after an agent restart.");
                assertThat(inProgress.getParent()).doesNotExist();
            }
        }
    }

    @Test
    void aFleetRunsEachHostOnItsOwn() throws Exception {
        try (FakeCommandService service = FakeCommandService.start();
             AgentFleet fleet = AgentFleet.start(settings(service.endpoint()), 3)) {
            for (int i = 1; i <= 3; i++) {
                noopCommand(service, HOST + "-" + i, "c-" + i);
            }

            List<String> done = List.of(service.nextCompletion().hostCommandIdentifier(), service.nextCompletion().hostCommandIdentifier(),
                    service.nextCompletion().hostCommandIdentifier());

            assertThat(done).containsExactlyInAnyOrder("c-1", "c-2", "c-3");
            assertThat(fleet.hosts()).extracting(HostAgent::hostIdentifier).containsExactly("web-1-1", "web-1-2", "web-1-3");
            assertThat(fleet.hosts()).extracting(HostAgent::root).containsExactly(root.resolve("web-1-1"), root.resolve("web-1-2"),
                    root.resolve("web-1-3"));
            assertThat(root.resolve("web-1-2/opt/codedeploy-agent/deployment-root/" + GROUP + "/d-c-2")).isDirectory();
        }
    }
}
