package io.slipway.app.resources;

import io.slipway.cloudformation.resource.Provisioned;
import io.slipway.cloudformation.resource.ResourceRequest;
import io.slipway.model.runtime.AwsException;
import io.slipway.s3.storage.BucketInfo;
import io.slipway.s3.storage.S3Storage;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AWS::S3::Bucket in Slipway's S3. Ref is the bucket name; the attributes are the names and URLs
 * AWS documents for the bucket. Tags are accepted and not kept: Slipway's S3 has no bucket tagging.
 */
final class S3BucketProvider extends NamedResourceProvider {
    static final String TYPE = "AWS::S3::Bucket";
    private static final String SERVICE = "S3";
    /** The regions whose website endpoints keep the old dash form, s3-website-<region>. */
    private static final Set<String> DASH_WEBSITE_REGIONS = Set.of("us-east-1", "us-west-1", "us-west-2",
            "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "eu-west-1", "sa-east-1", "us-gov-west-1");

    private final S3Storage s3;

    S3BucketProvider(S3Storage s3) {
        super(new NameProperty("BucketName", 63, true), Set.of("BucketName", "VersioningConfiguration", "Tags"),
                Set.of());
        this.s3 = s3;
    }

    @Override
    Provisioned create(ResourceRequest request, ResourceProperties p, String name) {
        Optional<String> status = versioning(p);
        p.tags("Tags"); // checked for shape, though not kept
        Optional<BucketInfo> existing;
        try {
            existing = s3.bucket(request.ns().account(), name);
        } catch (AwsException anotherAccounts) {
            throw HandlerErrors.alreadyExists(request, name);
        }
        // looked up first: in us-east-1 S3 answers a repeated CreateBucket by the owner with success
        if (existing.isPresent()) {
            adoptOnlyGenerated(p, HandlerErrors.alreadyExists(request, name));
        } else {
            try {
                s3.createBucket(request.ns().account(), request.ns().region(), name);
            } catch (AwsException e) {
                throw HandlerErrorCode.of(e) == HandlerErrorCode.ALREADY_EXISTS
                        ? HandlerErrors.alreadyExists(request, name) : HandlerErrors.failure(request, SERVICE, e);
            }
        }
        status.ifPresent(s -> setVersioning(request, name, s));
        return provisioned(request, name);
    }

    @Override
    Provisioned updateInPlace(ResourceRequest request, ResourceProperties p, ResourceProperties previous,
                              Provisioned current) {
        p.tags("Tags");
        Optional<String> status = versioning(p);
        if (status.isPresent()) {
            setVersioning(request, current.physicalId(), status.get());
        } else if (versioning(previous).filter("Enabled"::equals).isPresent()) {
            // a bucket's versioning can be suspended but never switched off again
            setVersioning(request, current.physicalId(), "Suspended");
        }
        return provisioned(request, current.physicalId());
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        try {
            s3.deleteBucket(request.ns().account(), current.physicalId());
        } catch (AwsException e) {
            if (HandlerErrorCode.of(e) != HandlerErrorCode.NOT_FOUND) {
                throw HandlerErrors.failure(request, SERVICE, e);
            }
        }
    }

    private void setVersioning(ResourceRequest request, String bucket, String status) {
        try {
            s3.setVersioning(request.ns().account(), bucket, status);
        } catch (AwsException e) {
            throw HandlerErrors.failure(request, SERVICE, e);
        }
    }

    private static Optional<String> versioning(ResourceProperties p) {
        Optional<ResourceProperties> config = p.object("VersioningConfiguration");
        if (config.isEmpty()) {
            return Optional.empty();
        }
        String status = config.get().requiredString("Status");
        if (!status.equals("Enabled") && !status.equals("Suspended")) {
            throw p.invalid("#/VersioningConfiguration/Status: " + status + " is not a valid enum value");
        }
        return Optional.of(status);
    }

    private static Provisioned provisioned(ResourceRequest request, String name) {
        String region = request.ns().region();
        String website = DASH_WEBSITE_REGIONS.contains(region) ? "s3-website-" + region : "s3-website." + region;
        return new Provisioned(name, Map.of(
                "Arn", "arn:aws:s3:::" + name,
                "DomainName", name + ".s3.amazonaws.com",
                "RegionalDomainName", name + ".s3." + region + ".amazonaws.com",
                "DualStackDomainName", name + ".s3.dualstack." + region + ".amazonaws.com",
                "WebsiteURL", "http://" + name + "." + website + ".amazonaws.com"));
    }
}
