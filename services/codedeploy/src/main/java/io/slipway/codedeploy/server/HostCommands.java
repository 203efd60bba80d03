package io.slipway.codedeploy.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.slipway.codedeploy.store.CodeDeployStore;
import io.slipway.core.Namespace;
import io.slipway.core.codec.JsonCodec;
import io.slipway.engine.store.Retry;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.Diagnostics;
import io.slipway.model.codedeploy.InstanceInfo;
import io.slipway.model.codedeploy.LifecycleErrorCode;
import io.slipway.model.codedeploycommands.HostCommandInstance;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static io.slipway.codedeploy.store.CodeDeployStore.DEPLOYMENT;
import static io.slipway.model.codedeploycommands.CodeDeployCommandsErrors.CLIENT;

/**
 * The host side of Server deployments, as the CodeDeploy agent speaks it: a host polls for its next
 * command, fetches the deployment's specification, acknowledges the command, may report progress,
 * and reports it complete with diagnostics.
 */
public final class HostCommands {
    /** How long PollHostCommand holds a request open waiting for a command. */
    static final Duration LONG_POLL = Duration.ofSeconds(10);
    private static final Duration RECHECK = Duration.ofSeconds(1);
    /** What GetDeploymentInstance shows of a script's output (AWS-BEHAVIOUR.md A.4). */
    static final int LOG_TAIL = 4096;

    private final CodeDeployStore store;
    private final Fleet fleet;
    private final ServerDeployments deployments;
    private final CommandSignals signals;
    private final HostCallers callers;

    public HostCommands(CodeDeployStore store, Fleet fleet, ServerDeployments deployments, CommandSignals signals,
                        HostCallers callers) {
        this.store = store;
        this.fleet = fleet;
        this.deployments = deployments;
        this.signals = signals;
        this.callers = callers;
    }

    /** Sortable by issue time, so a host that has several commands due gets the oldest first. */
    static String newCommandId(Instant now) {
        return String.format("%013d", now.toEpochMilli()) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    static String executionId(Namespace ns, String deploymentId) {
        return "CodeDeploy/" + ns.region() + "/" + ns.account() + "/" + deploymentId;
    }

    /**
     * PollHostCommand: the host's oldest due command, waiting up to {@link #LONG_POLL} for one (less
     * if Slipway is shutting down).
     */
    public Optional<HostCommandInstance> poll(Namespace ns, String accessKeyId, String hostIdentifier) {
        InstanceInfo instance = instance(ns, hostIdentifier);
        callers.authorize(accessKeyId, ns, instance, "PollHostCommand");
        String name = instance.instanceName();
        long deadline = System.nanoTime() + LONG_POLL.toNanos();
        while (true) {
            long seen = signals.generation(ns, name);
            Optional<HostCommand> command = Retry.onConflict(() -> store.inTransaction(tx -> {
                var due = store.list(tx, HostCommand.DUE, ns, Optional.of(name), Optional.empty(), 1).items();
                if (due.isEmpty()) {
                    return Optional.<HostCommand>empty();
                }
                HostCommand c = due.getFirst().value();
                deployments.redelivery.delivered(tx, ns, c);
                return Optional.of(c);
            }));
            if (command.isPresent()) {
                HostCommand c = command.get();
                return Optional.of(new HostCommandInstance(c.commandId(), hostIdentifier,
                        executionId(ns, c.deploymentId()), c.lifecycleEventName(), null));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                signals.await(ns, name, seen, Duration.ofNanos(Math.min(left, RECHECK.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private InstanceInfo instance(Namespace ns, String hostIdentifier) {
        if (hostIdentifier == null || hostIdentifier.isBlank()) {
            throw CLIENT.exception("HostIdentifier is required");
        }
        return store.inTransaction(tx -> fleet.byHostIdentifier(tx, ns, hostIdentifier)).orElseThrow(() ->
                CLIENT.exception("No registered on-premises instance has the host identifier " + hostIdentifier));
    }

    /** GetDeploymentSpecification: what the host deploys (JSON, signed by the caller), for a deployment it takes part in. */
    public String specification(Namespace ns, String accessKeyId, String executionId, String hostIdentifier) {
        InstanceInfo instance = instance(ns, hostIdentifier);
        callers.authorize(accessKeyId, ns, instance, "GetDeploymentSpecification");
        String[] parts = executionId.split("/", 4);
        if (parts.length != 4 || !parts[0].equals("CodeDeploy") || !parts[1].equals(ns.region())
                || !parts[2].equals(ns.account())) {
            throw CLIENT.exception("The deployment execution id " + executionId + " is not valid");
        }
        return store.inTransaction(tx -> {
            Versioned<DeploymentInfo> d = store.get(tx, DEPLOYMENT, ns, parts[3]).orElseThrow(() ->
                    CLIENT.exception("The deployment execution id " + executionId + " is not valid"));
            if (InstanceRun.load(tx, store, ns, parts[3], instance.instanceName()).isEmpty()) {
                throw CLIENT.exception("The host " + hostIdentifier + " takes no part in deployment " + parts[3]);
            }
            return DeploymentSpec.payload(d.value(), d.parent().orElseThrow());
        });
    }

    /**
     * PutHostCommandAcknowledgement: InProgress while the host should run it; Failed once withdrawn.
     * A command a poll delivered and nobody acknowledges is delivered again to the host's next poll
     * after {@link CommandRedelivery#REDELIVERY_INTERVAL}; once acknowledged, never again.
     */
    public String acknowledge(Namespace ns, String accessKeyId, String commandId) {
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            HostCommand command = command(tx, ns, accessKeyId, commandId, "PutHostCommandAcknowledgement");
            if (command.status() == HostCommand.Status.PENDING) {
                // delivered by a poll, redelivered, or not polled at all (an agent that restarted)
                deployments.acknowledged(tx, ns, command);
                return HostCommand.Status.IN_PROGRESS.wire;
            }
            return command.status().wire;
        }));
    }

    /** PostHostCommandUpdate: progress; an estimated completion time moves the command's lease. */
    public String update(Namespace ns, String accessKeyId, String commandId, Instant estimatedCompletion) {
        return Retry.onConflict(() -> store.inTransaction(tx -> {
            HostCommand command = command(tx, ns, accessKeyId, commandId, "PostHostCommandUpdate");
            if (command.isOpen() && estimatedCompletion != null) {
                deployments.extendLease(tx, ns, command, estimatedCompletion.plus(Duration.ofMinutes(1)));
            }
            return command.status().wire;
        }));
    }

    /** PutHostCommandComplete: the event's outcome; a command already ended (withdrawn, timed out) stays as it is. */
    public void complete(Namespace ns, String accessKeyId, String commandId, String status, String format, String payload) {
        if (!"Succeeded".equals(status) && !"Failed".equals(status)) {
            throw CLIENT.exception("CommandStatus must be Succeeded or Failed, not " + status);
        }
        Diagnostics diagnostics = diagnostics(format, payload, "Succeeded".equals(status));
        Retry.onConflict(() -> store.inTransaction(tx -> {
            HostCommand command = command(tx, ns, accessKeyId, commandId, "PutHostCommandComplete");
            if (command.isOpen()) {
                deployments.completed(tx, ns, command, "Succeeded".equals(status), diagnostics);
            }
            return null;
        }));
    }

    /** The command, once the caller may act for its host (a host deregistered since answers to anyone). */
    private HostCommand command(Tx tx, Namespace ns, String accessKeyId, String commandId, String operation) {
        if (commandId == null || commandId.isEmpty()) {
            throw CLIENT.exception("HostCommandIdentifier is required");
        }
        HostCommand command = store.get(tx, HostCommand.TYPE, ns, commandId).map(Versioned::value)
                .orElseThrow(() -> CLIENT.exception("The host command " + commandId + " does not exist"));
        fleet.byHostIdentifier(tx, ns, command.instanceName())
                .ifPresent(instance -> callers.authorize(accessKeyId, ns, instance, operation));
        return command;
    }

    /**
     * The agent's JSON diagnostics ({@code error_code}, {@code script_name}, {@code message},
     * {@code log}) as GetDeploymentInstance shows them, with the last 4 KB of the log.
     */
    static Diagnostics diagnostics(String format, String payload, boolean succeeded) {
        if (payload == null || payload.isEmpty()) {
            return succeeded ? new Diagnostics(LifecycleErrorCode.SUCCESS, "", "Succeeded", "")
                    : new Diagnostics(LifecycleErrorCode.UNKNOWN_ERROR, "", "The host reported the event failed", "");
        }
        if (!"JSON".equalsIgnoreCase(format)) {
            return new Diagnostics(succeeded ? LifecycleErrorCode.SUCCESS : LifecycleErrorCode.UNKNOWN_ERROR, "",
                    tail(payload), "");
        }
        int code = succeeded ? 0 : 5;
        String script = "";
        String message = "";
        String log = "";
        try (JsonParser p = JsonCodec.FACTORY.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw CLIENT.exception("Diagnostics payload must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "error_code" -> code = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 5;
                    case "script_name" -> script = p.getValueAsString("");
                    case "message" -> message = p.getValueAsString("");
                    case "log" -> log = p.getValueAsString("");
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw CLIENT.exception("Diagnostics payload is not valid JSON");
        }
        return new Diagnostics(errorCode(code), script, message, tail(log));
    }

    private static LifecycleErrorCode errorCode(int code) {
        return switch (code) {
            case 0 -> LifecycleErrorCode.SUCCESS;
            case 1 -> LifecycleErrorCode.SCRIPT_MISSING;
            case 2 -> LifecycleErrorCode.SCRIPT_NOT_EXECUTABLE;
            case 3 -> LifecycleErrorCode.SCRIPT_TIMED_OUT;
            case 4 -> LifecycleErrorCode.SCRIPT_FAILED;
            default -> LifecycleErrorCode.UNKNOWN_ERROR;
        };
    }

    private static String tail(String s) {
        return s.length() <= LOG_TAIL ? s : s.substring(s.length() - LOG_TAIL);
    }
}
