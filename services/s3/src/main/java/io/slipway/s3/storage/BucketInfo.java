package io.slipway.s3.storage;

import java.time.Instant;
import java.util.Optional;

/** A bucket: its global name, owning account, region, creation time and versioning status (absent if never set). */
public record BucketInfo(String name, String account, String region, Instant created, Optional<String> versioning) {
}
