package io.slipway.codepipeline.execution;

import io.slipway.codepipeline.job.JobRecord;
import io.slipway.codepipeline.job.NewJob;
import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codepipeline.JobStatus;

import java.util.Optional;

/** The jobs the engine asks for and ends (the job part of the service keeps them and serves the workers). */
public interface JobQueue {

    /** Queues a job; answers its id. */
    String create(Tx tx, Namespace ns, NewJob job);

    /** Ends every open job of an action execution, e.g. when the action times out or is abandoned. */
    void cancel(Tx tx, Namespace ns, String actionExecutionId, JobStatus status);

    Optional<JobRecord> get(Tx tx, Namespace ns, String jobId);
}
