package io.slipway.codepipeline.job;

import io.slipway.codepipeline.store.CodePipelineStore;
import io.slipway.core.Namespace;
import io.slipway.core.codec.DocumentType;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.codepipeline.ActionOwner;
import io.slipway.model.codepipeline.ActionTypeId;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two small indexes that keep job operations off a scan of all jobs. A queued job has a due
 * entry under its poll queue (its action type, and the value of the type's queryable property), in
 * creation order: PollForJobs reads a few and takes each by deleting it, so of two pollers that saw
 * the same entry only one deletes it and hands the job out. An action execution with open jobs has
 * one entry listing them, which is how the engine finds the jobs to end when the action ends; a
 * continuation replaces the finished job by the next one in that entry, an update rather than a
 * delete and an insert (every insert or delete also changes the store's parent index, and on the
 * embedded store each changed page costs at commit).
 */
final class JobQueue {
    /** A reference to a job: a due entry's document. */
    record Ref(String jobId) implements AwsStructure {
        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>(2);
            Documents.put(d, "jobId", jobId);
            return d;
        }
    }

    /** The jobs of one action execution that have not ended. */
    record Open(List<String> jobIds) implements AwsStructure {
        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>(2);
            Documents.put(d, "jobIds", jobIds);
            return d;
        }
    }

    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    /** Jobs no poll has handed out, by {@link #dueKey}, under their queue. */
    static final DocumentType<Ref> DUE = new DocumentType<>("codepipeline.job-due",
            new Shape("JobRef", ShapeType.STRUCTURE).member(Member.of("jobId", STRING)),
            d -> new Ref((String) d.get("jobId")));
    /** Open jobs, by action execution id. */
    static final DocumentType<Open> OPEN = new DocumentType<>("codepipeline.job-open",
            new Shape("OpenJobs", ShapeType.STRUCTURE).member(Member.of("jobIds",
                    new Shape("JobIds", ShapeType.LIST).listMember(Member.of("member", STRING)))),
            d -> new Open(Documents.toList(d.get("jobIds"), String.class::cast)));

    private final CodePipelineStore store;
    /** Due keys that polls on this node are taking in transactions not yet ended. */
    private final Set<String> taking = ConcurrentHashMap.newKeySet();

    JobQueue(CodePipelineStore store) {
        this.store = store;
    }

    /**
     * The queue a poll for this action type reads. Custom jobs are split by the value of the type's
     * queryable property; third-party polls have no query, so their jobs are not.
     */
    static String name(ActionTypeId type, Optional<String> queryValue) {
        String base = type.owner().value() + "/" + type.category().value() + "/" + type.provider() + "/" + type.version();
        return type.owner() == ActionOwner.CUSTOM && queryValue.isPresent() ? base + "/" + queryValue.get() : base;
    }

    /** Sorts by creation time, so polls hand out the oldest jobs first. */
    static String dueKey(Instant createdAt, String jobId) {
        return String.format("%013d", createdAt.toEpochMilli()) + "/" + jobId;
    }

    private static String dueKey(StoredJob job) {
        return dueKey(job.history().getFirst().at(), job.jobId());
    }

    void opened(Tx tx, Namespace ns, StoredJob job) {
        String key = job.actionExecutionId();
        Optional<Versioned<Open>> open = store.get(tx, OPEN, ns, key);
        if (open.isEmpty()) {
            store.insert(tx, OPEN, ns, key, Optional.empty(), new Open(List.of(job.jobId())));
        } else {
            List<String> ids = new ArrayList<>(open.get().value().jobIds());
            ids.add(job.jobId());
            store.replace(tx, OPEN, ns, key, open.get(), new Open(ids));
        }
        if (job.queue().isPresent()) {
            store.insert(tx, DUE, ns, dueKey(job), job.queue(), new Ref(job.jobId()));
        }
    }

    /** The first {@code limit} due entries of a queue, oldest first: (due key, job id). */
    List<Due> due(Tx tx, Namespace ns, String queue, int limit) {
        return store.list(tx, DUE, ns, Optional.of(queue), Optional.empty(), limit).items().stream()
                .map(k -> new Due(k.id(), k.value().jobId())).toList();
    }

    record Due(String key, String jobId) {
    }

    /** The first {@code limit} jobs of every queue that no poll has handed out, oldest first. */
    List<String> waiting(Tx tx, Namespace ns, int limit) {
        return store.list(tx, DUE, ns, Optional.empty(), Optional.empty(), limit).items().stream()
                .map(k -> k.value().jobId()).toList();
    }

    /**
     * Takes a due entry for this poller; false when another transaction took (or withdrew) it
     * first. An entry another poller on this node is taking right now is passed over rather than
     * waited for: the database would hold this transaction on that row until the other one ends.
     */
    boolean take(Tx tx, Namespace ns, Due due, List<String> claimed) {
        if (!taking.add(due.key())) {
            return false;
        }
        claimed.add(due.key());
        return store.delete(tx, DUE, ns, due.key());
    }

    /** After the poll's transaction ended: its entries are gone, or back for others to take. */
    void release(List<String> claimed) {
        claimed.forEach(taking::remove);
    }

    /** The job, as it was before it ended, leaves both indexes. */
    void ended(Tx tx, Namespace ns, StoredJob job) {
        String key = job.actionExecutionId();
        store.get(tx, OPEN, ns, key).ifPresent(open -> {
            List<String> ids = new ArrayList<>(open.value().jobIds());
            if (!ids.remove(job.jobId())) {
                return;
            }
            if (ids.isEmpty()) {
                store.delete(tx, OPEN, ns, key);
            } else {
                store.replace(tx, OPEN, ns, key, open, new Open(ids));
            }
        });
        withdraw(tx, ns, job);
    }

    /** A queued job leaves its queue (no poll may hand it out any more). */
    void withdraw(Tx tx, Namespace ns, StoredJob job) {
        if (job.queue().isPresent() && job.status() == JobStatus.QUEUED) {
            store.delete(tx, DUE, ns, dueKey(job));
        }
    }

    /** Every job of the action execution has ended. */
    void closed(Tx tx, Namespace ns, String actionExecutionId) {
        store.delete(tx, OPEN, ns, actionExecutionId);
    }

    /** Ids of the jobs of an action execution that have not ended (one, or none, in practice). */
    List<String> open(Tx tx, Namespace ns, String actionExecutionId) {
        return store.get(tx, OPEN, ns, actionExecutionId).map(o -> o.value().jobIds()).orElse(List.of());
    }
}
