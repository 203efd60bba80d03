package io.slipway.s3.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a writer says about an object besides its bytes: Content-Type, the other stored system
 * headers ({@link #HEADERS}, returned as sent), user metadata (x-amz-meta-* without the prefix,
 * names in lower case as S3 returns them), the checksums to compute and verify, and the condition
 * of a conditional write (If-Match / If-None-Match on PUT), checked atomically with the write.
 */
public record ObjectAttributes(Optional<String> contentType, Map<String, String> headers,
                               Map<String, String> userMetadata, ChecksumRequest checksum, WriteCondition condition) {

    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    /** System headers S3 stores with an object and returns on GET and HEAD. */
    public static final java.util.List<String> HEADERS = java.util.List.of(
            "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires",
            "x-amz-website-redirect-location");

    public ObjectAttributes {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(condition, "condition");
        headers = Map.copyOf(headers);
        Map<String, String> meta = new LinkedHashMap<>();
        userMetadata.forEach((k, v) -> meta.put(k.toLowerCase(java.util.Locale.ROOT), v));
        userMetadata = java.util.Collections.unmodifiableMap(meta);
    }

    public static ObjectAttributes none() {
        return new ObjectAttributes(Optional.empty(), Map.of(), Map.of(), ChecksumRequest.none(), WriteCondition.NONE);
    }

    public static ObjectAttributes ofContentType(String contentType) {
        return none().withContentType(contentType);
    }

    public ObjectAttributes withContentType(String value) {
        return new ObjectAttributes(Optional.ofNullable(value), headers, userMetadata, checksum, condition);
    }

    public ObjectAttributes withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ObjectAttributes(contentType, h, userMetadata, checksum, condition);
    }

    public ObjectAttributes withUserMetadata(Map<String, String> value) {
        return new ObjectAttributes(contentType, headers, value, checksum, condition);
    }

    public ObjectAttributes withChecksum(ChecksumRequest value) {
        return new ObjectAttributes(contentType, headers, userMetadata, value, condition);
    }

    /** If-None-Match: * (write only if the key has no current object) or If-Match: an ETag, quoted or not. */
    public ObjectAttributes withCondition(WriteCondition value) {
        return new ObjectAttributes(contentType, headers, userMetadata, checksum, value);
    }
}
