package io.slipway.codepipeline.execution;

import io.slipway.codepipeline.job.JobRecord;
import io.slipway.codepipeline.job.JobResults;
import io.slipway.model.codepipeline.ActionExecution;
import io.slipway.model.codepipeline.ActionExecutionDetail;
import io.slipway.model.codepipeline.ActionExecutionOutput;
import io.slipway.model.codepipeline.ActionExecutionResult;
import io.slipway.model.codepipeline.ActionExecutionStatus;
import io.slipway.model.codepipeline.ActionRevision;
import io.slipway.model.codepipeline.Artifact;
import io.slipway.model.codepipeline.ArtifactDetail;
import io.slipway.model.codepipeline.ErrorDetails;
import io.slipway.model.codepipeline.S3Location;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an action ended and what it produced: output variables (exported under the action's
 * namespace), output artifacts (name to `bucket/key`), the revision it worked on, and what its
 * action state shows (summary, external execution id, percent complete, error).
 */
record ActionOutcome(ActionExecutionStatus status, String summary, String externalExecutionId, Integer percentComplete,
                     ErrorDetails error, Map<String, String> outputVariables, Map<String, String> artifacts,
                     ActionRevision revision) {

    static ActionOutcome succeeded(JobRecord job, JobResults.Success success) {
        var details = success.executionDetails();
        var current = success.currentRevision();
        Map<String, String> artifacts = new LinkedHashMap<>();
        List<Artifact> outputs = job.data().outputArtifacts() == null ? List.of() : job.data().outputArtifacts();
        for (Artifact a : outputs) {
            artifacts.put(a.name(), a.location().s3Location().bucketName() + "/" + a.location().s3Location().objectKey());
        }
        return new ActionOutcome(ActionExecutionStatus.SUCCEEDED, details.map(d -> d.summary()).orElse(null),
                details.map(d -> d.externalExecutionId()).orElse(null), details.map(d -> d.percentComplete()).orElse(null),
                null, success.outputVariables(), artifacts,
                current.map(c -> new ActionRevision(c.revision(), c.changeIdentifier(), c.created())).orElse(null));
    }

    static ActionOutcome succeeded(String summary, String externalExecutionId, Map<String, String> outputVariables,
                                   Map<String, String> artifacts, ActionRevision revision) {
        return new ActionOutcome(ActionExecutionStatus.SUCCEEDED, summary, externalExecutionId, null, null,
                outputVariables, artifacts, revision);
    }

    static ActionOutcome failed(ErrorDetails error) {
        return new ActionOutcome(ActionExecutionStatus.FAILED, null, null, null, error, Map.of(), Map.of(), null);
    }

    static ActionOutcome abandoned() {
        return new ActionOutcome(ActionExecutionStatus.ABANDONED, null, null, null, null, Map.of(), Map.of(), null);
    }

    /** The variables as later actions name them: {@code namespace.key}; none without a namespace. */
    Map<String, String> namespacedVariables(String namespace) {
        Map<String, String> out = new LinkedHashMap<>();
        if (namespace != null) {
            outputVariables.forEach((k, v) -> out.put(namespace + "." + k, v));
        }
        return out;
    }

    ActionExecutionDetail applyTo(ActionExecutionDetail detail, Instant now) {
        List<ArtifactDetail> outputs = artifacts.entrySet().stream().map(a -> new ArtifactDetail(a.getKey(),
                location(a.getValue()))).toList();
        return detail.toBuilder().status(status).lastUpdateTime(now).output(new ActionExecutionOutput(outputs,
                new ActionExecutionResult(externalExecutionId, summary, null, error, null),
                outputVariables.isEmpty() ? null : outputVariables)).build();
    }

    /** The action's latest execution in GetPipelineState; an approval's token goes once it is answered. */
    ActionExecution latest(String actionExecutionId, ActionExecution previous, Instant now) {
        ActionExecution.Builder b = previous == null ? ActionExecution.builder() : previous.toBuilder();
        return b.actionExecutionId(actionExecutionId).status(status).lastStatusChange(now).token(null)
                .summary(summary != null ? summary : previous == null ? null : previous.summary())
                .externalExecutionId(externalExecutionId != null ? externalExecutionId
                        : previous == null ? null : previous.externalExecutionId())
                .percentComplete(status == ActionExecutionStatus.SUCCEEDED ? Integer.valueOf(100) : percentComplete)
                .errorDetails(error).build();
    }

    static S3Location location(String bucketAndKey) {
        int slash = bucketAndKey.indexOf('/');
        return new S3Location(bucketAndKey.substring(0, slash), bucketAndKey.substring(slash + 1));
    }
}
