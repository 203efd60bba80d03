package io.slipway.app;

import io.slipway.core.Namespace;
import io.slipway.lambda.functions.PackageSource;
import io.slipway.model.runtime.AwsException;
import io.slipway.s3.storage.OpenObject;
import io.slipway.s3.storage.S3Storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import static io.slipway.model.lambda.LambdaErrors.INVALID_PARAMETER_VALUE;

/** Lambda packages named by S3Bucket/S3Key, read from Slipway's own S3 as the function's account. */
final class LambdaCodeFromS3 implements PackageSource {
    /** Lambda's limit for a package's unzipped size; the zip itself cannot be larger. */
    private static final long MAX_PACKAGE_BYTES = 250L * 1024 * 1024;
    private final S3Storage s3;

    LambdaCodeFromS3(S3Storage s3) {
        this.s3 = s3;
    }

    @Override
    public byte[] read(Namespace ns, String bucket, String key, String objectVersion) {
        try (OpenObject object = s3.openObject(ns.account(), bucket, key, Optional.ofNullable(objectVersion))) {
            if (object.info().size() > MAX_PACKAGE_BYTES) {
                throw INVALID_PARAMETER_VALUE.exception("Unzipped size must be smaller than " + MAX_PACKAGE_BYTES + " bytes");
            }
            try (InputStream in = object.body().stream(0)) {
                return in.readAllBytes();
            }
        } catch (AwsException e) {
            if (e.error() == INVALID_PARAMETER_VALUE) {
                throw e;
            }
            // AWS words an unreadable package this way, with S3's own code and message inside
            throw INVALID_PARAMETER_VALUE.exception("Error occurred while GetObject. S3 Error Code: " + e.error().code()
                    + ". S3 Error Message: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
