package io.slipway.s3.storage;

import java.time.Instant;
import java.util.Map;

/** An uploaded part: its number, hex MD5 ETag (no quotes), size, time and additional checksums (base64). */
public record PartInfo(int partNumber, String etag, long size, Instant lastModified, Map<ChecksumAlgorithm, String> checksums) {
}
