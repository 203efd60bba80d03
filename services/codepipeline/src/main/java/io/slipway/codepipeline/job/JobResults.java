package io.slipway.codepipeline.job;

import io.slipway.core.Namespace;
import io.slipway.engine.store.Tx;
import io.slipway.model.codepipeline.CurrentRevision;
import io.slipway.model.codepipeline.ExecutionDetails;
import io.slipway.model.codepipeline.FailureDetails;

import java.util.Map;
import java.util.Optional;

/**
 * What a job's result means for its action, decided by the execution engine in the same
 * transaction as the result: success ends the action (or, with a continuation token, queues the
 * next job for it), failure fails it.
 */
public interface JobResults {

    /** PutJobSuccessResult (or the third-party variant), already validated. */
    void succeeded(Tx tx, Namespace ns, JobRecord job, Success success);

    /** PutJobFailureResult (or the third-party variant), already validated. */
    void failed(Tx tx, Namespace ns, JobRecord job, FailureDetails failure);

    record Success(Optional<String> continuationToken, Optional<CurrentRevision> currentRevision,
                   Optional<ExecutionDetails> executionDetails, Map<String, String> outputVariables) {
    }
}
