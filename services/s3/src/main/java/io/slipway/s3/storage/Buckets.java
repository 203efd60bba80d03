package io.slipway.s3.storage;

import io.slipway.core.Namespace;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.DocumentStore;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.ResourceStore;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.s3.storage.StoredDocuments.BucketDoc;
import io.slipway.s3.storage.StoredDocuments.UploadDoc;

import java.util.List;
import java.util.Optional;

import static io.slipway.s3.storage.StoredDocuments.BUCKET;
import static io.slipway.s3.storage.StoredDocuments.KEY;
import static io.slipway.s3.storage.StoredDocuments.PART;
import static io.slipway.s3.storage.StoredDocuments.UPLOAD;

/**
 * Buckets: global names, an owning account, a region, a versioning status. A bucket is its owner's
 * alone: Slipway has no bucket policies or ACLs, so any other account that names it is denied
 * (AccessDenied, 403), while a name nobody holds is NoSuchBucket (404) whoever asks.
 */
final class Buckets {
    private static final String LEGACY_REGION = "us-east-1";

    private final S3Metadata meta;
    private final ObjectBodies bodies;
    private final SlipwayClock clock;

    Buckets(S3Metadata meta, ObjectBodies bodies, SlipwayClock clock) {
        this.meta = meta;
        this.bodies = bodies;
        this.clock = clock;
    }

    BucketInfo create(String account, String region, String name) {
        BucketNames.validate(name);
        BucketDoc doc = new BucketDoc(name, account, region, clock.now().toEpochMilli(), null, bodies.newName());
        try {
            return meta.jdbc.inTransaction(tx -> {
                Optional<BucketDoc> existing = meta.get(tx, BUCKET, S3Metadata.BUCKETS, name).map(Versioned::value);
                if (existing.isPresent()) {
                    return alreadyExists(account, region, existing.get());
                }
                meta.insert(tx, BUCKET, S3Metadata.BUCKETS, name, Optional.of(account), doc);
                return doc.info();
            });
        } catch (DuplicateKeyException e) {
            return alreadyExists(account, region, find(name).orElseThrow(() -> e));
        }
    }

    /** In us-east-1, S3 answers a repeated CreateBucket by its owner with success (a legacy it keeps). */
    private static BucketInfo alreadyExists(String account, String region, BucketDoc existing) {
        if (!existing.account().equals(account)) {
            throw S3Errors.BUCKET_ALREADY_EXISTS.exception("The requested bucket name is not available. "
                    + "The bucket namespace is shared by all users of the system. Please select a different name and try again.");
        }
        if (LEGACY_REGION.equals(region) && LEGACY_REGION.equals(existing.region())) {
            return existing.info();
        }
        throw S3Errors.BUCKET_ALREADY_OWNED_BY_YOU.exception(
                "Your previous request to create the named bucket succeeded and you already own it.");
    }

    Optional<BucketDoc> find(String name) {
        return meta.docs.get(BUCKET, S3Metadata.BUCKETS, name);
    }

    /** The bucket when {@code account} owns it; NoSuchBucket when nobody does, AccessDenied when another account does. */
    BucketDoc require(String account, String name) {
        return owned(account, find(name).orElseThrow(() -> noSuchBucket(name)));
    }

    /** {@link #require} inside a transaction, for writes that must see the bucket as it is now. */
    BucketDoc require(Tx tx, String account, String name) {
        return owned(account, meta.get(tx, BUCKET, S3Metadata.BUCKETS, name).orElseThrow(() -> noSuchBucket(name)).value());
    }

    private static BucketDoc owned(String account, BucketDoc bucket) {
        if (!bucket.account().equals(account)) {
            throw accessDenied();
        }
        return bucket;
    }

    static io.slipway.model.runtime.AwsException accessDenied() {
        return S3Errors.ACCESS_DENIED.exception("Access Denied");
    }

    static io.slipway.model.runtime.AwsException noSuchBucket(String name) {
        return S3Errors.NO_SUCH_BUCKET.exception("The specified bucket does not exist",
                java.util.Map.of("BucketName", name == null ? "" : name));
    }

    List<BucketInfo> list(String account) {
        return meta.docs.list(BUCKET, S3Metadata.BUCKETS, Optional.of(account), Optional.empty(), ResourceStore.MAX_PAGE)
                .items().stream().map(k -> k.value().info()).toList();
    }

    void delete(String account, String name) {
        meta.jdbc.inTransaction(tx -> {
            Versioned<BucketDoc> bucket = meta.getForUpdate(tx, BUCKET, S3Metadata.BUCKETS, name)
                    .orElseThrow(() -> noSuchBucket(name));
            owned(account, bucket.value());
            Namespace ns = S3Metadata.ns(bucket.value());
            if (meta.count(tx, KEY, ns) > 0) {
                throw S3Errors.BUCKET_NOT_EMPTY.exception("The bucket you tried to delete is not empty",
                        java.util.Map.of("BucketName", name));
            }
            // Unfinished multipart uploads go with the bucket; their rows would be unreachable anyway.
            List<DocumentStore.Keyed<UploadDoc>> uploads;
            Optional<String> after = Optional.empty();
            do {
                uploads = meta.docs.list(tx, UPLOAD, ns, Optional.empty(), after, 1000).items();
                for (DocumentStore.Keyed<UploadDoc> u : uploads) {
                    for (String part : meta.docs.ids(tx, PART, ns, u.id())) {
                        meta.delete(tx, PART, ns, part);
                    }
                    meta.delete(tx, UPLOAD, ns, u.id());
                }
                after = uploads.isEmpty() ? after : Optional.of(uploads.getLast().id());
            } while (uploads.size() == 1000);
            meta.delete(tx, BUCKET, S3Metadata.BUCKETS, name);
            // the parts of those uploads, and any body a crash left unnamed
            bodies.deleteUnder(tx, ObjectBodies.bucketBlobs(bucket.value().storeId()));
            return bucket.value();
        });
    }

    void setVersioning(String account, String name, String status) {
        if (!"Enabled".equals(status) && !"Suspended".equals(status)) {
            throw S3Errors.MALFORMED_XML.exception(
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
        meta.transaction(tx -> {
            Versioned<BucketDoc> bucket = meta.getForUpdate(tx, BUCKET, S3Metadata.BUCKETS, name)
                    .orElseThrow(() -> noSuchBucket(name));
            owned(account, bucket.value());
            meta.replace(tx, BUCKET, S3Metadata.BUCKETS, name, bucket, bucket.value().withVersioning(status));
            return null;
        });
    }
}
