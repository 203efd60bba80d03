package io.slipway.s3.storage;

import io.slipway.core.codec.DocumentType;
import io.slipway.model.runtime.AwsStructure;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How S3's metadata is stored, one JSON document per resource. Buckets live in one global
 * namespace (names are global) with the owning account as parent. Everything inside a bucket
 * lives in the bucket's own namespace (account = the bucket's store id, region = its name), so the
 * whole id column is free for a 1,024-byte key, and rows a deleted bucket left behind can never
 * show up in a new bucket of the same name.
 * <ul>
 * <li>{@code s3.object}, id = key: the key's head: its latest version (possibly a delete marker),
 * the row of its "null" version, and its version counter. Listing keys walks these in id order.</li>
 * <li>{@code s3.version}, id = row id (see {@link VersionIds}), parent = key: every version and
 * delete marker; a key's rows list newest first.</li>
 * <li>{@code s3.upload}, id = upload id, parent = key; {@code s3.part}, id = upload id + "/" +
 * five-digit part number, parent = upload id.</li>
 * </ul>
 */
final class StoredDocuments {
    private static final Shape STRING = new Shape("String", ShapeType.STRING);
    private static final Shape LONG = new Shape("Long", ShapeType.LONG);
    private static final Shape INTEGER = new Shape("Integer", ShapeType.INTEGER);
    private static final Shape BOOLEAN = new Shape("Boolean", ShapeType.BOOLEAN);
    private static final Shape STRING_MAP = new Shape("StringMap", ShapeType.MAP)
            .mapEntry(Member.of("key", STRING), Member.of("value", STRING));

    private static final Shape BUCKET_SHAPE = structure("S3Bucket", "name", STRING, "account", STRING, "region", STRING,
            "created", LONG, "versioning", STRING, "storeId", STRING);
    private static final Shape VERSION_SHAPE = structure("S3Version", "rowId", STRING, "key", STRING,
            "versionId", STRING, "size", LONG, "etag", STRING, "lastModified", LONG, "contentType", STRING,
            "headers", STRING_MAP, "metadata", STRING_MAP, "checksums", STRING_MAP, "checksumType", STRING,
            "deleteMarker", BOOLEAN, "file", STRING, "parts", INTEGER);
    private static final Shape KEY_SHAPE = structure("S3Key", "seq", LONG, "nullRow", STRING, "latest", VERSION_SHAPE);
    private static final Shape UPLOAD_SHAPE = structure("S3Upload", "uploadId", STRING, "key", STRING,
            "initiated", LONG, "contentType", STRING, "headers", STRING_MAP, "metadata", STRING_MAP,
            "checksumAlgorithm", STRING);
    private static final Shape PART_SHAPE = structure("S3Part", "partNumber", INTEGER, "etag", STRING, "size", LONG,
            "lastModified", LONG, "file", STRING, "checksums", STRING_MAP);

    static final DocumentType<BucketDoc> BUCKET = new DocumentType<>("s3.bucket", BUCKET_SHAPE, BucketDoc::read);
    static final DocumentType<KeyDoc> KEY = new DocumentType<>("s3.object", KEY_SHAPE, KeyDoc::read);
    static final DocumentType<VersionDoc> VERSION = new DocumentType<>("s3.version", VERSION_SHAPE, VersionDoc::read);
    static final DocumentType<UploadDoc> UPLOAD = new DocumentType<>("s3.upload", UPLOAD_SHAPE, UploadDoc::read);
    static final DocumentType<PartDoc> PART = new DocumentType<>("s3.part", PART_SHAPE, PartDoc::read);

    private StoredDocuments() {
    }

    private static Shape structure(String name, Object... members) {
        Shape shape = new Shape(name, ShapeType.STRUCTURE);
        for (int i = 0; i < members.length; i += 2) {
            shape.member(Member.of((String) members[i], (Shape) members[i + 1]));
        }
        return shape;
    }

    record BucketDoc(String name, String account, String region, long created, String versioning, String storeId)
            implements AwsStructure {
        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", name);
            d.put("account", account);
            d.put("region", region);
            d.put("created", created);
            d.put("versioning", versioning);
            d.put("storeId", storeId);
            return d;
        }

        static BucketDoc read(Map<String, Object> d) {
            return new BucketDoc((String) d.get("name"), (String) d.get("account"), (String) d.get("region"),
                    number(d, "created"), (String) d.get("versioning"), (String) d.get("storeId"));
        }

        BucketDoc withVersioning(String status) {
            return new BucketDoc(name, account, region, created, status, storeId);
        }

        boolean versioningEnabled() {
            return "Enabled".equals(versioning);
        }

        BucketInfo info() {
            return new BucketInfo(name, account, region, Instant.ofEpochMilli(created), Optional.ofNullable(versioning));
        }
    }

    /** One version or delete marker; {@code file} is the body's name under the bucket's directory. */
    record VersionDoc(String rowId, String key, String versionId, long size, String etag, long lastModified,
                      String contentType, Map<String, String> headers, Map<String, String> metadata,
                      Map<String, String> checksums, String checksumType, boolean deleteMarker, String file, int parts)
            implements AwsStructure {
        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("rowId", rowId);
            d.put("key", key);
            d.put("versionId", versionId);
            d.put("size", size);
            d.put("etag", etag);
            d.put("lastModified", lastModified);
            d.put("contentType", contentType);
            d.put("headers", headers);
            d.put("metadata", metadata);
            d.put("checksums", checksums);
            d.put("checksumType", checksumType);
            d.put("deleteMarker", deleteMarker);
            d.put("file", file);
            d.put("parts", parts);
            return d;
        }

        static VersionDoc read(Map<String, Object> d) {
            return new VersionDoc((String) d.get("rowId"), (String) d.get("key"), (String) d.get("versionId"),
                    number(d, "size"), (String) d.get("etag"), number(d, "lastModified"), (String) d.get("contentType"),
                    strings(d, "headers"), strings(d, "metadata"), strings(d, "checksums"),
                    (String) d.get("checksumType"), Boolean.TRUE.equals(d.get("deleteMarker")), (String) d.get("file"),
                    (int) number(d, "parts"));
        }

        static VersionDoc deleteMarker(String rowId, String key, String versionId, long now) {
            return new VersionDoc(rowId, key, versionId, 0, null, now, null, Map.of(), Map.of(), Map.of(), null, true,
                    null, 0);
        }

        VersionDoc withIds(String newRowId, String newVersionId) {
            return new VersionDoc(newRowId, key, newVersionId, size, etag, lastModified, contentType, headers, metadata,
                    checksums, checksumType, deleteMarker, file, parts);
        }

        ObjectInfo info(String bucket, boolean latest) {
            Map<ChecksumAlgorithm, String> sums = new EnumMap<>(ChecksumAlgorithm.class);
            checksums.forEach((k, v) -> ChecksumAlgorithm.parse(k).ifPresent(a -> sums.put(a, v)));
            return new ObjectInfo(bucket, key, versionId, size, etag, Instant.ofEpochMilli(lastModified),
                    contentType, headers, metadata, Map.copyOf(sums), Optional.ofNullable(checksumType),
                    deleteMarker, latest, "STANDARD", parts, file == null ? "" : file);
        }
    }

    /** A key's head row. {@code nullRow} is the row id of its "null" version, if it has one. */
    record KeyDoc(long seq, String nullRow, VersionDoc latest) implements AwsStructure {
        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("seq", seq);
            d.put("nullRow", nullRow);
            d.put("latest", latest.toDocument());
            return d;
        }

        @SuppressWarnings("unchecked")
        static KeyDoc read(Map<String, Object> d) {
            return new KeyDoc(number(d, "seq"), (String) d.get("nullRow"),
                    VersionDoc.read((Map<String, Object>) d.get("latest")));
        }
    }

    record UploadDoc(String uploadId, String key, long initiated, String contentType, Map<String, String> headers,
                     Map<String, String> metadata, String checksumAlgorithm) implements AwsStructure {
        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("uploadId", uploadId);
            d.put("key", key);
            d.put("initiated", initiated);
            d.put("contentType", contentType);
            d.put("headers", headers);
            d.put("metadata", metadata);
            d.put("checksumAlgorithm", checksumAlgorithm);
            return d;
        }

        static UploadDoc read(Map<String, Object> d) {
            return new UploadDoc((String) d.get("uploadId"), (String) d.get("key"), number(d, "initiated"),
                    (String) d.get("contentType"), strings(d, "headers"), strings(d, "metadata"),
                    (String) d.get("checksumAlgorithm"));
        }

        Optional<ChecksumAlgorithm> algorithm() {
            return ChecksumAlgorithm.parse(checksumAlgorithm);
        }
    }

    record PartDoc(int partNumber, String etag, long size, long lastModified, String file, Map<String, String> checksums)
            implements AwsStructure {
        @Override
        public Map<String, Object> toDocument() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("partNumber", partNumber);
            d.put("etag", etag);
            d.put("size", size);
            d.put("lastModified", lastModified);
            d.put("file", file);
            d.put("checksums", checksums);
            return d;
        }

        static PartDoc read(Map<String, Object> d) {
            return new PartDoc((int) number(d, "partNumber"), (String) d.get("etag"), number(d, "size"),
                    number(d, "lastModified"), (String) d.get("file"), strings(d, "checksums"));
        }

        PartInfo info() {
            Map<ChecksumAlgorithm, String> sums = new EnumMap<>(ChecksumAlgorithm.class);
            checksums.forEach((k, v) -> ChecksumAlgorithm.parse(k).ifPresent(a -> sums.put(a, v)));
            return new PartInfo(partNumber, etag, size, Instant.ofEpochMilli(lastModified), Map.copyOf(sums));
        }
    }

    private static long number(Map<String, Object> d, String name) {
        Object v = d.get(name);
        return v == null ? 0L : ((Number) v).longValue();
    }

    private static Map<String, String> strings(Map<String, Object> d, String name) {
        Object v = d.get(name);
        if (v == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((k, value) -> out.put((String) k, (String) value));
        return java.util.Collections.unmodifiableMap(out);
    }
}
