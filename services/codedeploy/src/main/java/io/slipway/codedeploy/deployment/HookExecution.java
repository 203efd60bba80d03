package io.slipway.codedeploy.deployment;

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
 * One call of a lifecycle hook function and what became of it. Its id is the opaque
 * {@code LifecycleEventHookExecutionId} the function reports back with. {@code invokedAt} is set,
 * and committed, just before the function is called: a node that runs the invocation again (it
 * took over from one that died) sees it and does not call the function a second time.
 */
public record HookExecution(String executionId, String deploymentId, String lifecycleEventName, String functionName,
                            Status status, Instant startedAt, Instant endedAt, String functionError, String logTail,
                            Instant invokedAt)
        implements AwsStructure {

    /** Pending until the function reports; TimedOut after an hour; Cancelled when its deployment ends first. */
    public enum Status { PENDING, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED }

    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    private static final Shape TIME = new Shape("Timestamp", ShapeType.TIMESTAMP);
    public static final DocumentType<HookExecution> TYPE = new DocumentType<>("codedeploy.hook-execution",
            new Shape("HookExecution", ShapeType.STRUCTURE)
                    .member(Member.of("executionId", STRING)).member(Member.of("deploymentId", STRING))
                    .member(Member.of("lifecycleEventName", STRING)).member(Member.of("functionName", STRING))
                    .member(Member.of("status", STRING)).member(Member.of("startedAt", TIME))
                    .member(Member.of("endedAt", TIME)).member(Member.of("functionError", STRING))
                    .member(Member.of("logTail", STRING)).member(Member.of("invokedAt", TIME)),
            HookExecution::fromDocument);

    /** A call that has not ended yet. */
    public static HookExecution started(String executionId, String deploymentId, String lifecycleEventName,
                                        String functionName, Instant at) {
        return new HookExecution(executionId, deploymentId, lifecycleEventName, functionName, Status.PENDING, at, null,
                null, null, null);
    }

    public HookExecution ended(Status newStatus, Instant at) {
        return new HookExecution(executionId, deploymentId, lifecycleEventName, functionName, newStatus, startedAt, at,
                functionError, logTail, invokedAt);
    }

    /** The function is about to be called, once. */
    public HookExecution invoked(Instant at) {
        return new HookExecution(executionId, deploymentId, lifecycleEventName, functionName, status, startedAt, endedAt,
                functionError, logTail, at);
    }

    /** The execution still waits for its report, now with what the function's failed call said. */
    public HookExecution withFunctionFailure(String error, String tail) {
        return new HookExecution(executionId, deploymentId, lifecycleEventName, functionName, status, startedAt, endedAt,
                error, tail, invokedAt);
    }

    static HookExecution fromDocument(Map<String, Object> d) {
        return new HookExecution((String) d.get("executionId"), (String) d.get("deploymentId"),
                (String) d.get("lifecycleEventName"), (String) d.get("functionName"),
                Status.valueOf((String) d.get("status")), (Instant) d.get("startedAt"), (Instant) d.get("endedAt"),
                (String) d.get("functionError"), (String) d.get("logTail"), (Instant) d.get("invokedAt"));
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>();
        Documents.put(d, "executionId", executionId);
        Documents.put(d, "deploymentId", deploymentId);
        Documents.put(d, "lifecycleEventName", lifecycleEventName);
        Documents.put(d, "functionName", functionName);
        Documents.put(d, "status", status.name());
        Documents.put(d, "startedAt", startedAt);
        Documents.put(d, "endedAt", endedAt);
        Documents.put(d, "functionError", functionError);
        Documents.put(d, "logTail", logTail);
        Documents.put(d, "invokedAt", invokedAt);
        return d;
    }
}
