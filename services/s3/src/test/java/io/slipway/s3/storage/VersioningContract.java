package io.slipway.s3.storage;

import io.slipway.model.runtime.AwsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

abstract class VersioningContract extends S3Fixture {

    @BeforeEach
    void bucket() {
        s3.createBucket(ACCOUNT, REGION, "ver");
    }

    @Test
    void versionsDeleteMarkersAndLatest() {
        put("ver", "k", "before versioning");
        s3.setVersioning(ACCOUNT, "ver", "Enabled");
        assertThat(s3.bucket(ACCOUNT, "ver").orElseThrow().versioning()).contains("Enabled");
        ObjectInfo v1 = put("ver", "k", "one");
        ObjectInfo v2 = put("ver", "k", "two");
        assertThat(v1.versionId()).isNotEqualTo("null").isNotEqualTo(v2.versionId()).hasSize(32);
        assertThat(get("ver", "k")).isEqualTo("two");
        assertThat(read(s3.getObject(ACCOUNT, "ver", "k", Optional.of(v1.versionId())))).isEqualTo("one");
        assertThat(read(s3.getObject(ACCOUNT, "ver", "k", Optional.of("null")))).isEqualTo("before versioning");

        DeleteResult marker = s3.deleteObject(ACCOUNT, "ver", "k", Optional.empty());
        assertThat(marker.deleteMarker()).isTrue();
        AwsException noKey = catchThrowableOfType(AwsException.class, () -> s3.getObject(ACCOUNT, "ver", "k", Optional.empty()));
        assertThat(noKey.error().code()).isEqualTo("NoSuchKey");
        assertThat(noKey.fields()).containsEntry("DeleteMarker", "true").containsEntry("VersionId", marker.versionId().get());
        assertError(() -> s3.getObject(ACCOUNT, "ver", "k", marker.versionId()), "MethodNotAllowed");
        assertThat(s3.head(ACCOUNT, "ver", "k", Optional.empty()).orElseThrow().deleteMarker()).isTrue();
        assertError(() -> s3.getObject(ACCOUNT, "ver", "k", Optional.of("00000000000000000000000000000000")), "NoSuchVersion");
        assertError(() -> s3.getObject(ACCOUNT, "ver", "k", Optional.of("not-a-version")), "InvalidArgument");

        VersionListResult versions = s3.listObjectVersions(ACCOUNT, "ver", null, null, null, null, 1000);
        assertThat(versions.versions()).extracting(ObjectInfo::versionId)
                .containsExactly(marker.versionId().get(), v2.versionId(), v1.versionId(), "null");
        assertThat(versions.versions()).extracting(ObjectInfo::isLatest).containsExactly(true, false, false, false);

        // Removing the delete marker brings the object back.
        DeleteResult removed = s3.deleteObject(ACCOUNT, "ver", "k", marker.versionId());
        assertThat(removed.deleteMarker()).isTrue();
        assertThat(get("ver", "k")).isEqualTo("two");
        // Removing the latest version makes the previous one latest; its file goes.
        String v2File = s3.bodyBlob(v2);
        s3.deleteObject(ACCOUNT, "ver", "k", Optional.of(v2.versionId()));
        assertThat(bodyExists(v2File)).isFalse();
        assertThat(get("ver", "k")).isEqualTo("one");
        assertThat(s3.head(ACCOUNT, "ver", "k", Optional.of(v1.versionId())).orElseThrow().isLatest()).isTrue();
        // A version that does not exist is no error.
        assertThat(s3.deleteObject(ACCOUNT, "ver", "k", Optional.of(v2.versionId())).deleteMarker()).isFalse();
        s3.deleteObject(ACCOUNT, "ver", "k", Optional.of(v1.versionId()));
        s3.deleteObject(ACCOUNT, "ver", "k", Optional.of("null"));
        assertThat(s3.listObjectVersions(ACCOUNT, "ver", null, null, null, null, 1000).versions()).isEmpty();
        s3.deleteBucket(ACCOUNT, "ver");
    }

    @Test
    void suspendedVersioningReplacesTheNullVersion() {
        s3.setVersioning(ACCOUNT, "ver", "Enabled");
        ObjectInfo kept = put("ver", "k", "versioned");
        s3.setVersioning(ACCOUNT, "ver", "Suspended");
        ObjectInfo n1 = put("ver", "k", "null one");
        assertThat(n1.versionId()).isEqualTo("null");
        String n1File = s3.bodyBlob(n1);
        ObjectInfo n2 = put("ver", "k", "null two");
        assertThat(bodyExists(n1File)).isFalse();
        assertThat(s3.listObjectVersions(ACCOUNT, "ver", null, null, null, null, 1000).versions())
                .extracting(ObjectInfo::versionId).containsExactly("null", kept.versionId());
        DeleteResult marker = s3.deleteObject(ACCOUNT, "ver", "k", Optional.empty());
        assertThat(marker).isEqualTo(new DeleteResult(true, Optional.of("null")));
        assertThat(bodyExists(s3.bodyBlob(n2))).isFalse();
        List<ObjectInfo> versions = s3.listObjectVersions(ACCOUNT, "ver", null, null, null, null, 1000).versions();
        assertThat(versions).extracting(ObjectInfo::versionId).containsExactly("null", kept.versionId());
        assertThat(versions.getFirst().deleteMarker()).isTrue();
        assertThat(read(s3.getObject(ACCOUNT, "ver", "k", Optional.of(kept.versionId())))).isEqualTo("versioned");
    }

    @Test
    void copyFromAVersion() {
        s3.setVersioning(ACCOUNT, "ver", "Enabled");
        ObjectInfo old = put("ver", "k", "old");
        put("ver", "k", "new");
        ObjectInfo restored = s3.copyObject(ACCOUNT, "ver", "k", Optional.of(old.versionId()), "ver", "k", Optional.empty());
        assertThat(get("ver", "k")).isEqualTo("old");
        assertThat(restored.versionId()).isNotEqualTo(old.versionId());
        String markerId = s3.deleteObject(ACCOUNT, "ver", "k", Optional.empty()).versionId().orElseThrow();
        assertError(() -> s3.copyObject(ACCOUNT, "ver", "k", Optional.of(markerId), "ver", "x", Optional.empty()), "InvalidRequest");
        assertError(() -> s3.copyObject(ACCOUNT, "ver", "k", Optional.empty(), "ver", "x", Optional.empty()), "NoSuchKey");
    }

    @Test
    void versionsSurviveARestart() {
        s3.setVersioning(ACCOUNT, "ver", "Enabled");
        ObjectInfo v1 = put("ver", "k", "one");
        put("ver", "k", "two");
        s3 = newStorage();
        assertThat(read(s3.getObject(ACCOUNT, "ver", "k", Optional.of(v1.versionId())))).isEqualTo("one");
        assertThat(put("ver", "k", "three").versionId()).isNotIn(v1.versionId());
        assertThat(s3.listObjectVersions(ACCOUNT, "ver", null, null, null, null, 1000).versions()).hasSize(3);
    }
}
