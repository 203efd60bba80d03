package io.slipway.codepipeline.execution;

import io.slipway.core.Namespace;
import io.slipway.model.codepipeline.AWSSessionCredentials;

import java.util.Optional;

/**
 * The other services built-in actions reach, through interfaces the app connects so that
 * CodePipeline imports none of them: S3 for sources and artifacts, Lambda for invoke actions,
 * CodeDeploy for deploy actions. Each call is made outside any store transaction.
 */
public interface ActionTargets {

    /** An S3 source's object, copied into the artifact store; empty when the bucket or key is missing. */
    Optional<SourceObject> copySource(Namespace ns, String bucket, String key, String artifactBucket, String artifactKey);

    record SourceObject(String versionId, String eTag) {
    }

    /**
     * Calls a function asynchronously with a {@code CodePipeline.job} event; the function reports
     * back with PutJobSuccessResult or PutJobFailureResult. Empty when the call was made, else why not.
     */
    Optional<String> invokeFunction(Namespace ns, String functionName, String event);

    /**
     * Temporary credentials of {@code roleArn} (the pipeline's service role) for a job worker to reach
     * the artifact store with, named {@code sessionName}; empty when none are issued (the job keeps
     * the ones stored with it).
     */
    default Optional<AWSSessionCredentials> artifactCredentials(Namespace ns, String roleArn, String sessionName) {
        return Optional.empty();
    }

    /** Starts a CodeDeploy deployment of an S3 revision; answers its id or throws CodeDeploy's error. */
    String createDeployment(Namespace ns, String application, String deploymentGroup, String bucket, String key,
                            String bundleType, String description);

    /** A deployment's status as CodeDeploy names it (Created, InProgress, Succeeded, Failed, Stopped, ...), and why. */
    DeploymentState deploymentState(Namespace ns, String deploymentId);

    record DeploymentState(String status, String message) {
        boolean done() {
            return status.equals("Succeeded") || status.equals("Failed") || status.equals("Stopped");
        }
    }
}
