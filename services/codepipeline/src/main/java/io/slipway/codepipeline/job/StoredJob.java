package io.slipway.codepipeline.job;

import io.slipway.core.codec.DocumentType;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.CodePipelineModel;
import io.slipway.model.codepipeline.JobData;
import io.slipway.model.codepipeline.JobStatus;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Documents;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job as stored: what GetJobDetails answers, where it belongs, and its state: status, the nonce
 * of its dispatch, the client id of a third-party dispatch, and every status it went through.
 * Stored by job id under its action execution.
 *
 * @param queue the poll queue it waits in ({@link JobQueue#name}); empty for a job no worker polls for
 */
record StoredJob(String jobId, JobData data, String pipelineName, String pipelineExecutionId,
                 String actionExecutionId, Optional<String> queue, JobStatus status, Optional<String> nonce,
                 Optional<String> clientId, Instant timeoutAt, List<Transition> history) implements AwsStructure {

    /** One status change, for the console's timeline. */
    record Transition(JobStatus status, Instant at) {
    }

    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    private static final Shape TIMESTAMP = new Shape("Timestamp", ShapeType.TIMESTAMP);
    private static final Shape TRANSITION = new Shape("JobTransition", ShapeType.STRUCTURE)
            .member(Member.of("status", STRING)).member(Member.of("at", TIMESTAMP));
    private static final Shape SHAPE = new Shape("StoredJob", ShapeType.STRUCTURE)
            .member(Member.of("jobId", STRING))
            .member(Member.of("data", CodePipelineModel.MODEL.shape("JobData")))
            .member(Member.of("pipelineName", STRING))
            .member(Member.of("pipelineExecutionId", STRING))
            .member(Member.of("actionExecutionId", STRING))
            .member(Member.of("queue", STRING))
            .member(Member.of("status", STRING))
            .member(Member.of("nonce", STRING))
            .member(Member.of("clientId", STRING))
            .member(Member.of("timeoutAt", TIMESTAMP))
            .member(Member.of("history", new Shape("JobHistory", ShapeType.LIST)
                    .listMember(Member.of("member", TRANSITION))));

    /** Every job, by id, under its action execution. */
    static final DocumentType<StoredJob> TYPE = new DocumentType<>("codepipeline.job", SHAPE, StoredJob::fromDocument);

    /**
     * A job id: a UUID whose first 48 bits are the creation time in milliseconds (as in a version 7
     * UUID), the rest the id source's. It still matches AWS's JobId pattern; in time order, new and
     * recently active jobs share a few pages of the store's index instead of touching pages all
     * over it (on the embedded store, about a quarter more job round trips a second).
     */
    static String newId(Instant now, String uuid) {
        if (uuid.length() != 36 || uuid.charAt(8) != '-' || uuid.charAt(13) != '-') {
            throw new IllegalArgumentException("the id source must give UUIDs, not " + uuid);
        }
        String time = String.format("%012x", now.toEpochMilli());
        return time.substring(0, 8) + "-" + time.substring(8, 12) + uuid.substring(13);
    }

    static StoredJob created(String jobId, NewJob job, Optional<String> queue, Instant now) {
        List<Transition> history = List.of(new Transition(JobStatus.CREATED, now));
        return new StoredJob(jobId, job.data(), job.pipelineName(), job.pipelineExecutionId(), job.actionExecutionId(),
                queue, JobStatus.CREATED, Optional.empty(), Optional.empty(), job.timeoutAt(), history);
    }

    /** This job in {@code next}, which must be allowed from its status ({@link JobStatuses}). */
    StoredJob to(JobStatus next, Instant at) {
        JobStatuses.check(status, next);
        List<Transition> h = new ArrayList<>(history.size() + 1);
        h.addAll(history);
        h.add(new Transition(next, at));
        return new StoredJob(jobId, data, pipelineName, pipelineExecutionId, actionExecutionId, queue, next, nonce,
                clientId, timeoutAt, List.copyOf(h));
    }

    /** Handed to a worker: Dispatched, with the nonce it acknowledges with (and a third party's client id). */
    StoredJob dispatched(String newNonce, Optional<String> newClientId, Instant at) {
        StoredJob d = to(JobStatus.DISPATCHED, at);
        return new StoredJob(jobId, data, pipelineName, pipelineExecutionId, actionExecutionId, queue, d.status,
                Optional.of(newNonce), newClientId, timeoutAt, d.history);
    }

    ActionOwner owner() {
        return data.actionTypeId() == null ? null : data.actionTypeId().owner();
    }

    boolean isThirdParty() {
        return owner() == ActionOwner.THIRD_PARTY;
    }

    boolean isOpen() {
        return !JobStatuses.isFinal(status);
    }

    JobRecord record() {
        return new JobRecord(jobId, data, pipelineName, pipelineExecutionId, actionExecutionId);
    }

    static StoredJob fromDocument(Map<String, Object> d) {
        List<Transition> history = Documents.toList(d.get("history"), e -> {
            Map<String, Object> t = Documents.asMap(e);
            return new Transition(JobStatus.fromValue((String) t.get("status")), (Instant) t.get("at"));
        });
        return new StoredJob((String) d.get("jobId"), Documents.toStructure(d.get("data"), JobData::fromDocument),
                (String) d.get("pipelineName"), (String) d.get("pipelineExecutionId"),
                (String) d.get("actionExecutionId"), Optional.ofNullable((String) d.get("queue")),
                JobStatus.fromValue((String) d.get("status")), Optional.ofNullable((String) d.get("nonce")),
                Optional.ofNullable((String) d.get("clientId")), (Instant) d.get("timeoutAt"),
                history == null ? List.of() : history);
    }

    @Override
    public Map<String, Object> toDocument() {
        Map<String, Object> d = new LinkedHashMap<>(16);
        Documents.put(d, "jobId", jobId);
        Documents.put(d, "data", Documents.fromStructure(data));
        Documents.put(d, "pipelineName", pipelineName);
        Documents.put(d, "pipelineExecutionId", pipelineExecutionId);
        Documents.put(d, "actionExecutionId", actionExecutionId);
        Documents.put(d, "queue", queue.orElse(null));
        Documents.put(d, "status", status.value());
        Documents.put(d, "nonce", nonce.orElse(null));
        Documents.put(d, "clientId", clientId.orElse(null));
        Documents.put(d, "timeoutAt", timeoutAt);
        Documents.put(d, "history", Documents.fromList(history, t -> {
            Map<String, Object> m = new LinkedHashMap<>(4);
            Documents.put(m, "status", t.status().value());
            Documents.put(m, "at", t.at());
            return m;
        }));
        return d;
    }
}
