package io.slipway.lambda.functions;

import io.slipway.core.Namespace;

/**
 * Where a deployment package named by {@code S3Bucket}/{@code S3Key} comes from: Slipway's own S3,
 * wired by the app, read as the calling account ({@code ns}), so another account's bucket is
 * denied. A missing or unreadable bucket, key or version is Lambda's InvalidParameterValueException,
 * carrying S3's error code as AWS words it.
 */
@FunctionalInterface
public interface PackageSource {
    byte[] read(Namespace ns, String bucket, String key, String objectVersion);
}
