package io.slipway.codedeploy.server;

import io.slipway.core.Namespace;

import java.util.Optional;

/**
 * Where Server revisions live: Slipway's own S3 slice, reached through this interface so that
 * CodeDeploy does not import another service (the app connects the two).
 */
public interface RevisionBundles {

    /** The bundle object's ETag (unquoted) and version, if the object exists. */
    Optional<Bundle> find(Namespace ns, String bucket, String key, String version);

    record Bundle(String eTag, String version) {
    }
}
