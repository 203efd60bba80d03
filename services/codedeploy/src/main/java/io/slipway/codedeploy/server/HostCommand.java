package io.slipway.codedeploy.server;

import io.slipway.core.codec.DocumentType;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One lifecycle event sent to one host's agent: Pending until the agent acknowledges it (a poll
 * that delivered it and was never acknowledged leaves it Pending, and due again a little later),
 * InProgress until it reports the event complete, then Succeeded or Failed. Its id is the opaque
 * {@code HostCommandIdentifier} the agent acknowledges and completes it with.
 */
record HostCommand(String commandId, String deploymentId, String instanceName, String lifecycleEventName,
                   Status status, Instant issuedAt) implements AwsStructure {

    /** The agent command service's DeploymentCommandStatus values. */
    enum Status {
        PENDING("Pending"), IN_PROGRESS("InProgress"), SUCCEEDED("Succeeded"), FAILED("Failed");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    private static final Shape SHAPE = new Shape("HostCommand", ShapeType.STRUCTURE)
            .member(Member.of("commandId", STRING)).member(Member.of("deploymentId", STRING))
            .member(Member.of("instanceName", STRING)).member(Member.of("lifecycleEventName", STRING))
            .member(Member.of("status", STRING)).member(Member.of("issuedAt", new Shape("Timestamp", ShapeType.TIMESTAMP)));
    /** Every command, by id, under its deployment. */
    static final DocumentType<HostCommand> TYPE = new DocumentType<>("codedeploy.host-command", SHAPE,
            HostCommand::fromDocument);
    /**
     * Commands due to their host's next poll, by {@link #dueKey}, under their instance: what
     * PollHostCommand reads. A poll removes the row; it comes back if no acknowledgement follows.
     */
    static final DocumentType<HostCommand> DUE = new DocumentType<>("codedeploy.host-command-due", SHAPE,
            HostCommand::fromDocument);

    HostCommand with(Status newStatus) {
        return new HostCommand(commandId, deploymentId, instanceName, lifecycleEventName, newStatus, issuedAt);
    }

    boolean isOpen() {
        return status == Status.PENDING || status == Status.IN_PROGRESS;
    }

    String dueKey() {
        return instanceName + "/" + commandId;
    }

    static HostCommand fromDocument(Map<String, Object> d) {
        return new HostCommand((String) d.get("commandId"), (String) d.get("deploymentId"), (String) d.get("instanceName"),
                (String) d.get("lifecycleEventName"), Status.valueOf((String) d.get("status")), (Instant) d.get("issuedAt"));
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>();
        Documents.put(d, "commandId", commandId);
        Documents.put(d, "deploymentId", deploymentId);
        Documents.put(d, "instanceName", instanceName);
        Documents.put(d, "lifecycleEventName", lifecycleEventName);
        Documents.put(d, "status", status.name());
        Documents.put(d, "issuedAt", issuedAt);
        return d;
    }
}
