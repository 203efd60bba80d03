package io.slipway.s3.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.s3.storage.BucketsAndObjectsContract.md5Hex;
import static org.assertj.core.api.Assertions.assertThat;

abstract class MultipartContract extends S3Fixture {
    static final int MIB = 1024 * 1024;

    @BeforeEach
    void bucket() {
        s3.createBucket(ACCOUNT, REGION, "mpu");
    }

    @Test
    void partsBecomeOneObject() throws Exception {
        String id = s3.createMultipartUpload(ACCOUNT, "mpu", "big", ObjectAttributes.ofContentType("video/mp4")
                .withUserMetadata(Map.of("owner", "me")));
        byte[] p1 = filled(5 * MIB, 'a');
        byte[] p2 = filled(5 * MIB, 'b');
        byte[] p3 = filled(1000, 'c');
        PartInfo part1 = upload("big", id, 1, p1);
        PartInfo part3 = upload("big", id, 3, p3);
        PartInfo part2 = upload("big", id, 2, filled(10, 'x'));
        part2 = upload("big", id, 2, p2); // uploading a part number again replaces it
        assertThat(part1.etag()).isEqualTo(md5Hex(p1));
        assertThat(part1.size()).isEqualTo(5 * MIB);

        PartsPage page = s3.listParts(ACCOUNT, "mpu", "big", id, 0, 2);
        assertThat(page.parts()).extracting(PartInfo::partNumber).containsExactly(1, 2);
        assertThat(page.truncated()).isTrue();
        PartsPage rest = s3.listParts(ACCOUNT, "mpu", "big", id, page.nextPartNumberMarker(), 2);
        assertThat(rest.parts()).extracting(PartInfo::partNumber).containsExactly(3);
        assertThat(rest.truncated()).isFalse();

        ObjectInfo done = s3.completeMultipartUpload(ACCOUNT, "mpu", "big", id, List.of(
                new CompletedPart(1, "\"" + part1.etag() + "\""), new CompletedPart(2, part2.etag()),
                new CompletedPart(3, part3.etag())));
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (byte[] p : List.of(p1, p2, p3)) {
            md5.update(MessageDigest.getInstance("MD5").digest(p));
        }
        assertThat(done.etag()).isEqualTo(HexFormat.of().formatHex(md5.digest()) + "-3");
        assertThat(done.size()).isEqualTo(10L * MIB + 1000);
        assertThat(done.partsCount()).isEqualTo(3);
        ObjectInfo got = s3.getObject(ACCOUNT, "mpu", "big", Optional.empty());
        assertThat(got.contentType()).isEqualTo("video/mp4");
        assertThat(got.userMetadata()).containsEntry("owner", "me");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(p1);
        whole.write(p2);
        whole.write(p3);
        assertThat(blobs.read(s3.bodyBlob(got)).orElseThrow()).isEqualTo(whole.toByteArray());
        // The parts are gone with the upload.
        assertThat(storedBodies()).isEqualTo(1);
        assertError(() -> s3.listParts(ACCOUNT, "mpu", "big", id, 0, 10), "NoSuchUpload");
        assertError(() -> s3.completeMultipartUpload(ACCOUNT, "mpu", "big", id, List.of(new CompletedPart(1, part1.etag()))),
                "NoSuchUpload");
    }

    @Test
    void completionRules() {
        String id = s3.createMultipartUpload(ACCOUNT, "mpu", "k", ObjectAttributes.none());
        PartInfo small1 = upload("k", id, 1, filled(100, 'a'));
        PartInfo small2 = upload("k", id, 2, filled(100, 'b'));
        assertError(() -> s3.completeMultipartUpload(ACCOUNT, "mpu", "k", id, List.of(
                new CompletedPart(1, small1.etag()), new CompletedPart(2, small2.etag()))), "EntityTooSmall");
        assertError(() -> s3.completeMultipartUpload(ACCOUNT, "mpu", "k", id, List.of(
                new CompletedPart(2, small2.etag()), new CompletedPart(1, small1.etag()))), "InvalidPartOrder");
        assertError(() -> s3.completeMultipartUpload(ACCOUNT, "mpu", "k", id, List.of(
                new CompletedPart(1, small1.etag()), new CompletedPart(1, small1.etag()))), "InvalidPartOrder");
        assertError(() -> s3.completeMultipartUpload(ACCOUNT, "mpu", "k", id, List.of(
                new CompletedPart(1, small2.etag()))), "InvalidPart");
        assertError(() -> s3.completeMultipartUpload(ACCOUNT, "mpu", "k", id, List.of(
                new CompletedPart(7, small1.etag()))), "InvalidPart");
        assertError(() -> s3.completeMultipartUpload(ACCOUNT, "mpu", "k", id, List.of()), "MalformedXML");
        assertError(() -> s3.completeMultipartUpload(ACCOUNT, "mpu", "other-key", id, List.of(
                new CompletedPart(1, small1.etag()))), "NoSuchUpload");
        assertError(() -> upload("k", id, 0, new byte[1]), "InvalidArgument");
        assertError(() -> upload("k", id, 10_001, new byte[1]), "InvalidArgument");
        assertError(() -> upload("k", "no-such-upload", 1, new byte[1]), "NoSuchUpload");
        assertThat(s3.head(ACCOUNT, "mpu", "k", Optional.empty())).isEmpty();

        // A single part may be small; completing with a subset discards the rest.
        ObjectInfo one = s3.completeMultipartUpload(ACCOUNT, "mpu", "k", id, List.of(new CompletedPart(2, small2.etag())));
        assertThat(one.etag()).endsWith("-1");
        assertThat(get("mpu", "k")).isEqualTo("b".repeat(100));
        assertThat(storedBodies()).isEqualTo(1);
    }

    @Test
    void abortRemovesParts() {
        String id = s3.createMultipartUpload(ACCOUNT, "mpu", "k", ObjectAttributes.none());
        upload("k", id, 1, filled(1000, 'a'));
        assertThat(storedBodies()).isEqualTo(1);
        s3.abortMultipartUpload(ACCOUNT, "mpu", "k", id);
        assertThat(storedBodies()).isZero();
        assertError(() -> s3.abortMultipartUpload(ACCOUNT, "mpu", "k", id), "NoSuchUpload");
        assertError(() -> upload("k", id, 1, new byte[1]), "NoSuchUpload");
        assertThat(s3.head(ACCOUNT, "mpu", "k", Optional.empty())).isEmpty();
    }

    @Test
    void partChecksums() {
        String id = s3.createMultipartUpload(ACCOUNT, "mpu", "sums", ObjectAttributes.none()
                .withChecksum(ChecksumRequest.compute(ChecksumAlgorithm.SHA256)));
        byte[] p1 = filled(5 * MIB, 'a');
        byte[] p2 = filled(10, 'b');
        PartInfo part1 = s3.uploadPart(ACCOUNT, "mpu", "sums", id, 1, new ByteArrayInputStream(p1), p1.length, ChecksumRequest.none());
        PartInfo part2 = upload("sums", id, 2, p2);
        assertThat(part1.checksums()).containsKey(ChecksumAlgorithm.SHA256);
        assertError(() -> s3.uploadPart(ACCOUNT, "mpu", "sums", id, 3, new ByteArrayInputStream(p2), p2.length,
                ChecksumRequest.expecting(ChecksumAlgorithm.CRC32, "AAAAAA==")), "BadDigest");
        ObjectInfo done = s3.completeMultipartUpload(ACCOUNT, "mpu", "sums", id, List.of(
                new CompletedPart(1, part1.etag(), part1.checksums()), new CompletedPart(2, part2.etag())));
        String composite = done.checksums().get(ChecksumAlgorithm.SHA256);
        assertThat(composite).endsWith("-2");
        assertThat(done.checksumType()).contains("COMPOSITE");
        byte[] concatenated = new byte[64];
        System.arraycopy(Base64.getDecoder().decode(part1.checksums().get(ChecksumAlgorithm.SHA256)), 0, concatenated, 0, 32);
        System.arraycopy(Base64.getDecoder().decode(part2.checksums().get(ChecksumAlgorithm.SHA256)), 0, concatenated, 32, 32);
        assertThat(composite).isEqualTo(io.slipway.core.codec.Checksums.base64(
                io.slipway.core.codec.Checksums.Algorithm.SHA256, concatenated) + "-2");

        String crc = s3.createMultipartUpload(ACCOUNT, "mpu", "crc", ObjectAttributes.none()
                .withChecksum(ChecksumRequest.compute(ChecksumAlgorithm.CRC64NVME)));
        PartInfo c1 = upload("crc", crc, 1, p1);
        PartInfo c2 = upload("crc", crc, 2, p2);
        ObjectInfo full = s3.completeMultipartUpload(ACCOUNT, "mpu", "crc", crc, List.of(
                new CompletedPart(1, c1.etag()), new CompletedPart(2, c2.etag())));
        byte[] whole = Arrays.copyOf(p1, p1.length + p2.length);
        System.arraycopy(p2, 0, whole, p1.length, p2.length);
        assertThat(full.checksums().get(ChecksumAlgorithm.CRC64NVME)).isEqualTo(io.slipway.core.codec.Checksums.base64(
                io.slipway.core.codec.Checksums.Algorithm.CRC64NVME, whole));
        assertThat(full.checksumType()).contains("FULL_OBJECT");
    }

    @Test
    void multipartOverwritesAndVersions() {
        s3.setVersioning(ACCOUNT, "mpu", "Enabled");
        ObjectInfo before = put("mpu", "k", "small");
        String id = s3.createMultipartUpload(ACCOUNT, "mpu", "k", ObjectAttributes.none());
        PartInfo p = upload("k", id, 1, filled(10, 'z'));
        ObjectInfo after = s3.completeMultipartUpload(ACCOUNT, "mpu", "k", id, List.of(new CompletedPart(1, p.etag())));
        assertThat(after.versionId()).isNotEqualTo(before.versionId());
        assertThat(get("mpu", "k")).isEqualTo("z".repeat(10));
        assertThat(read(s3.getObject(ACCOUNT, "mpu", "k", Optional.of(before.versionId())))).isEqualTo("small");
    }

    @Test
    void listsUploadsInKeyOrder() {
        clock.advance(java.time.Duration.ofSeconds(1));
        String b1 = s3.createMultipartUpload(ACCOUNT, "mpu", "b", ObjectAttributes.none());
        clock.advance(java.time.Duration.ofSeconds(1));
        String a = s3.createMultipartUpload(ACCOUNT, "mpu", "a", ObjectAttributes.none());
        clock.advance(java.time.Duration.ofSeconds(1));
        String b2 = s3.createMultipartUpload(ACCOUNT, "mpu", "b", ObjectAttributes.none());
        String c = s3.createMultipartUpload(ACCOUNT, "mpu", "other/c", ObjectAttributes.none()
                .withChecksum(ChecksumRequest.compute(ChecksumAlgorithm.CRC32)));
        UploadsPage all = s3.listMultipartUploads(ACCOUNT, "mpu", null, null, null, 1000);
        assertThat(all.uploads()).extracting(UploadsPage.Upload::uploadId).containsExactly(a, b1, b2, c);
        assertThat(all.uploads().getLast().checksumAlgorithm()).contains(ChecksumAlgorithm.CRC32);
        UploadsPage first = s3.listMultipartUploads(ACCOUNT, "mpu", null, null, null, 2);
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextKeyMarker()).contains("b");
        assertThat(first.nextUploadIdMarker()).contains(b1);
        UploadsPage next = s3.listMultipartUploads(ACCOUNT, "mpu", null, "b", b1, 2);
        assertThat(next.uploads()).extracting(UploadsPage.Upload::uploadId).containsExactly(b2, c);
        assertThat(next.truncated()).isFalse();
        assertThat(s3.listMultipartUploads(ACCOUNT, "mpu", "other/", null, null, 10).uploads())
                .extracting(UploadsPage.Upload::key).containsExactly("other/c");
        assertThat(s3.listMultipartUploads(ACCOUNT, "mpu", null, "b", null, 10).uploads())
                .extracting(UploadsPage.Upload::key).containsExactly("other/c");
        s3.abortMultipartUpload(ACCOUNT, "mpu", "b", b1);
        assertThat(s3.listMultipartUploads(ACCOUNT, "mpu", null, null, null, 10).uploads()).hasSize(3);
    }

    @Test
    void conditionalCompletion() {
        put("mpu", "taken", "exists");
        String id = s3.createMultipartUpload(ACCOUNT, "mpu", "taken", ObjectAttributes.none());
        PartInfo p = upload("taken", id, 1, filled(10, 'a'));
        assertError(() -> s3.completeMultipartUpload(ACCOUNT, "mpu", "taken", id, List.of(new CompletedPart(1, p.etag())),
                WriteCondition.ifNoneMatch("*")), "PreconditionFailed");
        assertThat(get("mpu", "taken")).isEqualTo("exists");
        s3.completeMultipartUpload(ACCOUNT, "mpu", "taken", id, List.of(new CompletedPart(1, p.etag())));
        assertThat(get("mpu", "taken")).isEqualTo("a".repeat(10));
    }

    private PartInfo upload(String key, String uploadId, int number, byte[] body) {
        return s3.uploadPart(ACCOUNT, "mpu", key, uploadId, number, new ByteArrayInputStream(body), body.length,
                ChecksumRequest.none());
    }

    private static byte[] filled(int size, char c) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }
}
