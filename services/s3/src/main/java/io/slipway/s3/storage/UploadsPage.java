package io.slipway.s3.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One page of ListMultipartUploads: uploads by key (UTF-8 binary order), then by initiation. */
public record UploadsPage(List<Upload> uploads, List<String> commonPrefixes, boolean truncated,
                          Optional<String> nextKeyMarker, Optional<String> nextUploadIdMarker) {

    /** An in-progress multipart upload. */
    public record Upload(String key, String uploadId, Instant initiated, Optional<ChecksumAlgorithm> checksumAlgorithm) {
    }
}
