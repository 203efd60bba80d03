package io.slipway.examples.jobworker;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.model.AWSSessionCredentials;
import software.amazon.awssdk.services.codepipeline.model.Artifact;
import software.amazon.awssdk.services.codepipeline.model.S3ArtifactLocation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;
import java.util.Optional;

/**
 * The pipeline's artifact bucket as one job sees it: read and written with the temporary
 * credentials CodePipeline hands out with the job (its {@code artifactCredentials}), path-style at
 * the same endpoint as CodePipeline when there is one.
 */
final class ArtifactStore implements AutoCloseable {
    private final S3Client s3;

    ArtifactStore(Optional<URI> endpoint, String region, SdkHttpClient http, AWSSessionCredentials jobCredentials,
                  AwsCredentialsProvider fallback) {
        AwsCredentialsProvider credentials = jobCredentials == null ? fallback
                : StaticCredentialsProvider.create(AwsSessionCredentials.create(jobCredentials.accessKeyId(),
                        jobCredentials.secretAccessKey(), jobCredentials.sessionToken()));
        S3ClientBuilder builder = S3Client.builder().httpClient(http).region(Region.of(region))
                .credentialsProvider(credentials).forcePathStyle(true);
        endpoint.ifPresent(builder::endpointOverride);
        this.s3 = builder.build();
    }

    byte[] download(Artifact artifact) {
        S3ArtifactLocation at = location(artifact);
        return s3.getObjectAsBytes(r -> r.bucket(at.bucketName()).key(at.objectKey())).asByteArray();
    }

    void upload(Artifact artifact, byte[] bytes) {
        S3ArtifactLocation at = location(artifact);
        s3.putObject(r -> r.bucket(at.bucketName()).key(at.objectKey()).contentType("application/zip"),
                RequestBody.fromBytes(bytes));
    }

    static String describe(Artifact artifact) {
        S3ArtifactLocation at = location(artifact);
        return "s3://" + at.bucketName() + "/" + at.objectKey();
    }

    private static S3ArtifactLocation location(Artifact artifact) {
        if (artifact.location() == null || artifact.location().s3Location() == null) {
            throw new IllegalArgumentException("artifact " + artifact.name() + " has no S3 location");
        }
        return artifact.location().s3Location();
    }

    /** Leaves the shared HTTP client open: the SDK never closes a client it was given. */
    @Override
    public void close() {
        s3.close();
    }
}
