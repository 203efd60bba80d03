package io.slipway.app.resources;

import io.slipway.cloudformation.registry.ValidatedProvider;
import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceFailure;
import io.slipway.s3.storage.ObjectAttributes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.app.InProcessServices.NS;
import static io.slipway.app.InProcessServices.made;
import static io.slipway.app.InProcessServices.request;
import static io.slipway.app.InProcessServices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3BucketProviderTest extends ProviderTest {
    private static final String TYPE = "AWS::S3::Bucket";

    S3BucketProviderTest() {
        super(TYPE);
    }

    @Test
    void createsANamedBucketWithVersioningAndAnswersItsAttributes() {
        Provisioned bucket = provider.create(request("Artifacts", TYPE, Map.of("BucketName", "shop-artifacts",
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "Tags", List.of(Map.of("Key", "team", "Value", "shop")))));

        assertThat(bucket.physicalId()).isEqualTo("shop-artifacts");
        assertThat(services.s3.bucket(NS.account(), "shop-artifacts")).get()
                .satisfies(b -> assertThat(b.versioning()).contains("Enabled"))
                .satisfies(b -> assertThat(b.region()).isEqualTo("eu-west-1"));
        assertThat(bucket.attributes()).containsEntry("Arn", "arn:aws:s3:::shop-artifacts")
                .containsEntry("DomainName", "shop-artifacts.s3.amazonaws.com")
                .containsEntry("RegionalDomainName", "shop-artifacts.s3.eu-west-1.amazonaws.com")
                .containsEntry("DualStackDomainName", "shop-artifacts.s3.dualstack.eu-west-1.amazonaws.com")
                .containsEntry("WebsiteURL", "http://shop-artifacts.s3-website-eu-west-1.amazonaws.com");
    }

    @Test
    void generatesALowerCaseNameFromStackAndLogicalIdAndAdoptsItOnRetry() {
        Provisioned first = provider.create(request("ArtifactStore", TYPE, Map.of()));
        Provisioned retried = provider.create(request("ArtifactStore", TYPE, Map.of()));

        assertThat(first.physicalId()).matches("shop-artifactstore-[a-z0-9]{13}");
        assertThat(retried.physicalId()).isEqualTo(first.physicalId());
        assertThat(services.s3.listBuckets(NS.account())).hasSize(1);
    }

    @Test
    void aNameThatIsTakenFailsAsAlreadyExists() {
        services.s3.createBucket(NS.account(), NS.region(), "taken");

        assertThatThrownBy(() -> provider.create(request("Artifacts", TYPE, Map.of("BucketName", "taken"))))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageStartingWith("Resource handler returned message: \"taken already exists\" (RequestToken: ")
                .hasMessageEndingWith("HandlerErrorCode: AlreadyExists)");
    }

    @Test
    void anotherAccountsBucketFailsAsAlreadyExistsAndIsLeftAlone() {
        services.s3.createBucket("999988887777", NS.region(), "theirs");

        assertThatThrownBy(() -> provider.create(request("Artifacts", TYPE, Map.of("BucketName", "theirs",
                "VersioningConfiguration", Map.of("Status", "Enabled")))))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageEndingWith("HandlerErrorCode: AlreadyExists)");
        assertThat(services.s3.bucket("999988887777", "theirs").orElseThrow().versioning()).isEmpty();
        assertThatThrownBy(() -> provider.delete(request("Artifacts", TYPE, Map.of()), made("theirs")))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageContaining("HandlerErrorCode: AccessDenied");
        assertThat(services.s3.bucket("999988887777", "theirs")).isPresent();
    }

    @Test
    void anInvalidNameFailsWithS3sReason() {
        assertThatThrownBy(() -> provider.create(request("Artifacts", TYPE, Map.of("BucketName", "Not_Valid"))))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageContaining("The specified bucket is not valid")
                .hasMessageContaining("Service: S3, Status Code: 400")
                .hasMessageContaining("HandlerErrorCode: InvalidRequest");
    }

    @Test
    void propertiesSlipwayDoesNotApplyAreAcceptedAsTheSpecificationAllowsThem() {
        // the CDK's bootstrap template sets AccessControl and more on its staging bucket
        new ValidatedProvider(provider).create(request("Staging", TYPE, Map.of("BucketName", "cdk-staging-bucket",
                "AccessControl", "Private", "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
                        java.util.List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms")))))));
        assertThat(services.s3.bucket(NS.account(), "cdk-staging-bucket")).isPresent();
        assertThatThrownBy(() -> new ValidatedProvider(provider).create(request("Staging", TYPE, Map.of("AccessControl",
                Map.of("Grant", "all"))))).hasMessage("Properties validation failed for resource Staging with message: "
                + "[#/AccessControl: expected type: String, found: JSONObject]");
    }

    @Test
    void badPropertiesFailValidationBeforeAnythingIsMade() {
        assertThatThrownBy(() -> provider.create(request("Artifacts", TYPE, Map.of("BucketName", "ok-name",
                "VersioningConfiguration", Map.of("Status", "On")))))
                .hasMessage("Properties validation failed for resource Artifacts with message: "
                        + "#/VersioningConfiguration/Status: On is not a valid enum value");
        assertThatThrownBy(() -> provider.create(request("Artifacts", TYPE, Map.of("VersioningConfiguration", Map.of()))))
                .hasMessage("Properties validation failed for resource Artifacts with message: "
                        + "#/VersioningConfiguration: required key [Status] not found");
        assertThatThrownBy(() -> new ValidatedProvider(provider).create(request("Artifacts", TYPE, Map.of("BucketNam", "typo"))))
                .hasMessageEndingWith("#: extraneous key [BucketNam] is not permitted]");
        assertThat(services.s3.listBuckets(NS.account())).isEmpty();
    }

    @Test
    void updateChangesVersioningInPlaceAndSuspendsItWhenTheTemplateDropsIt() {
        Map<String, Object> enabled = Map.of("BucketName", "shop-site", "VersioningConfiguration", Map.of("Status", "Enabled"));
        Provisioned bucket = provider.create(request("Site", TYPE, Map.of("BucketName", "shop-site")));

        Provisioned updated = provider.update(update("Site", TYPE, enabled, Map.of("BucketName", "shop-site")), bucket);
        assertThat(updated.physicalId()).isEqualTo("shop-site");
        assertThat(services.s3.bucket(NS.account(), "shop-site").orElseThrow().versioning()).contains("Enabled");

        provider.update(update("Site", TYPE, Map.of("BucketName", "shop-site"), enabled), updated);
        assertThat(services.s3.bucket(NS.account(), "shop-site").orElseThrow().versioning()).contains("Suspended");
    }

    @Test
    void aNewBucketNameReplacesTheBucket() {
        Provisioned replaced = renamed("Site", "BucketName", "shop-site", "shop-site-2");

        assertThat(replaced.physicalId()).isEqualTo("shop-site-2");
        assertThat(services.s3.bucket(NS.account(), "shop-site-2")).isPresent();
        assertThat(services.s3.bucket(NS.account(), "shop-site")).as("the engine deletes the old one later").isPresent();
    }

    @Test
    void droppingTheBucketNameReplacesWithAGeneratedName() {
        Provisioned old = provider.create(request("Site", TYPE, Map.of("BucketName", "shop-site")));

        Provisioned replaced = provider.update(update("Site", TYPE, Map.of(), Map.of("BucketName", "shop-site")), old);

        assertThat(replaced.physicalId()).matches("shop-site-[a-z0-9]{13}");
    }

    @Test
    void deleteRemovesTheBucketAndSucceedsWhenItIsAlreadyGone() {
        Provisioned bucket = provider.create(request("Site", TYPE, Map.of("BucketName", "shop-site")));

        provider.delete(request("Site", TYPE, Map.of()), bucket);
        assertThat(services.s3.bucket(NS.account(), "shop-site")).isEmpty();

        provider.delete(request("Site", TYPE, Map.of()), made("shop-site"));
    }

    @Test
    void aBucketWithObjectsIsNotDeleted() {
        Provisioned bucket = provider.create(request("Site", TYPE, Map.of("BucketName", "shop-site")));
        byte[] body = "<html/>".getBytes();
        services.s3.putObject(NS.account(), "shop-site", "index.html", new ByteArrayInputStream(body), body.length,
                ObjectAttributes.none());

        assertThatThrownBy(() -> provider.delete(request("Site", TYPE, Map.of()), bucket))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageContaining("The bucket you tried to delete is not empty")
                .hasMessageContaining("HandlerErrorCode: ResourceConflict");
        assertThat(services.s3.bucket(NS.account(), "shop-site")).isPresent();
    }
}
