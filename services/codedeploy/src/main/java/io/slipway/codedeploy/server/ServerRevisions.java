package io.slipway.codedeploy.server;

import io.slipway.model.codedeploy.BundleType;
import io.slipway.model.codedeploy.RevisionLocation;
import io.slipway.model.codedeploy.RevisionLocationType;
import io.slipway.model.codedeploy.S3Location;

import java.util.Set;

import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_REVISION;
import static io.slipway.model.codedeploy.CodeDeployErrors.REVISION_REQUIRED;

/** What a Server deployment can deploy: an archive in S3, which its hosts' agents download and unpack. */
public final class ServerRevisions {
    private static final Set<BundleType> ARCHIVES = Set.of(BundleType.ZIP, BundleType.TAR, BundleType.TGZ);

    private ServerRevisions() {
    }

    public static RevisionLocation check(RevisionLocation revision) {
        if (revision == null || revision.revisionType() == null) {
            throw REVISION_REQUIRED.exception("A revision is required");
        }
        if (revision.revisionType() != RevisionLocationType.S3) {
            throw INVALID_REVISION.exception("Revisions of type " + revision.revisionType().value()
                    + " are not supported for Server deployments in Slipway; use an S3 revision");
        }
        S3Location s3 = revision.s3Location();
        if (s3 == null || s3.bucket() == null || s3.bucket().isEmpty() || s3.key() == null || s3.key().isEmpty()) {
            throw INVALID_REVISION.exception("An S3 revision needs its bucket and key");
        }
        if (s3.bundleType() == null || !ARCHIVES.contains(s3.bundleType())) {
            throw INVALID_REVISION.exception("The bundle type of a Server revision must be zip, tar or tgz, not "
                    + (s3.bundleType() == null ? "none" : s3.bundleType().value()));
        }
        return revision;
    }
}
