package io.slipway.s3.storage;

import java.util.List;
import java.util.Optional;

/** One page of ListObjectsV2: keys in UTF-8 binary order, rolled-up CommonPrefixes, and the opaque token to continue. */
public record ListResult(List<ObjectInfo> contents, List<String> commonPrefixes, boolean truncated,
                         Optional<String> nextContinuationToken) {

    /** KeyCount: keys plus common prefixes. */
    public int keyCount() {
        return contents.size() + commonPrefixes.size();
    }
}
