package io.slipway.examples.jobworker;

/**
 * What the worker did with one job.
 *
 * @param step   which step of the action the job was (1 for the first job, n for the job whose
 *               continuation token was {@code step-(n-1)})
 * @param detail the continuation token given, the output location written, the failure reported,
 *               or why the job was passed over
 */
public record Outcome(String jobId, int step, Result result, String detail) {

    public enum Result {
        /** Answered PutJobSuccessResult with a continuation token: the action goes on with another job. */
        CONTINUED,
        /** Answered PutJobSuccessResult without one: the action succeeded. */
        SUCCEEDED,
        /** Answered PutJobFailureResult. */
        FAILED,
        /** Not worked on: another worker acknowledged it first, or it ended (timed out, stopped) meanwhile. */
        SKIPPED
    }
}
