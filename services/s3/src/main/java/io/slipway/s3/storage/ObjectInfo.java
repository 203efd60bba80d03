package io.slipway.s3.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One version of an object, or a delete marker. {@code etag} is without quotes: the hex MD5 of the
 * body, or for a multipart upload the hex MD5 of the parts' MD5s with "-N". {@code versionId} is
 * "null" for the version written while versioning was off or suspended. {@code checksums} maps
 * each stored additional checksum to its base64 value (with "-N" when composite). {@code bodyRef}
 * is opaque: it names the stored body for {@link S3Storage#bodyFile} (empty for delete markers).
 */
public record ObjectInfo(String bucket, String key, String versionId, long size, String etag, Instant lastModified,
                         String contentType, Map<String, String> headers, Map<String, String> userMetadata,
                         Map<ChecksumAlgorithm, String> checksums, Optional<String> checksumType,
                         boolean deleteMarker, boolean isLatest, String storageClass, int partsCount,
                         String bodyRef) {

    public static final String NULL_VERSION = "null";

    /** The ETag as S3 sends it, in double quotes. */
    public String quotedEtag() {
        return "\"" + etag + "\"";
    }
}
