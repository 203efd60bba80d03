package io.slipway.s3.storage;

import java.util.List;
import java.util.Optional;

/**
 * One page of ListObjectVersions: versions and delete markers by key, newest first within a key;
 * where the page is cut, the key and version id markers to continue from.
 */
public record VersionListResult(List<ObjectInfo> versions, List<String> commonPrefixes, boolean truncated,
                                Optional<String> nextKeyMarker, Optional<String> nextVersionIdMarker) {

    public List<ObjectInfo> objectVersions() {
        return versions.stream().filter(v -> !v.deleteMarker()).toList();
    }

    public List<ObjectInfo> deleteMarkers() {
        return versions.stream().filter(ObjectInfo::deleteMarker).toList();
    }
}
