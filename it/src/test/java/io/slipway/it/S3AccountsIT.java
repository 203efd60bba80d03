package io.slipway.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.BundleType;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.ErrorCode;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.codedeploy.model.Tag;
import software.amazon.awssdk.services.codedeploy.model.TagFilter;
import software.amazon.awssdk.services.codedeploy.model.TagFilterType;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStore;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStoreType;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.Job;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageExecutionStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bucket is its owner's alone: every S3 operation Slipway serves, made by another account on the
 * owner's bucket or its objects, is AccessDenied (403) and changes nothing; a bucket that does not
 * exist is NoSuchBucket whoever asks.
 */
class S3AccountsIT {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    static final String ROLE = "arn:aws:iam::111111111111:role/service";
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private static S3Client owner;
    private static S3Client other;
    private static String version;
    private static String upload;

    @BeforeAll
    static void ownersBucket() {
        slipway.createRoles(OWNER, "service");
        slipway.createRoles(OTHER, "service");
        owner = slipway.s3(OWNER);
        other = slipway.s3(OTHER);
        owner.createBucket(r -> r.bucket("walled"));
        owner.putBucketVersioning(r -> r.bucket("walled").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        version = owner.putObject(r -> r.bucket("walled").key("secret.txt"), RequestBody.fromString("owner's")).versionId();
        upload = owner.createMultipartUpload(r -> r.bucket("walled").key("big")).uploadId();
        owner.uploadPart(r -> r.bucket("walled").key("big").uploadId(upload).partNumber(1), RequestBody.fromString("part"));
        other.createBucket(r -> r.bucket("others-own"));
        other.putObject(r -> r.bucket("others-own").key("mine.txt"), RequestBody.fromString("other's"));
    }

    /** 403 AccessDenied; HEAD answers carry no body, so only their status says it. */
    private static void denied(String what, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).as(what).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).as(what).isEqualTo(403);
            if (!what.startsWith("Head")) {
                assertThat(e.awsErrorDetails().errorCode()).as(what).isEqualTo("AccessDenied");
                assertThat(e.awsErrorDetails().errorMessage()).as(what).isEqualTo("Access Denied");
            }
        });
    }

    @Test
    void anotherAccountCanNeitherReadListChangeNorDeleteTheBucketOrItsObjects() {
        denied("HeadBucket", () -> other.headBucket(r -> r.bucket("walled")));
        denied("GetBucketLocation", () -> other.getBucketLocation(r -> r.bucket("walled")));
        denied("GetBucketVersioning", () -> other.getBucketVersioning(r -> r.bucket("walled")));
        denied("PutBucketVersioning", () -> other.putBucketVersioning(r -> r.bucket("walled")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED))));
        denied("ListObjects", () -> other.listObjects(r -> r.bucket("walled")));
        denied("ListObjectsV2", () -> other.listObjectsV2(r -> r.bucket("walled")));
        denied("ListObjectVersions", () -> other.listObjectVersions(r -> r.bucket("walled")));
        denied("ListMultipartUploads", () -> other.listMultipartUploads(r -> r.bucket("walled")));
        denied("ListParts", () -> other.listParts(r -> r.bucket("walled").key("big").uploadId(upload)));
        denied("GetObject", () -> other.getObjectAsBytes(r -> r.bucket("walled").key("secret.txt")));
        denied("GetObject by version", () -> other.getObjectAsBytes(r -> r.bucket("walled").key("secret.txt")
                .versionId(version)));
        denied("HeadObject", () -> other.headObject(r -> r.bucket("walled").key("secret.txt")));
        denied("PutObject", () -> other.putObject(r -> r.bucket("walled").key("secret.txt"), RequestBody.fromString("x")));
        denied("CopyObject from the bucket", () -> other.copyObject(r -> r.sourceBucket("walled").sourceKey("secret.txt")
                .destinationBucket("others-own").destinationKey("stolen.txt")));
        denied("CopyObject into the bucket", () -> other.copyObject(r -> r.sourceBucket("others-own").sourceKey("mine.txt")
                .destinationBucket("walled").destinationKey("planted.txt")));
        denied("DeleteObject", () -> other.deleteObject(r -> r.bucket("walled").key("secret.txt")));
        denied("DeleteObject by version", () -> other.deleteObject(r -> r.bucket("walled").key("secret.txt")
                .versionId(version)));
        denied("DeleteObjects", () -> other.deleteObjects(r -> r.bucket("walled").delete(d -> d.objects(
                ObjectIdentifier.builder().key("secret.txt").build()))));
        denied("CreateMultipartUpload", () -> other.createMultipartUpload(r -> r.bucket("walled").key("planted")));
        denied("UploadPart", () -> other.uploadPart(r -> r.bucket("walled").key("big").uploadId(upload).partNumber(2),
                RequestBody.fromString("more")));
        denied("CompleteMultipartUpload", () -> other.completeMultipartUpload(r -> r.bucket("walled").key("big")
                .uploadId(upload).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("x").build()))));
        denied("AbortMultipartUpload", () -> other.abortMultipartUpload(r -> r.bucket("walled").key("big").uploadId(upload)));
        denied("DeleteBucket", () -> other.deleteBucket(r -> r.bucket("walled")));
        assertThatThrownBy(() -> other.createBucket(r -> r.bucket("walled"))).isInstanceOf(BucketAlreadyExistsException.class);
        assertThat(other.listBuckets().buckets()).extracting(Bucket::name).containsExactly("others-own");

        // nothing the other account tried took effect
        assertThat(owner.getObjectAsBytes(r -> r.bucket("walled").key("secret.txt")).asUtf8String()).isEqualTo("owner's");
        assertThat(owner.listObjectVersions(r -> r.bucket("walled").prefix("secret.txt")).versions()).hasSize(1);
        assertThat(owner.listObjectVersions(r -> r.bucket("walled").prefix("planted")).versions()).isEmpty();
        assertThat(owner.listParts(r -> r.bucket("walled").key("big").uploadId(upload)).parts()).hasSize(1);
        assertThat(owner.getBucketVersioning(r -> r.bucket("walled")).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        assertThat(other.listObjectsV2(r -> r.bucket("others-own").prefix("stolen")).contents()).isEmpty();
        denied("the wall stands both ways", () -> owner.listObjectsV2(r -> r.bucket("others-own")));
    }

    @Test
    void lambdaReadsAPackageInS3AsTheCallersAccount() {
        byte[] zip = Zips.of(java.util.Map.of("bootstrap", "#!/bin/sh\n"));
        owner.putObject(r -> r.bucket("walled").key("fn.zip"), RequestBody.fromBytes(zip));
        LambdaClient otherLambda = slipway.lambda(OTHER, "us-east-1");
        String denied = "Error occurred while GetObject. S3 Error Code: AccessDenied. S3 Error Message: Access Denied";
        String othersRole = "arn:aws:iam::" + OTHER + ":role/service";
        assertThatThrownBy(() -> otherLambda.createFunction(r -> r.functionName("stolen").runtime(Runtime.PROVIDED_AL2023)
                .handler("h").role(othersRole).code(c -> c.s3Bucket("walled").s3Key("fn.zip"))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(denied));
        String sha = otherLambda.createFunction(r -> r.functionName("own").runtime(Runtime.PROVIDED_AL2023).handler("h")
                .role(othersRole).code(c -> c.zipFile(SdkBytes.fromByteArray(Zips.of(java.util.Map.of("bootstrap", "x"))))))
                .codeSha256();
        assertThatThrownBy(() -> otherLambda.updateFunctionCode(r -> r.functionName("own").s3Bucket("walled").s3Key("fn.zip")))
                .isInstanceOfSatisfying(InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(denied));
        assertThat(otherLambda.getFunction(r -> r.functionName("own")).configuration().codeSha256()).isEqualTo(sha);
        assertThat(slipway.lambda(OWNER, "us-east-1").createFunction(r -> r.functionName("owners").runtime(Runtime.PROVIDED_AL2023)
                .handler("h").role(ROLE).code(c -> c.s3Bucket("walled").s3Key("fn.zip"))).codeSize()).isEqualTo(zip.length);
    }

    @Test
    void aServerDeploymentOfAnotherAccountsBundleFindsNoRevision() {
        for (String account : List.of(OWNER, OTHER)) {
            CodeDeployClient cd = slipway.codeDeploy(account, "us-east-1");
            cd.createApplication(r -> r.applicationName("web").computePlatform(ComputePlatform.SERVER));
            cd.registerOnPremisesInstance(r -> r.instanceName("host").iamUserArn("arn:aws:iam::" + account + ":user/host"));
            cd.addTagsToOnPremisesInstances(r -> r.instanceNames("host").tags(Tag.builder().key("Role").value("web").build()));
            cd.createDeploymentGroup(r -> r.applicationName("web").deploymentGroupName("web").serviceRoleArn(ROLE)
                    .onPremisesInstanceTagFilters(TagFilter.builder().key("Role").value("web")
                            .type(TagFilterType.KEY_AND_VALUE).build()));
        }
        owner.putObject(r -> r.bucket("walled").key("web.zip"), RequestBody.fromBytes(Zips.of(java.util.Map.of(
                "appspec.yml", "version: 0.0\nos: linux\n"))));
        String theirs = deployWeb(slipway.codeDeploy(OTHER, "us-east-1"));
        String owners = deployWeb(slipway.codeDeploy(OWNER, "us-east-1"));
        slipway.awaitIdle();
        DeploymentInfo denied = slipway.codeDeploy(OTHER, "us-east-1").getDeployment(r -> r.deploymentId(theirs))
                .deploymentInfo();
        assertThat(denied.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(denied.errorInformation().code()).isEqualTo(ErrorCode.REVISION_MISSING);
        assertThat(slipway.codeDeploy(OWNER, "us-east-1").getDeployment(r -> r.deploymentId(owners)).deploymentInfo()
                .status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
    }

    private static String deployWeb(CodeDeployClient cd) {
        return cd.createDeployment(r -> r.applicationName("web").deploymentGroupName("web").revision(v -> v
                .revisionType(RevisionLocationType.S3).s3Location(l -> l.bucket("walled").key("web.zip")
                        .bundleType(BundleType.ZIP)))).deploymentId();
    }

    @Test
    void aPipelineReadsAndWritesS3AsItsAccount() {
        CodePipelineClient cp = slipway.codePipeline(OTHER, "us-east-1");
        cp.createPipeline(r -> r.pipeline(sourceOnly("source-elsewhere", "walled", "secret.txt", "others-own")));
        cp.createPipeline(r -> r.pipeline(sourceOnly("store-elsewhere", "others-own", "mine.txt", "walled")));
        cp.createPipeline(r -> r.pipeline(sourceOnly("all-own", "others-own", "mine.txt", "others-own")));
        slipway.awaitIdle();
        for (String failed : List.of("source-elsewhere", "store-elsewhere")) {
            assertThat(cp.getPipelineState(r -> r.name(failed)).stageStates().getFirst().latestExecution().status())
                    .as(failed).isEqualTo(StageExecutionStatus.FAILED);
        }
        assertThat(cp.getPipelineState(r -> r.name("all-own")).stageStates().getFirst().latestExecution().status())
                .isEqualTo(StageExecutionStatus.SUCCEEDED);
        assertThat(owner.listObjectsV2(r -> r.bucket("walled")).contents()).extracting(o -> o.key())
                .as("nothing was written into the owner's bucket").doesNotContain("store-elsewhere");
        assertThat(owner.listObjectVersions(r -> r.bucket("walled").prefix("store-elsewhere")).versions()).isEmpty();
    }

    @Test
    void aJobWorkersArtifactCredentialsAreThePipelinesAccount() {
        CodePipelineClient cp = slipway.codePipeline(OWNER, "us-east-1");
        ActionTypeId build = ActionTypeId.builder().category(ActionCategory.BUILD).owner(ActionOwner.CUSTOM)
                .provider("WalledBuild").version("1").build();
        cp.createCustomActionType(r -> r.category(ActionCategory.BUILD).provider("WalledBuild").version("1")
                .inputArtifactDetails(d -> d.minimumCount(1).maximumCount(1))
                .outputArtifactDetails(d -> d.minimumCount(0).maximumCount(1)));
        PipelineDeclaration source = sourceOnly("with-build", "walled", "secret.txt", "walled");
        cp.createPipeline(r -> r.pipeline(source.toBuilder().stages(List.of(source.stages().getFirst(),
                StageDeclaration.builder().name("Build").actions(ActionDeclaration.builder().name("Build").actionTypeId(build)
                        .inputArtifacts(InputArtifact.builder().name("Source").build()).build()).build())).build()));
        slipway.awaitIdle();
        Job job = cp.pollForJobs(r -> r.actionTypeId(build)).jobs().getFirst();
        var credentials = cp.getJobDetails(r -> r.jobId(job.id())).jobDetails().data().artifactCredentials();
        S3Client worker = S3Client.builder().endpointOverride(java.net.URI.create(slipway.endpoint()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()))).build();
        var input = job.data().inputArtifacts().getFirst().location().s3Location();
        assertThat(worker.getObjectAsBytes(r -> r.bucket(input.bucketName()).key(input.objectKey())).asUtf8String())
                .isEqualTo("owner's");
        denied("another account's bucket", () -> worker.listObjectsV2(r -> r.bucket("others-own")));
    }

    /** One S3 source stage reading {@code bucket/key} into the artifact store {@code store}. */
    private static PipelineDeclaration sourceOnly(String name, String bucket, String key, String store) {
        return PipelineDeclaration.builder().name(name).roleArn(ROLE)
                .artifactStore(ArtifactStore.builder().type(ArtifactStoreType.S3).location(store).build())
                .stages(StageDeclaration.builder().name("Source").actions(ActionDeclaration.builder().name("Source")
                        .actionTypeId(ActionTypeId.builder().category(ActionCategory.SOURCE).owner(ActionOwner.AWS)
                                .provider("S3").version("1").build())
                        .configuration(java.util.Map.of("S3Bucket", bucket, "S3ObjectKey", key,
                                "PollForSourceChanges", "false"))
                        .outputArtifacts(OutputArtifact.builder().name("Source").build()).build()).build(),
                        StageDeclaration.builder().name("Approve").actions(ActionDeclaration.builder().name("Approve")
                                .actionTypeId(ActionTypeId.builder().category(ActionCategory.APPROVAL)
                                        .owner(ActionOwner.AWS).provider("Manual").version("1").build()).build()).build())
                .build();
    }

    @Test
    void aPresignedUrlActsAsTheAccountThatSignedIt() {
        java.util.function.Function<String, String> presign = key -> {
            try (S3Presigner presigner = S3Presigner.builder().endpointOverride(java.net.URI.create(slipway.endpoint()))
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "secret"))).build()) {
                return presigner.presignGetObject(r -> r.signatureDuration(java.time.Duration.ofMinutes(5))
                        .getObjectRequest(g -> g.bucket("walled").key("secret.txt"))).url().toString();
            }
        };
        var owners = RawHttp.get(presign.apply(OWNER));
        assertThat(owners.statusCode()).isEqualTo(200);
        assertThat(owners.body()).isEqualTo("owner's");
        var others = RawHttp.get(presign.apply(OTHER));
        assertThat(others.statusCode()).isEqualTo(403);
        assertThat(others.body()).contains("<Code>AccessDenied</Code>");
    }

    @Test
    void aBucketThatDoesNotExistIsNoSuchBucketWhoeverAsks() {
        assertThatThrownBy(() -> other.headBucket(r -> r.bucket("nobody-has-this")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> owner.getObjectAsBytes(r -> r.bucket("nobody-has-this").key("k")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> other.listObjectsV2(r -> r.bucket("nobody-has-this")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void uploadPartCopyIsNotImplementedRatherThanAnEmptyPart() {
        String id = owner.createMultipartUpload(r -> r.bucket("walled").key("copied")).uploadId();
        assertThatThrownBy(() -> owner.uploadPartCopy(r -> r.sourceBucket("walled").sourceKey("secret.txt")
                .destinationBucket("walled").destinationKey("copied").uploadId(id).partNumber(1)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
        assertThat(owner.listParts(r -> r.bucket("walled").key("copied").uploadId(id)).parts()).isEmpty();
        owner.abortMultipartUpload(r -> r.bucket("walled").key("copied").uploadId(id));
    }
}
