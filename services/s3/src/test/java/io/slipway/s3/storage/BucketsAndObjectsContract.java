package io.slipway.s3.storage;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

abstract class BucketsAndObjectsContract extends S3Fixture {

    @Test
    void bucketNamesFollowAwsRules() {
        for (String bad : List.of("ab", "a".repeat(64), "Upper", "under_score", "-start", "end-", "two..dots",
                "192.168.5.4", "xn--punycode", "ends.", "sp ace")) {
            assertError(() -> s3.createBucket(ACCOUNT, REGION, bad), "InvalidBucketName");
        }
        for (String good : List.of("abc", "a".repeat(63), "my.bucket-1", "1.2.3", "192.168.5.4x")) {
            assertThat(s3.createBucket(ACCOUNT, REGION, good).name()).isEqualTo(good);
        }
    }

    @Test
    void bucketNamesAreGlobal() {
        BucketInfo created = s3.createBucket(ACCOUNT, REGION, "shared-name");
        assertThat(created.account()).isEqualTo(ACCOUNT);
        assertThat(created.region()).isEqualTo(REGION);
        assertThat(created.created()).isEqualTo(clock.now());
        assertError(() -> s3.createBucket(OTHER_ACCOUNT, "us-west-2", "shared-name"), "BucketAlreadyExists");
        assertError(() -> s3.createBucket(ACCOUNT, REGION, "shared-name"), "BucketAlreadyOwnedByYou");
        s3.createBucket(ACCOUNT, "us-east-1", "legacy");
        assertThat(s3.createBucket(ACCOUNT, "us-east-1", "legacy").name()).isEqualTo("legacy");
        s3.createBucket(OTHER_ACCOUNT, REGION, "theirs");
        s3.createBucket(ACCOUNT, REGION, "another");
        assertThat(s3.listBuckets(ACCOUNT)).extracting(BucketInfo::name).containsExactly("another", "legacy", "shared-name");
        assertThat(s3.listBuckets(OTHER_ACCOUNT)).extracting(BucketInfo::name).containsExactly("theirs");
        assertThat(s3.bucket(OTHER_ACCOUNT, "theirs")).isPresent();
        assertError(() -> s3.bucket(ACCOUNT, "theirs"), "AccessDenied");
        assertThat(s3.bucket(ACCOUNT, "nobody")).isEmpty();
    }

    @Test
    void aBucketIsItsOwnersAlone() {
        s3.createBucket(ACCOUNT, REGION, "mine");
        s3.setVersioning(ACCOUNT, "mine", "Enabled");
        ObjectInfo kept = put("mine", "k", "kept");
        String upload = s3.createMultipartUpload(ACCOUNT, "mine", "big", ObjectAttributes.none());
        s3.createBucket(OTHER_ACCOUNT, REGION, "theirs");
        String o = OTHER_ACCOUNT;
        byte[] body = "x".getBytes(StandardCharsets.UTF_8);
        List<ThrowableAssert.ThrowingCallable> denied = List.of(
                () -> s3.bucket(o, "mine"),
                () -> s3.setVersioning(o, "mine", "Suspended"),
                () -> s3.deleteBucket(o, "mine"),
                () -> s3.putObject(o, "mine", "k", new ByteArrayInputStream(body), body.length, ObjectAttributes.none()),
                () -> s3.head(o, "mine", "k", Optional.empty()),
                () -> s3.getObject(o, "mine", "k", Optional.of(kept.versionId())),
                () -> s3.openObject(o, "mine", "k", Optional.empty()),
                () -> s3.deleteObject(o, "mine", "k", Optional.empty()),
                () -> s3.deleteObject(o, "mine", "k", Optional.of(kept.versionId())),
                () -> s3.copyObject(o, "mine", "k", Optional.empty(), "theirs", "copy", Optional.empty()),
                () -> s3.copyObject(o, "theirs", "copy", Optional.empty(), "mine", "k2", Optional.empty()),
                () -> s3.listObjectsV2(o, "mine", null, null, null, null, 1000),
                () -> s3.listObjectVersions(o, "mine", null, null, null, null, 1000),
                () -> s3.createMultipartUpload(o, "mine", "other", ObjectAttributes.none()),
                () -> s3.uploadPart(o, "mine", "big", upload, 1, new ByteArrayInputStream(body), body.length,
                        ChecksumRequest.none()),
                () -> s3.listParts(o, "mine", "big", upload, 0, 1000),
                () -> s3.listMultipartUploads(o, "mine", null, null, null, 1000),
                () -> s3.completeMultipartUpload(o, "mine", "big", upload, List.of()),
                () -> s3.abortMultipartUpload(o, "mine", "big", upload));
        for (ThrowableAssert.ThrowingCallable call : denied) {
            assertError(call, "AccessDenied");
        }
        // nothing changed: the owner still sees its object, its one version, its upload and its versioning
        assertThat(read(s3.getObject(ACCOUNT, "mine", "k", Optional.empty()))).isEqualTo("kept");
        assertThat(s3.listObjectVersions(ACCOUNT, "mine", null, null, null, null, 1000).versions()).hasSize(1);
        assertThat(s3.listMultipartUploads(ACCOUNT, "mine", null, null, null, 1000).uploads()).hasSize(1);
        assertThat(s3.bucket(ACCOUNT, "mine").orElseThrow().versioning()).contains("Enabled");
        assertThat(s3.listObjectsV2(OTHER_ACCOUNT, "theirs", null, null, null, null, 1000).contents()).isEmpty();
        // a bucket nobody holds is NoSuchBucket whoever asks
        assertError(() -> s3.getObject(OTHER_ACCOUNT, "nobody", "k", Optional.empty()), "NoSuchBucket");
    }

    @Test
    void bucketDeletion() {
        assertError(() -> s3.deleteBucket(ACCOUNT, "missing"), "NoSuchBucket");
        s3.createBucket(ACCOUNT, REGION, "full");
        put("full", "k", "v");
        assertError(() -> s3.deleteBucket(OTHER_ACCOUNT, "full"), "AccessDenied");
        assertError(() -> s3.deleteBucket(ACCOUNT, "full"), "BucketNotEmpty");
        s3.deleteObject(ACCOUNT, "full", "k", Optional.empty());
        s3.createMultipartUpload(ACCOUNT, "full", "pending", ObjectAttributes.none());
        s3.deleteBucket(ACCOUNT, "full");
        assertThat(s3.bucket(ACCOUNT, "full")).isEmpty();
        assertError(() -> put("full", "k", "v"), "NoSuchBucket");
        s3.createBucket(OTHER_ACCOUNT, REGION, "full");
        assertThat(s3.listObjectsV2(OTHER_ACCOUNT, "full", null, null, null, null, 1000).contents()).isEmpty();
        assertError(() -> s3.listObjectsV2(ACCOUNT, "full", null, null, null, null, 1000), "AccessDenied");
    }

    @Test
    void aBucketWithOnlyADeleteMarkerIsNotEmpty() {
        s3.createBucket(ACCOUNT, REGION, "versioned");
        s3.setVersioning(ACCOUNT, "versioned", "Enabled");
        s3.deleteObject(ACCOUNT, "versioned", "gone", Optional.empty());
        assertError(() -> s3.deleteBucket(ACCOUNT, "versioned"), "BucketNotEmpty");
        assertError(() -> s3.setVersioning(ACCOUNT, "versioned", "Off"), "MalformedXML");
    }

    @Test
    void putGetOverwrite() throws Exception {
        s3.createBucket(ACCOUNT, REGION, "bkt");
        ObjectAttributes attrs = ObjectAttributes.ofContentType("text/plain").withHeader("Cache-Control", "max-age=60")
                .withUserMetadata(Map.of("Color", "blue"));
        byte[] body = "hello world".getBytes(StandardCharsets.UTF_8);
        ObjectInfo first = s3.putObject(ACCOUNT, "bkt", "greeting", new ByteArrayInputStream(body), -1, attrs);
        assertThat(first.etag()).isEqualTo(md5Hex(body));
        assertThat(first.quotedEtag()).isEqualTo("\"" + md5Hex(body) + "\"");
        assertThat(first.size()).isEqualTo(11);
        assertThat(first.versionId()).isEqualTo("null");
        assertThat(first.storageClass()).isEqualTo("STANDARD");
        ObjectInfo got = s3.getObject(ACCOUNT, "bkt", "greeting", Optional.empty());
        assertThat(got.contentType()).isEqualTo("text/plain");
        assertThat(got.headers()).containsEntry("Cache-Control", "max-age=60");
        assertThat(got.userMetadata()).containsEntry("color", "blue");
        assertThat(got.lastModified()).isEqualTo(clock.now());
        assertThat(read(got)).isEqualTo("hello world");
        String firstFile = s3.bodyBlob(first);

        ObjectInfo second = put("bkt", "greeting", "bye");
        assertThat(second.contentType()).isEqualTo("binary/octet-stream");
        assertThat(get("bkt", "greeting")).isEqualTo("bye");
        assertThat(bodyExists(firstFile)).isFalse();
        try (OpenObject open = s3.openObject(ACCOUNT, "bkt", "greeting", Optional.empty()); var in = open.body().stream(0)) {
            assertThat(in.readAllBytes()).hasSize(3);
        }
        assertThat(s3.head(ACCOUNT, "bkt", "missing", Optional.empty())).isEmpty();
        assertError(() -> s3.getObject(ACCOUNT, "bkt", "missing", Optional.empty()), "NoSuchKey");
        assertError(() -> s3.getObject(ACCOUNT, "nope", "greeting", Optional.empty()), "NoSuchBucket");

        s3.deleteObject(ACCOUNT, "bkt", "greeting", Optional.empty());
        assertThat(s3.head(ACCOUNT, "bkt", "greeting", Optional.empty())).isEmpty();
        assertThat(bodyExists(s3.bodyBlob(second))).isFalse();
        assertThat(s3.deleteObject(ACCOUNT, "bkt", "greeting", Optional.empty())).isEqualTo(new DeleteResult(false, Optional.empty()));
    }

    @Test
    void aFailedUploadLeavesNothingVisible() {
        s3.createBucket(ACCOUNT, REGION, "bkt");
        put("bkt", "kept", "old");
        InputStream failing = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= 100_000) {
                    throw new IOException("client went away");
                }
                int n = Math.min(len, 100_000 - sent);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                sent += n;
                return n;
            }
        };
        assertThatThrownBy(() -> s3.putObject(ACCOUNT, "bkt", "new", failing, -1, ObjectAttributes.none()))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> s3.putObject(ACCOUNT, "bkt", "kept", new ByteArrayInputStream(new byte[10]), 20,
                ObjectAttributes.none())).satisfies(e -> assertError(() -> { throw e; }, "IncompleteBody"));
        assertThat(s3.head(ACCOUNT, "bkt", "new", Optional.empty())).isEmpty();
        assertThat(get("bkt", "kept")).isEqualTo("old");
        assertThat(temporaryBodies()).isZero();
        assertThat(storedBodies()).isEqualTo(1);
    }

    @Test
    void checksumsAreComputedAndVerified() {
        s3.createBucket(ACCOUNT, REGION, "bkt");
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        Map<ChecksumAlgorithm, String> expected = Map.of(
                ChecksumAlgorithm.CRC32, b64("cbf43926"),
                ChecksumAlgorithm.CRC32C, b64("e3069283"),
                ChecksumAlgorithm.CRC64NVME, b64("ae8b14860a799888"),
                ChecksumAlgorithm.SHA1, b64("f7c3bc1d808e04732adf679965ccc34ca7ae3441"),
                ChecksumAlgorithm.SHA256, b64("15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225"));
        expected.forEach((algorithm, value) -> {
            ObjectInfo info = s3.putObject(ACCOUNT, "bkt", "k-" + algorithm, new ByteArrayInputStream(check), check.length,
                    ObjectAttributes.none().withChecksum(ChecksumRequest.expecting(algorithm, value)));
            assertThat(info.checksums()).containsExactly(Map.entry(algorithm, value));
            assertThat(info.checksumType()).contains("FULL_OBJECT");
            ObjectInfo computed = s3.putObject(ACCOUNT, "bkt", "c-" + algorithm, new ByteArrayInputStream(check), check.length,
                    ObjectAttributes.none().withChecksum(ChecksumRequest.compute(algorithm)));
            assertThat(s3.getObject(ACCOUNT, "bkt", "c-" + algorithm, Optional.empty()).checksums()).containsEntry(algorithm, value);
            assertThat(computed.etag()).isEqualTo(md5Hex(check));
        });
        assertError(() -> s3.putObject(ACCOUNT, "bkt", "bad", new ByteArrayInputStream(check), -1, ObjectAttributes.none()
                .withChecksum(ChecksumRequest.expecting(ChecksumAlgorithm.CRC32, b64("00000000")))), "BadDigest");
        assertError(() -> s3.putObject(ACCOUNT, "bkt", "bad", new ByteArrayInputStream(check), -1, ObjectAttributes.none()
                .withChecksum(ChecksumRequest.trailing(ChecksumAlgorithm.SHA256, () -> Optional.of(b64("00".repeat(32)))))),
                "BadDigest");
        String wrongMd5 = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        assertError(() -> s3.putObject(ACCOUNT, "bkt", "bad", new ByteArrayInputStream(check), -1, ObjectAttributes.none()
                .withChecksum(ChecksumRequest.none().withContentMd5(wrongMd5))), "BadDigest");
        assertError(() -> s3.putObject(ACCOUNT, "bkt", "bad", new ByteArrayInputStream(check), -1, ObjectAttributes.none()
                .withChecksum(ChecksumRequest.none().withContentMd5("not-md5"))), "InvalidDigest");
        String rightMd5 = java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(md5Hex(check)));
        s3.putObject(ACCOUNT, "bkt", "good", new ByteArrayInputStream(check), -1, ObjectAttributes.none()
                .withChecksum(ChecksumRequest.none().withContentMd5(rightMd5)));
        assertThat(s3.head(ACCOUNT, "bkt", "bad", Optional.empty())).isEmpty();
        assertThat(temporaryBodies()).isZero();
    }

    @Test
    void keysNeverNameFiles() throws IOException {
        s3.createBucket(ACCOUNT, REGION, "bkt");
        String longKey = "k/".repeat(300) + "é".repeat(212); // 600 + 424 = 1,024 bytes
        List<String> keys = List.of("../../../etc/passwd", "a/../../b", "..", ".", "/leading", "%2F..%2F..%2Fx",
                "..\\..\\windows", "日本語/キー", "emoji-\uD83D\uDE00", "tab\tnew\nline", longKey);
        for (String key : keys) {
            put("bkt", key, "body of " + key);
        }
        for (String key : keys) {
            assertThat(get("bkt", key)).isEqualTo("body of " + key);
        }
        assertError(() -> put("bkt", longKey + "x", "too long"), "KeyTooLongError");
        assertError(() -> put("bkt", "", "empty"), "InvalidArgument");
        assertError(() -> put("bkt", "nul\0", "nul"), "InvalidArgument");
        Path realRoot = root.toRealPath();
        try (Stream<Path> all = Files.walk(root)) {
            all.forEach(p -> assertThat(p.normalize().startsWith(root)).isTrue());
        }
        assertThat(storedBodies()).isEqualTo(keys.size());
        if (onFiles()) {
            assertThat(filesUnder(root)).allSatisfy(p -> assertThat(p.toRealPath().startsWith(realRoot.resolve("buckets"))).isTrue());
        }
        assertThat(s3.listObjectsV2(ACCOUNT, "bkt", null, null, null, null, 1000).contents()).hasSize(keys.size());
    }

    @Test
    void copyKeepsOrReplacesMetadata() {
        s3.createBucket(ACCOUNT, REGION, "srcb");
        s3.createBucket(ACCOUNT, REGION, "dstb");
        byte[] body = "copy me".getBytes(StandardCharsets.UTF_8);
        s3.putObject(ACCOUNT, "srcb", "a", new ByteArrayInputStream(body), body.length, ObjectAttributes.ofContentType("text/x")
                .withUserMetadata(Map.of("k", "v")).withChecksum(ChecksumRequest.compute(ChecksumAlgorithm.CRC32C)));
        ObjectInfo copied = s3.copyObject(ACCOUNT, "srcb", "a", Optional.empty(), "dstb", "bkt", Optional.empty());
        assertThat(copied.etag()).isEqualTo(md5Hex(body));
        assertThat(copied.contentType()).isEqualTo("text/x");
        assertThat(copied.userMetadata()).containsEntry("k", "v");
        assertThat(copied.checksums()).containsKey(ChecksumAlgorithm.CRC32C);
        assertThat(get("dstb", "bkt")).isEqualTo("copy me");
        ObjectInfo replaced = s3.copyObject(ACCOUNT, "srcb", "a", Optional.empty(), "srcb", "a",
                Optional.of(ObjectAttributes.ofContentType("text/y")));
        assertThat(replaced.contentType()).isEqualTo("text/y");
        assertThat(replaced.userMetadata()).isEmpty();
        assertThat(get("srcb", "a")).isEqualTo("copy me");
        assertError(() -> s3.copyObject(ACCOUNT, "srcb", "a", Optional.empty(), "srcb", "a", Optional.empty()), "InvalidRequest");
        assertError(() -> s3.copyObject(ACCOUNT, "srcb", "missing", Optional.empty(), "dstb", "x", Optional.empty()), "NoSuchKey");
        assertError(() -> s3.copyObject(ACCOUNT, "srcb", "a", Optional.empty(), "nobucket", "x", Optional.empty()), "NoSuchBucket");
    }

    @Test
    void conditionalWrites() {
        s3.createBucket(ACCOUNT, REGION, "bkt");
        ObjectAttributes onlyNew = ObjectAttributes.none().withCondition(WriteCondition.ifNoneMatch("*"));
        ObjectInfo first = s3.putObject(ACCOUNT, "bkt", "k", new ByteArrayInputStream(new byte[]{1}), 1, onlyNew);
        assertError(() -> s3.putObject(ACCOUNT, "bkt", "k", new ByteArrayInputStream(new byte[]{2}), 1, onlyNew),
                "PreconditionFailed");
        assertError(() -> s3.putObject(ACCOUNT, "bkt", "k", new ByteArrayInputStream(new byte[]{2}), 1, ObjectAttributes.none()
                .withCondition(WriteCondition.ifMatch("\"0123\""))), "PreconditionFailed");
        s3.putObject(ACCOUNT, "bkt", "k", new ByteArrayInputStream(new byte[]{3}), 1, ObjectAttributes.none()
                .withCondition(WriteCondition.ifMatch(first.quotedEtag())));
        assertError(() -> s3.putObject(ACCOUNT, "bkt", "missing", new ByteArrayInputStream(new byte[]{2}), 1,
                ObjectAttributes.none().withCondition(WriteCondition.ifMatch(first.etag()))), "NoSuchKey");
        assertError(() -> WriteCondition.ifNoneMatch("\"etag\""), "NotImplemented");
        assertThat(storedBodies()).isEqualTo(1);
    }

    @Test
    void concurrentWritersOfOneKey() throws Exception {
        s3.createBucket(ACCOUNT, REGION, "bkt");
        s3.createBucket(ACCOUNT, REGION, "vbkt");
        s3.setVersioning(ACCOUNT, "vbkt", "Enabled");
        int writers = 8;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String body = "writer " + i;
                done.add(pool.submit(() -> put("bkt", "same", body)));
                done.add(pool.submit(() -> put("vbkt", "same", body)));
            }
            for (var f : done) {
                f.get();
            }
        }
        assertThat(get("bkt", "same")).startsWith("writer ");
        assertThat(s3.listObjectVersions(ACCOUNT, "bkt", null, null, null, null, 100).versions()).hasSize(1);
        List<ObjectInfo> versions = s3.listObjectVersions(ACCOUNT, "vbkt", null, null, null, null, 100).versions();
        assertThat(versions).hasSize(writers);
        assertThat(versions).filteredOn(ObjectInfo::isLatest).hasSize(1);
        assertThat(versions.getFirst().isLatest()).isTrue();
        assertThat(get("vbkt", "same")).isEqualTo(read(versions.getFirst()));
        assertThat(storedBodies()).isEqualTo(writers + 1);
    }

    @Test
    void metadataSurvivesARestart() {
        s3.createBucket(ACCOUNT, REGION, "bkt");
        put("bkt", "k", "durable");
        s3 = newStorage();
        assertThat(get("bkt", "k")).isEqualTo("durable");
    }

    static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String hex) {
        return java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
