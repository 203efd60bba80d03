package io.slipway.it;

import io.slipway.app.Slipway;
import io.slipway.app.SlipwayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.MinimumHealthyHostsType;
import software.amazon.awssdk.services.codedeploy.model.Tag;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every acknowledged write survives a restart of a server on the embedded file store. This failed
 * (the store reopened empty) while H2 ran with RETENTION_TIME=0; see engine/README.md.
 */
class RestartIT {

    private static CodeDeployClient client(Slipway slipway) {
        return CodeDeployClient.builder().endpointOverride(URI.create(slipway.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void resourcesSurviveARestart(@TempDir Path dataDir) {
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort().withDataDir(dataDir);
        String appId;
        try (Slipway first = Slipway.start(config)) {
            CodeDeployClient cd = client(first);
            appId = cd.createApplication(r -> r.applicationName("durable")
                    .tags(Tag.builder().key("k").value("v").build())).applicationId();
            cd.createDeploymentConfig(r -> r.deploymentConfigName("durable-config")
                    .minimumHealthyHosts(m -> m.type(MinimumHealthyHostsType.HOST_COUNT).value(1)));
            cd.createDeploymentGroup(r -> r.applicationName("durable").deploymentGroupName("dg")
                    .deploymentConfigName("durable-config").serviceRoleArn("arn:aws:iam::000000000000:role/cd"));
        }
        try (Slipway second = Slipway.start(config)) {
            CodeDeployClient cd = client(second);
            assertThat(cd.getApplication(r -> r.applicationName("durable")).application().applicationId()).isEqualTo(appId);
            assertThat(cd.getDeploymentGroup(r -> r.applicationName("durable").deploymentGroupName("dg"))
                    .deploymentGroupInfo().deploymentConfigName()).isEqualTo("durable-config");
            assertThat(cd.listTagsForResource(r -> r.resourceArn(
                    "arn:aws:codedeploy:us-east-1:000000000000:application:durable")).tags())
                    .containsExactly(Tag.builder().key("k").value("v").build());
        }
    }

    private static S3Client s3(Slipway slipway) {
        return S3Client.builder().endpointOverride(URI.create(slipway.endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void objectsVersionsAndUploadsInProgressSurviveARestart(@TempDir Path dataDir) {
        SlipwayConfig config = SlipwayConfig.ephemeralOnFreePort().withDataDir(dataDir);
        byte[] firstPart = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(firstPart, (byte) 'a');
        String uploadId;
        String firstEtag;
        try (Slipway first = Slipway.start(config)) {
            S3Client s3 = s3(first);
            s3.createBucket(b -> b.bucket("durable"));
            s3.putBucketVersioning(b -> b.bucket("durable").versioningConfiguration(v -> v.status("Enabled")));
            s3.putObject(b -> b.bucket("durable").key("doc"), RequestBody.fromString("one"));
            s3.putObject(b -> b.bucket("durable").key("doc"), RequestBody.fromString("two"));
            uploadId = s3.createMultipartUpload(b -> b.bucket("durable").key("big")).uploadId();
            firstEtag = s3.uploadPart(b -> b.bucket("durable").key("big").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(firstPart)).eTag();
        }
        try (Slipway second = Slipway.start(config)) {
            S3Client s3 = s3(second);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("durable").key("doc")).asUtf8String()).isEqualTo("two");
            assertThat(s3.listObjectVersions(b -> b.bucket("durable").prefix("doc")).versions()).hasSize(2);
            String secondEtag = s3.uploadPart(b -> b.bucket("durable").key("big").uploadId(uploadId).partNumber(2),
                    RequestBody.fromString("tail")).eTag();
            s3.completeMultipartUpload(b -> b.bucket("durable").key("big").uploadId(uploadId).multipartUpload(m -> m.parts(
                    CompletedPart.builder().partNumber(1).eTag(firstEtag).build(),
                    CompletedPart.builder().partNumber(2).eTag(secondEtag).build())));
            assertThat(s3.headObject(b -> b.bucket("durable").key("big")).contentLength()).isEqualTo(firstPart.length + 4L);
        }
    }
}
