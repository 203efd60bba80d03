package io.slipway.agent.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A revision stored in S3, as the deployment specification names it. */
public record S3Revision(String bucket, String key, BundleType bundleType, Optional<String> version, Optional<String> etag) {
    /** The {@code BUNDLE_*} variables hook scripts see; only those the revision has. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BUNDLE_BUCKET", bucket);
        env.put("BUNDLE_KEY", key);
        version.ifPresent(v -> env.put("BUNDLE_VERSION", v));
        etag.ifPresent(e -> env.put("BUNDLE_ETAG", e));
        return env;
    }
}
