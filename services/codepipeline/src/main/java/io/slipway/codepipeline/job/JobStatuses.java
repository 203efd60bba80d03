package io.slipway.codepipeline.job;

import io.slipway.model.codepipeline.JobStatus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.slipway.model.codepipeline.JobStatus.CREATED;
import static io.slipway.model.codepipeline.JobStatus.DISPATCHED;
import static io.slipway.model.codepipeline.JobStatus.FAILED;
import static io.slipway.model.codepipeline.JobStatus.IN_PROGRESS;
import static io.slipway.model.codepipeline.JobStatus.QUEUED;
import static io.slipway.model.codepipeline.JobStatus.SUCCEEDED;
import static io.slipway.model.codepipeline.JobStatus.TIMED_OUT;

/**
 * A job's state machine as data (AWS-BEHAVIOUR.md B.1; the path is inferred, AWS documents only the
 * values). A polled job goes Created → Queued → Dispatched (a poll handed it out) → InProgress (its
 * worker acknowledged it) → Succeeded or Failed (its worker's result). A job no worker polls for (a
 * Lambda invoke) is InProgress from the start: Slipway hands it to its function itself. The engine
 * ends an open job as TimedOut or Failed when its action times out or its execution stops.
 */
final class JobStatuses {
    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = new EnumMap<>(JobStatus.class);

    static {
        ALLOWED.put(CREATED, EnumSet.of(QUEUED, IN_PROGRESS));
        ALLOWED.put(QUEUED, EnumSet.of(DISPATCHED, TIMED_OUT, FAILED));
        ALLOWED.put(DISPATCHED, EnumSet.of(IN_PROGRESS, TIMED_OUT, FAILED));
        ALLOWED.put(IN_PROGRESS, EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT));
        ALLOWED.put(SUCCEEDED, EnumSet.noneOf(JobStatus.class));
        ALLOWED.put(FAILED, EnumSet.noneOf(JobStatus.class));
        ALLOWED.put(TIMED_OUT, EnumSet.noneOf(JobStatus.class));
    }

    private JobStatuses() {
    }

    static boolean isFinal(JobStatus status) {
        return ALLOWED.get(status).isEmpty();
    }

    /** An illegal transition is a bug in Slipway, not a client error: it fails loudly. */
    static void check(JobStatus from, JobStatus to) {
        if (!ALLOWED.get(from).contains(to)) {
            throw new IllegalStateException("a job cannot go from " + from + " to " + to);
        }
    }
}
