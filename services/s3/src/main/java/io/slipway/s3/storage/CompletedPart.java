package io.slipway.s3.storage;

import java.util.Map;

/** A part named in CompleteMultipartUpload; the ETag may be quoted; checksums, if given, must match the part's. */
public record CompletedPart(int partNumber, String etag, Map<ChecksumAlgorithm, String> checksums) {

    public CompletedPart(int partNumber, String etag) {
        this(partNumber, etag, Map.of());
    }
}
