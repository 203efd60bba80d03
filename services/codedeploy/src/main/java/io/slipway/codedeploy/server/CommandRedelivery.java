package io.slipway.codedeploy.server;

import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.engine.store.WorkQueue;
import io.slipway.engine.work.WorkKey;
import io.slipway.engine.work.Workers;

import java.time.Duration;
import java.util.Optional;

/**
 * Commands whose poll answer may have been lost. A poll that takes a command removes it from its
 * host's due commands and schedules a redelivery; if the command is still Pending (nobody
 * acknowledged it) when that comes, it is due again and the host's next poll gets the same
 * command. Both the due row and the scheduled redelivery live in the store, so any node serves
 * the next poll and a restart loses nothing.
 */
final class CommandRedelivery {
    static final String REDELIVERY = "codedeploy.command.redelivery";
    /**
     * How long a command handed to a poll waits for its acknowledgement before the host's next poll
     * gets it again: the answer may have died with its long poll (a client timeout, a killed agent).
     * An agent fetches the specification and acknowledges as soon as the answer arrives (the
     * official agent within a second or two, unless the service itself is unreachable), so a minute
     * seldom hands a command that is being acknowledged to a second poll, while a lost answer costs
     * a minute instead of the command's hour-long lease. A command handed out twice may be
     * acknowledged twice: delivery is at least once. UNVERIFIED: AWS does not publish its interval.
     */
    static final Duration REDELIVERY_INTERVAL = Duration.ofSeconds(60);

    private final CodeDeployStore store;
    private final WorkQueue queue;
    private final SlipwayClock clock;
    private final CommandSignals signals;

    CommandRedelivery(CodeDeployStore store, WorkQueue queue, SlipwayClock clock, CommandSignals signals) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.signals = signals;
    }

    void register(Workers workers) {
        workers.register(REDELIVERY, item -> store.inRetriedTransaction(tx -> {
            WorkKey key = WorkKey.parse(item);
            store.get(tx, HostCommand.TYPE, key.ns(), key.id()).map(Versioned::value)
                    .ifPresent(command -> redeliver(tx, key.ns(), command));
        }));
    }

    /**
     * A poll takes the command: no other poll gets it before the redelivery interval has passed. Of
     * two polls racing for it, the one that finds its due row gone tries again.
     */
    void delivered(Tx tx, Namespace ns, HostCommand command) {
        if (!store.delete(tx, HostCommand.DUE, ns, command.dueKey())) {
            throw new ConcurrentUpdateException("Host command " + command.commandId());
        }
        queue.enqueue(tx, REDELIVERY, WorkKey.payload(ns, command.commandId()), clock.now().plus(REDELIVERY_INTERVAL));
    }

    /**
     * Due again unless acknowledged (InProgress), finished or withdrawn since. Each delivery
     * schedules its own redelivery, and only a redelivery makes a delivered command due again, so
     * a late one finds nothing to do.
     */
    private void redeliver(Tx tx, Namespace ns, HostCommand command) {
        if (command.status() == HostCommand.Status.PENDING && store.get(tx, HostCommand.DUE, ns, command.dueKey()).isEmpty()) {
            store.insert(tx, HostCommand.DUE, ns, command.dueKey(), Optional.of(command.instanceName()), command);
            signals.signal(tx, ns, command.instanceName());
        }
    }
}
