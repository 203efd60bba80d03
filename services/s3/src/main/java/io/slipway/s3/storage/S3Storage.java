package io.slipway.s3.storage;

import io.slipway.engine.blob.Blobs;
import io.slipway.engine.blob.OpenBlob;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.IdGenerator;
import io.slipway.engine.store.Jdbc;
import io.slipway.engine.store.ResourceStore;
import io.slipway.model.runtime.AwsException;
import io.slipway.s3.storage.ObjectVersions.Located;
import io.slipway.s3.storage.StoredDocuments.BucketDoc;
import io.slipway.s3.storage.StoredDocuments.VersionDoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.s3.storage.StoredDocuments.BUCKET;

/**
 * S3's storage engine: buckets, object versions, listings and multipart uploads, for the S3 HTTP
 * layer to call. Bodies live in the blob store under generated ids (files on the embedded store,
 * chunk rows when the store is PostgreSQL, so every node reads them); metadata lives in the store.
 * A body streams into the blob store while its digests are computed, and becomes visible only when
 * the transaction that records it commits; a failed or aborted upload leaves nothing behind. A body
 * that no version names any more is deleted with the commit that unnamed it.
 * Errors are {@link AwsException}s of {@link S3Errors}.
 */
public final class S3Storage {
    private static final int OPEN_ATTEMPTS = 5;
    private static final Jdbc.TxAction NO_MORE = tx -> { };

    private final S3Metadata meta;
    private final ObjectBodies bodies;
    private final SlipwayClock clock;
    private final Buckets buckets;
    private final ObjectVersions versions;
    private final ObjectListing listing;
    private final MultipartUploads uploads;

    public S3Storage(Jdbc jdbc, ResourceStore resources, Blobs blobs, SlipwayClock clock, IdGenerator ids) {
        this(jdbc, resources, blobs, clock, ids, false);
    }

    /** With {@code collateC}, listings use the explicit-collation query a linguistically collated PostgreSQL needs. */
    S3Storage(Jdbc jdbc, ResourceStore resources, Blobs blobs, SlipwayClock clock, IdGenerator ids, boolean collateC) {
        this.meta = new S3Metadata(jdbc, resources);
        this.bodies = new ObjectBodies(blobs, ids);
        this.clock = clock;
        this.buckets = new Buckets(meta, bodies, clock);
        this.versions = new ObjectVersions(meta, bodies, ids);
        this.listing = new ObjectListing(meta, collateC ? KeyOrder.forcedCollateC(meta) : KeyOrder.of(meta, jdbc));
        this.uploads = new MultipartUploads(meta, bodies, clock, this::commit);
    }

    // ---- buckets

    public BucketInfo createBucket(String account, String region, String bucket) {
        return buckets.create(account, region, bucket);
    }

    /** The bucket, when it exists and {@code account} owns it; AccessDenied when another account owns it. */
    public Optional<BucketInfo> bucket(String account, String bucket) {
        return buckets.find(bucket).map(b -> {
            if (!b.account().equals(account)) {
                throw Buckets.accessDenied();
            }
            return b.info();
        });
    }

    /** The account's buckets in name order. */
    public List<BucketInfo> listBuckets(String account) {
        return buckets.list(account);
    }

    /** BucketNotEmpty while any version or delete marker remains; unfinished multipart uploads go with it. */
    public void deleteBucket(String account, String bucket) {
        buckets.delete(account, bucket);
    }

    /** "Enabled" or "Suspended"; anything else is MalformedXML. */
    public void setVersioning(String account, String bucket, String status) {
        buckets.setVersioning(account, bucket, status);
    }

    // ---- objects

    /**
     * Stores a body as the key's newest version. {@code expectedLength} is the Content-Length
     * (-1 when unknown); exactly that many bytes are read. Over 5 GiB is EntityTooLarge; a digest
     * that differs from the expected Content-MD5 or x-amz-checksum-* is BadDigest.
     */
    public ObjectInfo putObject(String account, String bucket, String key, InputStream body, long expectedLength,
                                ObjectAttributes attrs) {
        BucketDoc b = buckets.require(account, bucket);
        ObjectKeys.validate(key);
        if (!attrs.condition().equals(WriteCondition.NONE)) {
            // Fails fast before the body is read; the check that counts happens again with the write.
            attrs.condition().check(head(account, bucket, key, Optional.empty()).filter(o -> !o.deleteMarker()), key);
        }
        ChecksumRequest checksum = attrs.checksum();
        ReceivedBody received = bodies.receive(newObjectBlob(b), body, expectedLength, ObjectBodies.MAX_PUT_SIZE,
                checksum.algorithm().stream().toList(), checksum.contentSha256().isPresent());
        try {
            Digests.verify(received, checksum);
        } catch (RuntimeException e) {
            bodies.deleteNow(received.blob());
            throw e;
        }
        return commit(b, key, received, attrs.contentType().orElse(ObjectAttributes.DEFAULT_CONTENT_TYPE),
                attrs.headers(), attrs.userMetadata(), received.md5Hex(), received.checksumsBase64(), 0, attrs.condition(),
                NO_MORE);
    }

    /** What is stored under the key: its latest version, which may be a delete marker, or the named version. */
    public Optional<ObjectInfo> head(String account, String bucket, String key, Optional<String> versionId) {
        BucketDoc b = buckets.require(account, bucket);
        ObjectKeys.validate(key);
        return meta.jdbc.autoCommit(tx -> versions.find(tx, b, key, versionId))
                .map(l -> l.doc().info(bucket, l.latest()));
    }

    /**
     * The version GetObject and HeadObject serve: NoSuchKey when the key is missing or its latest
     * version is a delete marker (the error's fields then carry DeleteMarker and VersionId),
     * NoSuchVersion for an unknown version, MethodNotAllowed for a delete marker asked for by id.
     */
    public ObjectInfo getObject(String account, String bucket, String key, Optional<String> versionId) {
        Optional<ObjectInfo> found = head(account, bucket, key, versionId);
        if (found.isEmpty()) {
            throw versionId.isPresent()
                    ? S3Errors.NO_SUCH_VERSION.exception("The specified version does not exist.",
                    Map.of("Key", key, "VersionId", versionId.get()))
                    : S3Errors.NO_SUCH_KEY.exception("The specified key does not exist.", Map.of("Key", key));
        }
        ObjectInfo info = found.get();
        if (info.deleteMarker()) {
            Map<String, Object> fields = Map.of("DeleteMarker", "true", "VersionId", info.versionId(), "Key", key);
            throw versionId.isPresent()
                    ? S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.",
                    Map.of("Method", "GET", "ResourceType", "DeleteMarker", "DeleteMarker", "true",
                            "VersionId", info.versionId()))
                    : S3Errors.NO_SUCH_KEY.exception("The specified key does not exist.", fields);
        }
        return info;
    }

    /**
     * {@link #getObject} with its body opened. A concurrent overwrite may delete the body between
     * looking the version up and opening it: then the lookup runs again.
     */
    public OpenObject openObject(String account, String bucket, String key, Optional<String> versionId) {
        for (int attempt = 1; ; attempt++) {
            ObjectInfo info = getObject(account, bucket, key, versionId);
            Optional<OpenBlob> body = bodies.open(bodyBlob(info));
            if (body.isPresent()) {
                return new OpenObject(info, body.get());
            }
            if (attempt == OPEN_ATTEMPTS) {
                throw S3Errors.INTERNAL_ERROR.exception("The body of " + key + " is missing from storage");
            }
        }
    }

    /**
     * The blob holding a version's body; it may vanish once the version is overwritten or deleted.
     * Only for a version already read through a checked call.
     */
    String bodyBlob(ObjectInfo info) {
        if (info.bodyRef().isEmpty()) {
            throw new IllegalArgumentException("a delete marker has no body: " + info.key());
        }
        return ObjectBodies.objectBlob(buckets.find(info.bucket()).orElseThrow(() -> Buckets.noSuchBucket(info.bucket()))
                .storeId(), info.bodyRef());
    }

    private String newObjectBlob(BucketDoc bucket) {
        return ObjectBodies.objectBlob(bucket.storeId(), bodies.newName());
    }

    /**
     * DeleteObject: without a version id, removes the object (versioning never enabled) or adds a
     * delete marker; with one, removes that version or delete marker for good.
     */
    public DeleteResult deleteObject(String account, String bucket, String key, Optional<String> versionId) {
        buckets.require(account, bucket);
        ObjectKeys.validate(key);
        return meta.transaction(tx -> {
            BucketDoc b = buckets.require(tx, account, bucket);
            return versionId.isPresent()
                    ? versions.deleteVersion(tx, b, key, versionId.get())
                    : versions.delete(tx, b, key, clock.now().toEpochMilli());
        });
    }

    /**
     * CopyObject: the source's bytes under a new key, with the source's metadata, or with
     * {@code replaceMetadata} (the REPLACE directive). Copying an object onto itself without
     * replacing its metadata or naming a source version is InvalidRequest, as in S3. {@code account}
     * must own both buckets.
     */
    public ObjectInfo copyObject(String account, String srcBucket, String srcKey, Optional<String> srcVersion,
                                 String dstBucket, String dstKey, Optional<ObjectAttributes> replaceMetadata) {
        BucketDoc destination = buckets.require(account, dstBucket);
        ObjectKeys.validate(dstKey);
        if (srcBucket.equals(dstBucket) && srcKey.equals(dstKey) && srcVersion.isEmpty() && replaceMetadata.isEmpty()) {
            throw S3Errors.INVALID_REQUEST.exception("This copy request is illegal because it is trying to copy an object "
                    + "to itself without changing the object's metadata, storage class, website redirect location or "
                    + "encryption attributes.");
        }
        Optional<ObjectInfo> located = head(account, srcBucket, srcKey, srcVersion);
        if (located.isPresent() && located.get().deleteMarker() && srcVersion.isPresent()) {
            throw S3Errors.INVALID_REQUEST.exception(
                    "The source of a copy request may not specifically refer to a delete marker by version id.");
        }
        List<ChecksumAlgorithm> algorithms = new ArrayList<>();
        try (OpenObject source = openObject(account, srcBucket, srcKey, srcVersion)) {
            ObjectInfo src = source.info();
            replaceMetadata.flatMap(a -> a.checksum().algorithm()).ifPresentOrElse(algorithms::add,
                    () -> algorithms.addAll(src.checksums().keySet()));
            ReceivedBody received;
            try (InputStream in = source.body().stream(0)) {
                received = bodies.receive(newObjectBlob(destination), in, src.size(), ObjectBodies.MAX_PUT_SIZE, algorithms);
            }
            ObjectAttributes attrs = replaceMetadata.orElse(null);
            return commit(destination, dstKey, received,
                    attrs == null ? src.contentType() : attrs.contentType().orElse(ObjectAttributes.DEFAULT_CONTENT_TYPE),
                    attrs == null ? src.headers() : attrs.headers(),
                    attrs == null ? src.userMetadata() : attrs.userMetadata(),
                    received.md5Hex(), received.checksumsBase64(), 0, WriteCondition.NONE, NO_MORE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- listings

    /**
     * ListObjectsV2. {@code prefix}, {@code delimiter}, {@code startAfter} and
     * {@code continuationToken} are absent when null or empty; {@code maxKeys} is capped at 1,000.
     */
    public ListResult listObjectsV2(String account, String bucket, String prefix, String delimiter, String startAfter,
                                    String continuationToken, int maxKeys) {
        return listing.listObjects(buckets.require(account, bucket), prefix, delimiter, startAfter, continuationToken, maxKeys);
    }

    /** ListObjectVersions; absent parameters are null or empty. */
    public VersionListResult listObjectVersions(String account, String bucket, String prefix, String delimiter,
                                                String keyMarker, String versionIdMarker, int maxKeys) {
        return listing.listVersions(buckets.require(account, bucket), prefix, delimiter, keyMarker, versionIdMarker, maxKeys);
    }

    // ---- multipart uploads

    public String createMultipartUpload(String account, String bucket, String key, ObjectAttributes attrs) {
        BucketDoc b = buckets.require(account, bucket);
        ObjectKeys.validate(key);
        return uploads.create(b, key, attrs);
    }

    public PartInfo uploadPart(String account, String bucket, String key, String uploadId, int partNumber,
                               InputStream body, long expectedLength, ChecksumRequest checksum) {
        return uploads.uploadPart(buckets.require(account, bucket), key, uploadId, partNumber, body, expectedLength, checksum);
    }

    /** ETag: hex MD5 of the parts' binary MD5s, "-" and the number of parts. The upload stays if this fails. */
    public ObjectInfo completeMultipartUpload(String account, String bucket, String key, String uploadId,
                                              List<CompletedPart> parts) {
        return completeMultipartUpload(account, bucket, key, uploadId, parts, WriteCondition.NONE);
    }

    /** With If-None-Match / If-Match, checked atomically with the write. */
    public ObjectInfo completeMultipartUpload(String account, String bucket, String key, String uploadId,
                                              List<CompletedPart> parts, WriteCondition condition) {
        return uploads.complete(buckets.require(account, bucket), key, uploadId, parts, condition);
    }

    /** In-progress uploads in key order, then by initiation; see {@link UploadsPage}. */
    public UploadsPage listMultipartUploads(String account, String bucket, String prefix, String keyMarker,
                                            String uploadIdMarker, int maxUploads) {
        return uploads.listUploads(buckets.require(account, bucket), prefix, keyMarker, uploadIdMarker, maxUploads);
    }

    public void abortMultipartUpload(String account, String bucket, String key, String uploadId) {
        uploads.abort(buckets.require(account, bucket), key, uploadId);
    }

    public PartsPage listParts(String account, String bucket, String key, String uploadId, int partNumberMarker,
                               int maxParts) {
        return uploads.listParts(buckets.require(account, bucket), key, uploadId, partNumberMarker, maxParts);
    }

    // ---- shared

    /**
     * Records a received body (already in the bucket, which was checked to be the caller's) as the
     * key's newest version in one transaction.
     */
    private ObjectInfo commit(BucketDoc b, String key, ReceivedBody received, String contentType,
                              Map<String, String> headers, Map<String, String> metadata, String etag,
                              Map<String, String> checksums, int parts, WriteCondition condition,
                              Jdbc.TxAction alsoInTransaction) {
        String bucket = b.name();
        String file = received.name();
        String checksumType = checksums.isEmpty() ? null
                : parts > 0 && checksums.values().stream().anyMatch(v -> v.contains("-")) ? "COMPOSITE" : "FULL_OBJECT";
        try {
            VersionDoc stored = meta.transaction(tx -> {
                BucketDoc current = meta.get(tx, BUCKET, S3Metadata.BUCKETS, bucket)
                        .orElseThrow(() -> Buckets.noSuchBucket(bucket)).value();
                if (!current.storeId().equals(b.storeId())) {
                    throw Buckets.noSuchBucket(bucket); // deleted (and created again) while the body streamed in
                }
                alsoInTransaction.run(tx);
                VersionDoc draft = new VersionDoc(null, key, null, received.size(), etag, clock.now().toEpochMilli(),
                        contentType, headers, metadata, checksums, checksumType, false, file, parts);
                return versions.write(tx, current, key, draft, condition);
            });
            return stored.info(bucket, true);
        } catch (AwsException | DuplicateKeyException | ConcurrentUpdateException e) {
            // Known to have rolled back. After any other failure the commit may have happened: keep the body.
            bodies.deleteNow(received.blob());
            throw e;
        }
    }

    /** How multipart completion records its assembled body. */
    @FunctionalInterface
    interface Committer {
        ObjectInfo commit(BucketDoc bucket, String key, ReceivedBody received, String contentType, Map<String, String> headers,
                          Map<String, String> metadata, String etag, Map<String, String> checksums, int parts,
                          WriteCondition condition, Jdbc.TxAction alsoInTransaction);
    }
}
