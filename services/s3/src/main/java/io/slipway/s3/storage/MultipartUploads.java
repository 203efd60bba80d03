package io.slipway.s3.storage;

import io.slipway.core.Namespace;
import io.slipway.core.codec.Checksums;
import io.slipway.engine.clock.SlipwayClock;
import io.slipway.engine.store.ConcurrentUpdateException;
import io.slipway.engine.store.DocumentStore.Keyed;
import io.slipway.engine.store.DuplicateKeyException;
import io.slipway.engine.store.Tx;
import io.slipway.engine.store.Versioned;
import io.slipway.model.runtime.AwsException;
import io.slipway.s3.storage.StoredDocuments.BucketDoc;
import io.slipway.s3.storage.StoredDocuments.PartDoc;
import io.slipway.s3.storage.StoredDocuments.UploadDoc;

import io.slipway.engine.blob.OpenBlob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.slipway.s3.storage.StoredDocuments.PART;
import static io.slipway.s3.storage.StoredDocuments.UPLOAD;

/**
 * Multipart uploads: parts stream to bodies of their own; completing assembles the listed parts into
 * one body (ETag: the MD5 of the parts' binary MD5s, then "-N") and records it as a new version in
 * the same transaction that removes the upload, so the parts stay until the object exists.
 */
final class MultipartUploads {
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final int MAX_PART_NUMBER = 10_000;
    private static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024 * 1024;

    private final S3Metadata meta;
    private final ObjectBodies bodies;
    private final SlipwayClock clock;
    private final S3Storage.Committer committer;

    MultipartUploads(S3Metadata meta, ObjectBodies bodies, SlipwayClock clock, S3Storage.Committer committer) {
        this.meta = meta;
        this.bodies = bodies;
        this.clock = clock;
        this.committer = committer;
    }

    String create(BucketDoc bucket, String key, ObjectAttributes attrs) {
        String uploadId = bodies.newName();
        UploadDoc doc = new UploadDoc(uploadId, key, clock.now().toEpochMilli(),
                attrs.contentType().orElse(ObjectAttributes.DEFAULT_CONTENT_TYPE), attrs.headers(), attrs.userMetadata(),
                attrs.checksum().algorithm().map(Enum::name).orElse(null));
        meta.jdbc.runInTransaction(tx -> meta.insert(tx, UPLOAD, S3Metadata.ns(bucket), uploadId, Optional.of(key), doc));
        return uploadId;
    }

    PartInfo uploadPart(BucketDoc bucket, String key, String uploadId, int partNumber, InputStream body,
                        long expectedLength, ChecksumRequest checksum) {
        if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
            throw S3Errors.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive");
        }
        Namespace ns = S3Metadata.ns(bucket);
        UploadDoc upload = meta.jdbc.autoCommit(tx -> requireUpload(tx, ns, key, uploadId, false)).value();
        Set<ChecksumAlgorithm> algorithms = new LinkedHashSet<>();
        upload.algorithm().ifPresent(algorithms::add);
        checksum.algorithm().ifPresent(algorithms::add);
        ReceivedBody received = bodies.receive(ObjectBodies.partBlob(bucket.storeId(), bodies.newName()), body,
                expectedLength, ObjectBodies.MAX_PUT_SIZE, algorithms, checksum.contentSha256().isPresent());
        try {
            Digests.verify(received, checksum);
        } catch (RuntimeException e) {
            bodies.deleteNow(received.blob());
            throw e;
        }
        PartDoc part = new PartDoc(partNumber, received.md5Hex(), received.size(), clock.now().toEpochMilli(),
                received.name(), received.checksumsBase64());
        try {
            meta.transaction(tx -> {
                requireUpload(tx, ns, key, uploadId, true);
                String id = partId(uploadId, partNumber);
                Optional<Versioned<PartDoc>> old = meta.get(tx, PART, ns, id);
                if (old.isPresent()) {
                    meta.replace(tx, PART, ns, id, old.get(), part);
                    deleteAfterCommit(tx, bucket, old.get().value());
                } else {
                    meta.insert(tx, PART, ns, id, Optional.of(uploadId), part);
                }
                return null;
            });
        } catch (AwsException | DuplicateKeyException | ConcurrentUpdateException e) {
            bodies.deleteNow(received.blob());
            throw e;
        }
        return part.info();
    }

    ObjectInfo complete(BucketDoc bucket, String key, String uploadId, List<CompletedPart> requested,
                        WriteCondition condition) {
        Namespace ns = S3Metadata.ns(bucket);
        if (requested.isEmpty()) {
            throw S3Errors.MALFORMED_XML.exception(
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
        for (int i = 1; i < requested.size(); i++) {
            if (requested.get(i).partNumber() <= requested.get(i - 1).partNumber()) {
                throw S3Errors.INVALID_PART_ORDER.exception(
                        "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
            }
        }
        record Read(UploadDoc upload, Map<Integer, PartDoc> parts) {
        }
        Read read = meta.jdbc.autoCommit(tx -> new Read(requireUpload(tx, ns, key, uploadId, false).value(),
                partsByNumber(tx, ns, uploadId)));
        List<PartDoc> chosen = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            CompletedPart want = requested.get(i);
            PartDoc have = read.parts().get(want.partNumber());
            if (have == null || !have.etag().equalsIgnoreCase(unquote(want.etag())) || !checksumsMatch(want, have)) {
                throw S3Errors.INVALID_PART.exception("One or more of the specified parts could not be found. "
                        + "The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
                        Map.of("UploadId", uploadId, "PartNumber", String.valueOf(want.partNumber()),
                                "ETag", unquote(want.etag())));
            }
            if (i < requested.size() - 1 && have.size() < MIN_PART_SIZE) {
                throw S3Errors.ENTITY_TOO_SMALL.exception("Your proposed upload is smaller than the minimum allowed size",
                        Map.of("ProposedSize", String.valueOf(have.size()), "MinSizeAllowed", String.valueOf(MIN_PART_SIZE),
                                "PartNumber", String.valueOf(have.partNumber()), "ETag", have.etag()));
            }
            chosen.add(have);
        }
        Optional<ChecksumAlgorithm> algorithm = read.upload().algorithm();
        ReceivedBody assembled = assemble(bucket, chosen, algorithm);
        Map<String, String> checksums = new LinkedHashMap<>();
        algorithm.ifPresent(a -> checksums.put(a.name(), a.fullObjectForMultipart()
                ? Base64.getEncoder().encodeToString(assembled.checksums().get(a))
                : composite(a, chosen) + "-" + chosen.size()));
        UploadDoc upload = read.upload();
        return committer.commit(bucket, key, assembled, upload.contentType(), upload.headers(), upload.metadata(),
                multipartEtag(chosen), checksums, chosen.size(), condition, tx -> {
                    requireUpload(tx, ns, key, uploadId, true);
                    Map<Integer, PartDoc> now = partsByNumber(tx, ns, uploadId);
                    for (PartDoc used : chosen) {
                        PartDoc current = now.get(used.partNumber());
                        if (current == null || !current.file().equals(used.file())) {
                            throw S3Errors.INVALID_PART.exception("Part " + used.partNumber() + " changed while completing");
                        }
                    }
                    removeUpload(tx, bucket, uploadId, now.values());
                });
    }

    void abort(BucketDoc bucket, String key, String uploadId) {
        Namespace ns = S3Metadata.ns(bucket);
        meta.jdbc.runInTransaction(tx -> {
            requireUpload(tx, ns, key, uploadId, true);
            removeUpload(tx, bucket, uploadId, partsByNumber(tx, ns, uploadId).values());
        });
    }

    PartsPage listParts(BucketDoc bucket, String key, String uploadId, int partNumberMarker, int maxParts) {
        if (maxParts < 0 || partNumberMarker < 0) {
            throw S3Errors.INVALID_ARGUMENT.exception("max-parts and part-number-marker must not be negative");
        }
        Namespace ns = S3Metadata.ns(bucket);
        int limit = Math.min(maxParts, 1000);
        return meta.jdbc.autoCommit(tx -> {
            UploadDoc upload = requireUpload(tx, ns, key, uploadId, false).value();
            if (limit == 0) {
                return new PartsPage(bucket.name(), key, uploadId, List.of(), false, 0, upload.algorithm());
            }
            Optional<String> after = partNumberMarker == 0 ? Optional.empty()
                    : Optional.of(partId(uploadId, Math.min(partNumberMarker, MAX_PART_NUMBER)));
            List<Keyed<PartDoc>> rows = meta.children(tx, PART, ns, uploadId, after, limit + 1);
            boolean truncated = rows.size() > limit;
            List<PartInfo> parts = rows.stream().limit(limit).map(r -> r.value().info()).toList();
            int next = parts.isEmpty() ? 0 : parts.getLast().partNumber();
            return new PartsPage(bucket.name(), key, uploadId, parts, truncated, next, upload.algorithm());
        });
    }

    /**
     * Uploads are few (they end when completed or aborted), so a listing reads the bucket's
     * uploads and orders them in memory rather than keeping a key-ordered index.
     */
    UploadsPage listUploads(BucketDoc bucket, String prefixIn, String keyMarkerIn, String uploadIdMarkerIn, int maxIn) {
        String prefix = prefixIn == null ? "" : prefixIn;
        String keyMarker = keyMarkerIn == null ? "" : keyMarkerIn;
        String uploadIdMarker = uploadIdMarkerIn == null ? "" : uploadIdMarkerIn;
        if (maxIn < 0) {
            throw S3Errors.INVALID_ARGUMENT.exception("max-uploads must not be negative");
        }
        int max = Math.min(maxIn, 1000);
        if (max == 0) {
            return new UploadsPage(List.of(), List.of(), false, Optional.empty(), Optional.empty());
        }
        Namespace ns = S3Metadata.ns(bucket);
        List<UploadDoc> all = new ArrayList<>();
        meta.jdbc.autoCommit(tx -> {
            Optional<String> after = Optional.empty();
            List<Keyed<UploadDoc>> page;
            do {
                page = meta.docs.list(tx, UPLOAD, ns, Optional.empty(), after, 1000).items();
                page.forEach(u -> all.add(u.value()));
                after = page.isEmpty() ? after : Optional.of(page.getLast().id());
            } while (page.size() == 1000);
            return null;
        });
        all.sort((a, b) -> {
            int byKey = KeyOrder.compare(a.key(), b.key());
            if (byKey != 0) {
                return byKey;
            }
            int byTime = Long.compare(a.initiated(), b.initiated());
            return byTime != 0 ? byTime : a.uploadId().compareTo(b.uploadId());
        });
        List<UploadsPage.Upload> out = new ArrayList<>();
        boolean afterMarker = keyMarker.isEmpty();
        boolean truncated = false;
        for (UploadDoc u : all) {
            if (!afterMarker) {
                int c = KeyOrder.compare(u.key(), keyMarker);
                if (c < 0 || (c == 0 && uploadIdMarker.isEmpty())) {
                    continue;
                }
                if (c == 0 && !uploadIdMarker.isEmpty()) {
                    if (u.uploadId().equals(uploadIdMarker)) {
                        afterMarker = true;
                    }
                    continue;
                }
                afterMarker = true;
            }
            if (!u.key().startsWith(prefix)) {
                continue;
            }
            if (out.size() == max) {
                truncated = true;
                break;
            }
            out.add(new UploadsPage.Upload(u.key(), u.uploadId(), java.time.Instant.ofEpochMilli(u.initiated()),
                    u.algorithm()));
        }
        return new UploadsPage(List.copyOf(out), List.of(), truncated,
                truncated ? Optional.of(out.getLast().key()) : Optional.empty(),
                truncated ? Optional.of(out.getLast().uploadId()) : Optional.empty());
    }

    private Versioned<UploadDoc> requireUpload(Tx tx, Namespace ns, String key, String uploadId, boolean lock) {
        Optional<Versioned<UploadDoc>> upload = uploadId == null || uploadId.isEmpty() || uploadId.length() > 200
                ? Optional.empty()
                : lock ? meta.getForUpdate(tx, UPLOAD, ns, uploadId) : meta.get(tx, UPLOAD, ns, uploadId);
        return upload.filter(u -> u.value().key().equals(key)).orElseThrow(() -> S3Errors.NO_SUCH_UPLOAD.exception(
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
                Map.of("UploadId", uploadId == null ? "" : uploadId)));
    }

    private Map<Integer, PartDoc> partsByNumber(Tx tx, Namespace ns, String uploadId) {
        Map<Integer, PartDoc> parts = new LinkedHashMap<>();
        for (Keyed<PartDoc> row : meta.children(tx, PART, ns, uploadId, Optional.empty(), MAX_PART_NUMBER)) {
            parts.put(row.value().partNumber(), row.value());
        }
        return parts;
    }

    private void removeUpload(Tx tx, BucketDoc bucket, String uploadId, Iterable<PartDoc> parts) {
        Namespace ns = S3Metadata.ns(bucket);
        for (PartDoc part : parts) {
            meta.delete(tx, PART, ns, partId(uploadId, part.partNumber()));
            deleteAfterCommit(tx, bucket, part);
        }
        meta.delete(tx, UPLOAD, ns, uploadId);
    }

    private void deleteAfterCommit(Tx tx, BucketDoc bucket, PartDoc part) {
        bodies.delete(tx, ObjectBodies.partBlob(bucket.storeId(), part.file()));
    }

    /**
     * Concatenates the parts into a new body, computing a whole-object checksum on the way if one is
     * needed. Each part is opened only when the one before it has been read, so only one is open.
     */
    private ReceivedBody assemble(BucketDoc bucket, List<PartDoc> parts, Optional<ChecksumAlgorithm> algorithm) {
        long total = parts.stream().mapToLong(PartDoc::size).sum();
        if (total > MAX_OBJECT_SIZE) {
            throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size");
        }
        Iterator<PartDoc> next = parts.iterator();
        Enumeration<InputStream> streams = new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                PartDoc part = next.next();
                OpenBlob blob = bodies.open(ObjectBodies.partBlob(bucket.storeId(), part.file())).orElseThrow(() ->
                        S3Errors.INVALID_PART.exception("Part " + part.partNumber() + " changed while completing"));
                try {
                    return new FilterInputStream(blob.stream(0)) {
                        @Override
                        public void close() throws IOException {
                            try {
                                super.close();
                            } finally {
                                blob.close();
                            }
                        }
                    };
                } catch (IOException e) {
                    blob.close();
                    throw new UncheckedIOException("cannot read part " + part.partNumber(), e);
                }
            }
        };
        try (InputStream in = new SequenceInputStream(streams)) {
            return bodies.receive(ObjectBodies.objectBlob(bucket.storeId(), bodies.newName()), in, total, MAX_OBJECT_SIZE,
                    algorithm.filter(ChecksumAlgorithm::fullObjectForMultipart).stream().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble multipart upload", e);
        }
    }

    private static String partId(String uploadId, int partNumber) {
        return uploadId + "/" + String.format("%05d", partNumber);
    }

    private static String multipartEtag(List<PartDoc> parts) {
        MessageDigest md5 = md5();
        for (PartDoc part : parts) {
            md5.update(HexFormat.of().parseHex(part.etag()));
        }
        return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
    }

    /** The checksum of the parts' concatenated binary checksums (S3's COMPOSITE type), base64. */
    private static String composite(ChecksumAlgorithm algorithm, List<PartDoc> parts) {
        Checksums hasher = Checksums.of(algorithm.computed());
        for (PartDoc part : parts) {
            String value = part.checksums().get(algorithm.name());
            if (value == null) {
                throw S3Errors.INVALID_PART.exception("Part " + part.partNumber() + " has no " + algorithm + " checksum");
            }
            byte[] raw = Base64.getDecoder().decode(value);
            hasher.update(raw, 0, raw.length);
        }
        return hasher.base64(algorithm.computed());
    }

    private static boolean checksumsMatch(CompletedPart want, PartDoc have) {
        for (Map.Entry<ChecksumAlgorithm, String> e : want.checksums().entrySet()) {
            String stored = have.checksums().get(e.getKey().name());
            if (stored != null && !stored.equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String etag) {
        String s = etag == null ? "" : etag.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
