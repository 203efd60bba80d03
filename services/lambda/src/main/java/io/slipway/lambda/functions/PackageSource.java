package io.slipway.lambda.functions;

/**
 * Where a deployment package named by {@code S3Bucket}/{@code S3Key} comes from: Slipway's own S3,
 * wired by the app. A missing bucket, key or version is Lambda's InvalidParameterValueException,
 * carrying S3's error code as AWS words it.
 */
@FunctionalInterface
public interface PackageSource {
    byte[] read(String bucket, String key, String objectVersion);
}
