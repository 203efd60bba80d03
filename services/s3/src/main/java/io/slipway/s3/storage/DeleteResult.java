package io.slipway.s3.storage;

import java.util.Optional;

/**
 * What a DeleteObject did: the version it created (a delete marker) or removed, and whether that
 * version is a delete marker (S3's x-amz-delete-marker and x-amz-version-id headers).
 */
public record DeleteResult(boolean deleteMarker, Optional<String> versionId) {
}
