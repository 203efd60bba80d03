package io.slipway.s3.storage;

import java.util.List;
import java.util.Optional;

/** One page of ListParts, in part number order, with the upload's checksum algorithm. */
public record PartsPage(String bucket, String key, String uploadId, List<PartInfo> parts, boolean truncated,
                        int nextPartNumberMarker, Optional<ChecksumAlgorithm> checksumAlgorithm) {
}
