package io.slipway.codedeploy.revision;

import io.slipway.model.codedeploy.AppSpecContent;
import io.slipway.model.codedeploy.GitHubLocation;
import io.slipway.model.codedeploy.RawString;
import io.slipway.model.codedeploy.RevisionLocation;
import io.slipway.model.codedeploy.S3Location;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import static io.slipway.model.codedeploy.CodeDeployErrors.INVALID_REVISION;
import static io.slipway.model.codedeploy.CodeDeployErrors.REVISION_REQUIRED;

/**
 * What a revision location must give, and what makes two locations the same revision: for S3 the
 * bucket, key, bundle type, version and ETag; for GitHub the repository and commit; for String and
 * AppSpecContent the SHA-256 of the content (computed here, whatever the client sent).
 */
final class RevisionIdentity {
    private RevisionIdentity() {
    }

    /** The location checked and reduced to its type's own member, with content hashes filled in. */
    static RevisionLocation check(RevisionLocation r) {
        if (r == null) {
            throw REVISION_REQUIRED.exception("A revision is required");
        }
        if (r.revisionType() == null) {
            throw invalid("A revision needs a revisionType");
        }
        RevisionLocation.Builder out = RevisionLocation.builder().revisionType(r.revisionType());
        return switch (r.revisionType()) {
            case S3 -> {
                S3Location s3 = r.s3Location();
                if (s3 == null || blank(s3.bucket()) || blank(s3.key())) {
                    throw invalid("An S3 revision needs s3Location with a bucket and a key");
                }
                // UNVERIFIED that AWS requires it; every documented S3 revision has one, and the agent needs it to unpack
                if (s3.bundleType() == null) {
                    throw invalid("An S3 revision needs a bundleType: tar, tgz, zip, YAML or JSON");
                }
                yield out.s3Location(s3).build();
            }
            case GIT_HUB -> {
                GitHubLocation gh = r.gitHubLocation();
                if (gh == null || blank(gh.repository()) || blank(gh.commitId())) {
                    throw invalid("A GitHub revision needs gitHubLocation with a repository and a commitId");
                }
                int slash = gh.repository().indexOf('/');
                if (slash <= 0 || slash == gh.repository().length() - 1 || gh.repository().indexOf('/', slash + 1) >= 0) {
                    throw invalid("The GitHub repository " + gh.repository() + " is not of the form account/repository");
                }
                yield out.gitHubLocation(gh).build();
            }
            case STRING -> {
                if (r.string() == null || r.string().content() == null) {
                    throw invalid("A String revision needs its content");
                }
                yield out.string(new RawString(r.string().content(), sha256(r.string().content()))).build();
            }
            case APP_SPEC_CONTENT -> {
                if (r.appSpecContent() == null || r.appSpecContent().content() == null) {
                    throw invalid("An AppSpecContent revision needs its content");
                }
                String content = r.appSpecContent().content();
                yield out.appSpecContent(new AppSpecContent(content, sha256(content))).build();
            }
        };
    }

    /** The storage id of a checked revision of an application: the application's id and a hash of the identity. */
    static String key(String applicationId, RevisionLocation checked) {
        String identity = switch (checked.revisionType()) {
            case S3 -> {
                S3Location s3 = checked.s3Location();
                yield String.join("\n", "S3", s3.bucket(), s3.key(), s3.bundleType().value(),
                        Objects.toString(s3.version(), ""), Objects.toString(s3.eTag(), ""));
            }
            case GIT_HUB -> String.join("\n", "GitHub", checked.gitHubLocation().repository(),
                    checked.gitHubLocation().commitId());
            case STRING -> "String\n" + checked.string().sha256();
            case APP_SPEC_CONTENT -> "AppSpecContent\n" + checked.appSpecContent().sha256();
        };
        return applicationId + "/" + sha256(identity);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    private static io.slipway.model.runtime.AwsException invalid(String message) {
        return INVALID_REVISION.exception(message);
    }
}
