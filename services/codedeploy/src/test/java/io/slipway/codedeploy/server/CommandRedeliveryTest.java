package io.slipway.codedeploy.server;

import io.slipway.codedeploy.config.DeploymentConfigs;
import io.slipway.codedeploy.deployment.DeploymentIds;
import io.slipway.codedeploy.instance.OnPremisesInstances;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.ManualClock;
import io.slipway.engine.store.Database;
import io.slipway.engine.store.DatabaseConfig;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.Workers;
import io.slipway.engine.work.WorkersConfig;
import io.slipway.model.codedeploycommands.HostCommandInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command a poll delivered and nobody acknowledged is due again after the redelivery interval,
 * on whichever node serves the next poll; an acknowledged one never is. Commands are issued straight
 * into the store, so no poll here ever waits: each one is made only when a command is due.
 */
class CommandRedeliveryTest {
    private static final Namespace NS = new Namespace("111122223333", "eu-west-1");
    private static final String HOST = "arn:aws:iam::111122223333:user/web-1";

    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    private Database db;
    private CodeDeployStore store;
    private WorkQueue queue;
    private final List<Workers> nodes = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.h2InMemory());
        store = new CodeDeployStore(db.jdbc(), new ResourceStore(db.jdbc(), clock));
        queue = new WorkQueue(db.jdbc(), clock, IdGenerator.uuid());
        new OnPremisesInstances(store, clock).register(NS, "web-1", null, HOST);
    }

    @AfterEach
    void close() {
        nodes.forEach(Workers::close);
        db.close();
    }

    /** One Slipway node's command service and workers over the shared store. */
    private HostCommands node() {
        Workers workers = new Workers(queue, clock, WorkersConfig.defaults("node-" + nodes.size()));
        CommandSignals signals = new CommandSignals(queue.signals());
        ServerDeployments servers = new ServerDeployments(store, queue, clock, new DeploymentConfigs(store, clock,
                IdGenerator.uuid()), new DeploymentIds(bound -> 0), (ns, bucket, key, version) -> Optional.empty(), signals);
        servers.register(workers);
        workers.start();
        nodes.add(workers);
        return new HostCommands(store, new OnPremisesInstances(store, clock), servers, signals, HostCallers.UNCHECKED);
    }

    private HostCommand issue(String event) {
        HostCommand command = new HostCommand(HostCommands.newCommandId(clock.now()), "d-AAAAAAAAA", "web-1", event,
                HostCommand.Status.PENDING, clock.now());
        store.inTransaction(tx -> {
            store.insert(tx, HostCommand.TYPE, NS, command.commandId(), Optional.of(command.deploymentId()), command);
            store.insert(tx, HostCommand.DUE, NS, command.dueKey(), Optional.of(command.instanceName()), command);
            return null;
        });
        return command;
    }

    private List<String> due() {
        return store.inTransaction(tx -> store.list(tx, HostCommand.DUE, NS, Optional.of("web-1"), Optional.empty(), 10))
                .items().stream().map(v -> v.value().commandId()).toList();
    }

    private void advance(Duration by) throws InterruptedException {
        clock.advance(by);
        for (Workers workers : nodes) {
            assertThat(workers.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
    }

    private String poll(HostCommands commands) {
        return commands.poll(NS, "", HOST).map(HostCommandInstance::hostCommandIdentifier).orElseThrow();
    }

    private HostCommand.Status status(String commandId) {
        return store.inTransaction(tx -> store.get(tx, HostCommand.TYPE, NS, commandId)).orElseThrow().value().status();
    }

    @Test
    void aDeliveredCommandNobodyAcknowledgesIsDueAgainAfterTheInterval() throws InterruptedException {
        HostCommands commands = node();
        HostCommand command = issue("DownloadBundle");
        assertThat(poll(commands)).isEqualTo(command.commandId());
        assertThat(due()).as("no second poll gets it at once").isEmpty();
        assertThat(status(command.commandId())).isEqualTo(HostCommand.Status.PENDING);

        advance(CommandRedelivery.REDELIVERY_INTERVAL.minusSeconds(1));
        assertThat(due()).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(due()).containsExactly(command.commandId());
        assertThat(poll(commands)).isEqualTo(command.commandId());

        assertThat(commands.acknowledge(NS, "", command.commandId())).as("a redelivered command is acknowledged as any")
                .isEqualTo("InProgress");
        advance(CommandRedelivery.REDELIVERY_INTERVAL.multipliedBy(3));
        assertThat(due()).isEmpty();
        assertThat(status(command.commandId())).isEqualTo(HostCommand.Status.IN_PROGRESS);
    }

    @Test
    void anAcknowledgedCommandIsNeverDeliveredAgain() throws InterruptedException {
        HostCommands commands = node();
        HostCommand command = issue("DownloadBundle");
        assertThat(poll(commands)).isEqualTo(command.commandId());
        assertThat(commands.acknowledge(NS, "", command.commandId())).isEqualTo("InProgress");
        advance(CommandRedelivery.REDELIVERY_INTERVAL.plusSeconds(1));
        assertThat(due()).isEmpty();
        assertThat(commands.acknowledge(NS, "", command.commandId())).isEqualTo("InProgress");
    }

    @Test
    void aRedeliveredCommandKeepsItsPlaceBeforeLaterOnes() throws InterruptedException {
        HostCommands commands = node();
        HostCommand first = issue("DownloadBundle");
        assertThat(poll(commands)).isEqualTo(first.commandId());
        clock.advance(Duration.ofSeconds(1));
        HostCommand second = issue("DownloadBundle");
        advance(CommandRedelivery.REDELIVERY_INTERVAL);
        assertThat(due()).containsExactly(first.commandId(), second.commandId());
        assertThat(poll(commands)).isEqualTo(first.commandId());
    }

    @Test
    void anotherNodeRedeliversACommandThatADeadNodeDelivered() throws InterruptedException {
        HostCommands first = node();
        HostCommand command = issue("DownloadBundle");
        assertThat(poll(first)).isEqualTo(command.commandId());
        nodes.removeFirst().close(); // the node that answered the poll is gone, and its memory with it

        HostCommands second = node();
        advance(CommandRedelivery.REDELIVERY_INTERVAL.plusSeconds(1));
        assertThat(poll(second)).isEqualTo(command.commandId());
    }
}
