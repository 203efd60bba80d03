package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Buckets and objects through the real SDK for Java v2 S3Client, with its default checksums and aws-chunked uploads. */
class S3IT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();
    private final S3Client s3 = slipway.s3();

    private String bucket(String name) {
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static int status(Throwable e) {
        return ((S3Exception) e).statusCode();
    }

    private static String code(Throwable e) {
        return ((S3Exception) e).awsErrorDetails().errorCode();
    }

    @Test
    void bucketsAreCreatedListedLocatedAndDeleted() {
        bucket("buckets-basic");
        s3.createBucket(b -> b.bucket("buckets-eu").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));

        assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).contains("buckets-basic", "buckets-eu");
        assertThat(s3.headBucket(b -> b.bucket("buckets-basic")).sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(s3.getBucketLocation(b -> b.bucket("buckets-eu")).locationConstraintAsString()).isEqualTo("eu-west-1");
        // us-east-1 is reported as an empty location constraint, as S3 does.
        assertThat(s3.getBucketLocation(b -> b.bucket("buckets-basic")).locationConstraintAsString()).isNullOrEmpty();

        s3.deleteBucket(b -> b.bucket("buckets-eu"));
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("buckets-eu"))).isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void listBucketsPagesAndFilters() {
        for (String name : List.of("page-a", "page-b", "page-c")) {
            bucket(name);
        }
        s3.createBucket(b -> b.bucket("page-d").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        List<String> paged = s3.listBucketsPaginator(b -> b.prefix("page-").maxBuckets(2)).buckets().stream()
                .map(Bucket::name).toList();
        assertThat(paged).containsExactly("page-a", "page-b", "page-c", "page-d");
        ListBucketsResponse first = s3.listBuckets(b -> b.prefix("page-").maxBuckets(3));
        assertThat(first.buckets()).hasSize(3);
        assertThat(first.continuationToken()).isNotBlank();
        assertThat(s3.listBuckets(b -> b.prefix("page-").maxBuckets(3).continuationToken(first.continuationToken())).buckets())
                .extracting(Bucket::name).containsExactly("page-d");
        assertThat(s3.listBuckets(b -> b.prefix("page-").bucketRegion("eu-west-1")).buckets()).extracting(Bucket::name)
                .containsExactly("page-d");
        assertThatThrownBy(() -> s3.listBuckets(b -> b.maxBuckets(0)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidArgument"));
    }

    @Test
    void bucketErrorsAreS3s() {
        bucket("bucket-errors");
        // us-east-1 keeps S3's legacy answer to re-creating your own bucket: 200. Elsewhere it is a 409.
        s3.createBucket(b -> b.bucket("bucket-errors"));
        s3.createBucket(b -> b.bucket("bucket-errors-eu").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("bucket-errors-eu")
                        .createBucketConfiguration(c -> c.locationConstraint("eu-west-1"))))
                .isInstanceOf(BucketAlreadyOwnedByYouException.class).satisfies(e -> assertThat(status(e)).isEqualTo(409));
        // The SDK refuses most bad names itself, so these go by hand, and come back in S3's XML error form.
        for (String invalid : List.of("Not_A_Valid_Bucket", "ab", "192.168.5.4", "-leading-dash", "double..dot", "x".repeat(64))) {
            HttpResponse<String> refused = RawHttp.put(slipway.endpoint() + "/" + invalid, "");
            assertThat(refused.statusCode()).as(invalid).isEqualTo(400);
            assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
            assertThat(refused.body()).contains("<Code>InvalidBucketName</Code>").contains("<BucketName>" + invalid + "</BucketName>");
        }
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("no-such-bucket-here")))
                .isInstanceOf(NoSuchBucketException.class).satisfies(e -> assertThat(status(e)).isEqualTo(404));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("no-such-bucket-here").key("k")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("no-such-bucket-here")))
                .isInstanceOf(NoSuchBucketException.class);

        s3.putObject(b -> b.bucket("bucket-errors").key("keep"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("bucket-errors")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("BucketNotEmpty"))
                .satisfies(e -> assertThat(status(e)).isEqualTo(409));
        assertThat(s3.headBucket(b -> b.bucket("bucket-errors")).sdkHttpResponse().isSuccessful()).isTrue();
    }

    @Test
    void whatSlipwayDoesNotServeIsNotImplementedNotMistakenForSomethingElse() {
        String bucket = bucket("unsupported");
        assertThatThrownBy(() -> s3.getBucketTagging(b -> b.bucket(bucket)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NotImplemented"))
                .satisfies(e -> assertThat(status(e)).isEqualTo(501));
        assertThatThrownBy(() -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("{}")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NotImplemented"));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.putObjectAcl(b -> b.bucket(bucket).key("k").acl(ObjectCannedACL.PRIVATE)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NotImplemented"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("x");
    }

    @Test
    void objectsKeepTheirBodyMetadataAndMd5ETag() throws Exception {
        String bucket = bucket("objects-basic");
        byte[] body = "hello, slipway".getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("dir/hello.txt").contentType("text/plain")
                .metadata(Map.of("owner", "team-a", "build", "42")), RequestBody.fromBytes(body));
        assertThat(put.eTag()).isEqualTo("\"" + md5(body) + "\"");
        assertThat(put.checksumCRC32()).as("the SDK's default CRC32 checksum is returned").isNotBlank();

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("dir/hello.txt"));
        assertThat(got.asByteArray()).isEqualTo(body);
        assertThat(got.response().contentType()).isEqualTo("text/plain");
        assertThat(got.response().metadata()).containsEntry("owner", "team-a").containsEntry("build", "42");
        assertThat(got.response().eTag()).isEqualTo(put.eTag());

        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("dir/hello.txt"));
        assertThat(head.contentLength()).isEqualTo(body.length);
        assertThat(head.lastModified()).isBefore(Instant.now().plusSeconds(5));
        assertThat(head.metadata()).containsEntry("owner", "team-a");

        s3.deleteObject(b -> b.bucket(bucket).key("dir/hello.txt"));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("dir/hello.txt")))
                .isInstanceOf(NoSuchKeyException.class).satisfies(e -> assertThat(status(e)).isEqualTo(404));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("dir/hello.txt")))
                .isInstanceOf(NoSuchKeyException.class);
        // Deleting a key that is not there succeeds, as in S3.
        s3.deleteObject(b -> b.bucket(bucket).key("never-was"));
    }

    @Test
    void checksumsAreValidatedAndReturned() {
        String bucket = bucket("checksums");
        // (CRC64NVME needs the SDK's native CRT library; Slipway's own tests cover it.)
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
                ChecksumAlgorithm.SHA256, ChecksumAlgorithm.SHA1)) {
            String key = "sum-" + algorithm;
            s3.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(algorithm), RequestBody.fromString("payload " + key));
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)
                    .checksumMode(ChecksumMode.ENABLED));
            assertThat(got.asUtf8String()).isEqualTo("payload " + key);
        }
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("sum-SHA256").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumSHA256()).isNotBlank();

        // A checksum that does not match the body is refused, and nothing is stored.
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("bad-sum")
                        .checksumCRC32("AAAAAA=="), RequestBody.fromString("not matching")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("BadDigest"))
                .satisfies(e -> assertThat(status(e)).isEqualTo(400));
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("bad-sum"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void rangesAndConditionalsAnswerLikeS3() {
        String bucket = bucket("ranges");
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("digits"), RequestBody.fromString("0123456789"));

        ResponseBytes<GetObjectResponse> middle = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=2-5"));
        assertThat(middle.asUtf8String()).isEqualTo("2345");
        assertThat(middle.response().contentRange()).isEqualTo("bytes 2-5/10");
        assertThat(middle.response().sdkHttpResponse().statusCode()).isEqualTo(206);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=-3")).asUtf8String()).isEqualTo("789");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range("bytes=7-")).asUtf8String()).isEqualTo("789");
        // ranges that are not ranges are ignored: the whole object, 200
        for (String notARange : List.of("bytes=5-2", "bytes=x-y", "lines=1-2")) {
            ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").range(notARange));
            assertThat(whole.response().sdkHttpResponse().statusCode()).as(notARange).isEqualTo(200);
            assertThat(whole.asUtf8String()).isEqualTo("0123456789");
        }
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("digits").range("bytes=20-30")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidRange"))
                .satisfies(e -> assertThat(status(e)).isEqualTo(416));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").ifMatch(put.eTag())).asUtf8String())
                .isEqualTo("0123456789");
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("digits").ifMatch("\"0000\"")))
                .satisfies(e -> assertThat(status(e)).isEqualTo(412))
                .satisfies(e -> assertThat(code(e)).isEqualTo("PreconditionFailed"));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("digits").ifNoneMatch(put.eTag())))
                .satisfies(e -> assertThat(status(e)).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("digits").ifModifiedSince(Instant.now().plusSeconds(3600))))
                .satisfies(e -> assertThat(status(e)).isEqualTo(304));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits").ifModifiedSince(Instant.now().minusSeconds(3600)))
                .asUtf8String()).isEqualTo("0123456789");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("digits").ifMatch("\"0000\"")))
                .satisfies(e -> assertThat(status(e)).isEqualTo(412));

        // Conditional writes: If-None-Match: * refuses to overwrite an existing key.
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("digits").ifNoneMatch("*"), RequestBody.fromString("x")))
                .satisfies(e -> assertThat(status(e)).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("digits")).asUtf8String()).isEqualTo("0123456789");
    }

    @Test
    void awkwardKeysAreStoredListedAndKeptInsideTheDataDirectory() {
        String bucket = bucket("awkward-keys");
        List<String> keys = List.of("../../etc/passwd", "a/../b", "with%2Fencoded", "ünïcödé/日本語.txt",
                "spaces and +plus", "x".repeat(1024), "/leading-slash", "trailing/", "a//double");
        for (String key : keys) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("body of " + key.length()));
        }
        for (String key : keys) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo("body of " + key.length());
        }
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactlyElementsOf(keys.stream().sorted().toList());
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("k".repeat(1025)), RequestBody.fromString("x")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("KeyTooLongError"));
    }

    @Test
    void listingPagesWithPrefixDelimiterAndStartAfter() {
        String bucket = bucket("listing");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add("logs/2026/%02d.log".formatted(i));
        }
        keys.addAll(List.of("logs/2025/old.log", "logs/readme", "photos/cat.jpg", "top.txt"));
        keys.forEach(k -> s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k)));

        ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("logs/", "photos/");
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("top.txt");
        assertThat(top.keyCount()).isEqualTo(3);

        ListObjectsV2Response logs = s3.listObjectsV2(b -> b.bucket(bucket).prefix("logs/").delimiter("/"));
        assertThat(logs.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("logs/2025/", "logs/2026/");
        assertThat(logs.contents()).extracting(S3Object::key).containsExactly("logs/readme");

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).prefix("logs/2026/").maxKeys(10).continuationToken(t));
            page.contents().forEach(o -> paged.add(o.key()));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(keys.subList(0, 25));

        assertThat(s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(7)).contents().stream().count()).isEqualTo(keys.size());
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).startAfter("logs/2026/23.log")).contents()).extracting(S3Object::key)
                .containsExactly("logs/2026/24.log", "logs/readme", "photos/cat.jpg", "top.txt");
        assertThat(s3.listObjects(b -> b.bucket(bucket).prefix("photos/")).contents()).extracting(S3Object::key)
                .containsExactly("photos/cat.jpg");
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(bucket).continuationToken("not-a-token")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidArgument"));
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(-1)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidArgument"));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(0)).contents()).isEmpty();
    }

    @Test
    void copyAndBatchDelete() {
        String bucket = bucket("copies");
        bucket("copies-target");
        s3.putObject(b -> b.bucket(bucket).key("source").contentType("application/json").metadata(Map.of("k", "v")),
                RequestBody.fromString("{\"a\":1}"));

        CopyObjectResponse copied = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("source")
                .destinationBucket("copies-target").destinationKey("copied"));
        assertThat(copied.copyObjectResult().eTag()).isNotBlank();
        GetObjectResponse copy = s3.getObjectAsBytes(b -> b.bucket("copies-target").key("copied")).response();
        assertThat(copy.metadata()).containsEntry("k", "v");
        assertThat(copy.contentType()).isEqualTo("application/json");

        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket).destinationKey("replaced")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("fresh", "yes")).contentType("text/plain"));
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket(bucket).key("replaced"));
        assertThat(replaced.metadata()).containsOnlyKeys("fresh");
        assertThat(replaced.contentType()).isEqualTo("text/plain");
        // a key that looks like a version query is still a key
        s3.putObject(b -> b.bucket(bucket).key("odd?versionId=1 +x"), RequestBody.fromString("odd"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("odd?versionId=1 +x").destinationBucket(bucket).destinationKey("odd-copy"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("odd-copy")).asUtf8String()).isEqualTo("odd");
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ObjectIdentifier.builder().key("odd?versionId=1 +x").build(),
                ObjectIdentifier.builder().key("odd-copy").build())));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("missing")
                .destinationBucket(bucket).destinationKey("x"))).isInstanceOf(NoSuchKeyException.class);

        DeleteObjectsResponse deleted = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("source").build(), ObjectIdentifier.builder().key("replaced").build(),
                ObjectIdentifier.builder().key("never-there").build())));
        assertThat(deleted.deleted()).extracting(DeletedObject::key).containsExactlyInAnyOrder("source", "replaced", "never-there");
        assertThat(deleted.errors()).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void versioningKeepsEveryVersion() {
        String bucket = bucket("versioned");
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isNull();
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status()).isEqualTo(BucketVersioningStatus.ENABLED);

        String v1 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("two")).versionId();
        assertThat(v1).isNotBlank().isNotEqualTo(v2);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String()).isEqualTo("two");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc").versionId(v1)).asUtf8String()).isEqualTo("one");

        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket(bucket).key("doc"));
        assertThat(marker.deleteMarker()).isTrue();
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("doc"))).isInstanceOf(NoSuchKeyException.class);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc").versionId(v2)).asUtf8String()).isEqualTo("two");

        ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(versions.versions()).extracting(ObjectVersion::versionId).containsExactly(v2, v1);
        assertThat(versions.deleteMarkers()).hasSize(1).allSatisfy(m -> assertThat(m.isLatest()).isTrue());
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("doc").versionId("not-a-version-id")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidArgument"))
                .satisfies(e -> assertThat(status(e)).isEqualTo(400));
        String unknown = v1.substring(0, v1.length() - 1) + (v1.endsWith("0") ? "1" : "0");
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("doc").versionId(unknown)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("NoSuchVersion"))
                .satisfies(e -> assertThat(status(e)).isEqualTo(404));

        // Deleting the marker brings the object back; deleting a version removes it for good.
        s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(versions.deleteMarkers().get(0).versionId()));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String()).isEqualTo("two");
        s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v2));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String()).isEqualTo("one");
    }

    @Test
    void multipartUploadsAssembleWithTheDashNETag() throws Exception {
        String bucket = bucket("multipart");
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big.bin").contentType("application/zip")
                .metadata(Map.of("origin", "ci"))).uploadId();
        Random random = new Random(7);
        byte[] part1 = new byte[5 * 1024 * 1024];
        byte[] part2 = new byte[1234];
        random.nextBytes(part1);
        random.nextBytes(part2);
        String e1 = s3.uploadPart(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part1)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(2), RequestBody.fromBytes(part2)).eTag();

        ListPartsResponse parts = s3.listParts(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId));
        assertThat(parts.parts()).extracting(Part::partNumber).containsExactly(1, 2);
        assertThat(parts.parts()).extracting(Part::size).containsExactly((long) part1.length, (long) part2.length);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("big.bin")))
                .as("an upload in progress is not an object yet").isInstanceOf(NoSuchKeyException.class);

        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build())));
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(MessageDigest.getInstance("MD5").digest(part1));
        md5.update(MessageDigest.getInstance("MD5").digest(part2));
        assertThat(done.eTag()).isEqualTo("\"" + HexFormat.of().formatHex(md5.digest()) + "-2\"");

        ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big.bin"));
        assertThat(whole.response().contentLength()).isEqualTo(part1.length + part2.length);
        assertThat(whole.response().metadata()).containsEntry("origin", "ci");
        assertThat(whole.response().contentType()).isEqualTo("application/zip");
        byte[] bytes = whole.asByteArray();
        assertThat(md5(bytes)).isEqualTo(md5(concat(part1, part2)));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("big.bin").partNumber(1)).partsCount()).isEqualTo(2);
        assertThatThrownBy(() -> s3.listParts(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId)))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void multipartMistakesGetS3sErrors() {
        String bucket = bucket("multipart-errors");
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("k")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(uploadId).partNumber(1), RequestBody.fromString("small")).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(uploadId).partNumber(2), RequestBody.fromString("small")).eTag();

        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build()))))
                .as("every part but the last must be at least 5 MiB")
                .satisfies(e -> assertThat(code(e)).isEqualTo("EntityTooSmall"));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(3).eTag(e1).build()))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPart"));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(2).eTag(e2).build(),
                        CompletedPart.builder().partNumber(1).eTag(e1).build()))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPartOrder"));
        for (int bad : new int[] {0, 10001}) {
            assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(uploadId).partNumber(bad),
                    RequestBody.fromString("x"))).as("part %d", bad)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidArgument"))
                    .satisfies(e -> assertThat(status(e)).isEqualTo(400));
        }

        String other = s3.createMultipartUpload(b -> b.bucket(bucket).key("another")).uploadId();
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).extracting(MultipartUpload::key, MultipartUpload::uploadId)
                .containsExactly(tuple("another", other), tuple("k", uploadId));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket).prefix("k")).uploads()).hasSize(1);
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("another").uploadId(other));
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(uploadId));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("x"))).isInstanceOf(NoSuchUploadException.class)
                .satisfies(e -> assertThat(status(e)).isEqualTo(404));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
