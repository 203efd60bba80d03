package io.slipway.app;

import io.slipway.codedeploy.deployment.Deployments;
import io.slipway.codepipeline.execution.ActionTargets;
import io.slipway.core.Namespace;
import io.slipway.model.codedeploy.BundleType;
import io.slipway.model.codedeploy.CreateDeploymentInput;
import io.slipway.model.codedeploy.DeploymentInfo;
import io.slipway.model.codedeploy.RevisionLocation;
import io.slipway.model.codedeploy.RevisionLocationType;
import io.slipway.model.codedeploy.S3Location;
import io.slipway.model.codepipeline.AWSSessionCredentials;
import io.slipway.model.runtime.AwsException;
import io.slipway.s3.storage.ObjectInfo;
import io.slipway.s3.storage.S3Storage;
import io.slipway.sts.RoleCredentials;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * CodePipeline's built-in actions, connected to Slipway's own S3, Lambda and CodeDeploy; and in
 * verification mode, the artifact credentials job workers get, minted by STS for the pipeline's role.
 */
final class PipelineActionTargets implements ActionTargets {
    private final S3Storage s3;
    private final FunctionCalls functions;
    private final Deployments deployments;
    private final Optional<Supplier<RoleCredentials>> sts;

    /** @param sts present in verification mode: STS, which mints artifact credentials (a supplier: it is assembled later) */
    PipelineActionTargets(S3Storage s3, FunctionCalls functions, Deployments deployments,
                          Optional<Supplier<RoleCredentials>> sts) {
        this.s3 = s3;
        this.functions = functions;
        this.deployments = deployments;
        this.sts = sts;
    }

    /**
     * A session of the pipeline's role; a role STS cannot assume (not created in IAM, or another
     * account's) leaves the job its stored credentials. UNVERIFIED: which principal AWS's artifact credentials act as.
     */
    @Override
    public Optional<AWSSessionCredentials> artifactCredentials(Namespace ns, String roleArn, String sessionName) {
        // a pipeline's role is one of its own account's: another account's role is never handed out
        if (sts.isEmpty() || roleArn == null || ExecutionRoles.otherAccount(ns.account(), roleArn).isPresent()
                || sts.get().get().unassumable(roleArn).isPresent()) {
            return Optional.empty();
        }
        RoleCredentials.Issued issued = sts.get().get().assume(roleArn, sessionName);
        return Optional.of(new AWSSessionCredentials(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken()));
    }

    @Override
    public Optional<SourceObject> copySource(Namespace ns, String bucket, String key, String artifactBucket,
                                             String artifactKey) {
        try {
            // as the pipeline's account: another account's source or artifact bucket is denied
            ObjectInfo source = s3.getObject(ns.account(), bucket, key, Optional.empty());
            s3.copyObject(ns.account(), bucket, key, Optional.of(source.versionId()), artifactBucket, artifactKey,
                    Optional.empty());
            return Optional.of(new SourceObject(ObjectInfo.NULL_VERSION.equals(source.versionId()) ? null
                    : source.versionId(), source.etag().replace("\"", "")));
        } catch (AwsException missingBucketOrKey) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> invokeFunction(Namespace ns, String functionName, String event) {
        try {
            return switch (functions.call(ns, functionName, event)) {
                case FunctionCalls.Outcome.Ran ran -> Optional.empty();
                case FunctionCalls.Outcome.Failed failed -> Optional.of("The Lambda function " + functionName
                        + " failed: " + failed.detail());
                case FunctionCalls.Outcome.NoFunction none -> Optional.of("The Lambda function " + functionName
                        + " does not exist in Slipway, and no --function target is configured for it");
                case FunctionCalls.Outcome.Denied denied -> Optional.of("The Lambda function " + functionName
                        + " could not be invoked: " + denied.reason());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("Slipway stopped while calling the Lambda function " + functionName);
        }
    }

    @Override
    public String createDeployment(Namespace ns, String application, String deploymentGroup, String bucket, String key,
                                   String bundleType, String description) {
        return deployments.create(ns, CreateDeploymentInput.builder().applicationName(application)
                .deploymentGroupName(deploymentGroup).description(description)
                .revision(RevisionLocation.builder().revisionType(RevisionLocationType.S3)
                        .s3Location(S3Location.builder().bucket(bucket).key(key).bundleType(BundleType.fromValue(bundleType))
                                .build()).build()).build());
    }

    @Override
    public DeploymentState deploymentState(Namespace ns, String deploymentId) {
        DeploymentInfo d = deployments.get(ns, deploymentId);
        return new DeploymentState(d.status().value(), d.errorInformation() == null ? null : d.errorInformation().message());
    }
}
