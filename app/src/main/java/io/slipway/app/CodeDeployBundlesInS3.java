package io.slipway.app;

import io.slipway.codedeploy.server.RevisionBundles;
import io.slipway.core.Namespace;
import io.slipway.model.runtime.AwsException;
import io.slipway.s3.storage.S3Storage;

import java.util.Optional;

/**
 * Server deployments' bundles, looked up in Slipway's own S3 as the deployment's account. A missing
 * bucket, key or version, a delete marker, or another account's bucket is a missing bundle.
 */
final class CodeDeployBundlesInS3 implements RevisionBundles {
    private final S3Storage s3;

    CodeDeployBundlesInS3(S3Storage s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<Bundle> find(Namespace ns, String bucket, String key, String version) {
        try {
            var object = s3.getObject(ns.account(), bucket, key, Optional.ofNullable(version));
            return Optional.of(new Bundle(object.etag().replace("\"", ""), object.versionId()));
        } catch (AwsException noSuchBucketKeyOrVersionOrAccessDenied) {
            return Optional.empty();
        }
    }
}
