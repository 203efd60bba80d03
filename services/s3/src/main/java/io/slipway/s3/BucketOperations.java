package io.slipway.s3;

import io.slipway.core.codec.XmlDecoder;
import io.slipway.core.codec.XmlEncoder;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.s3.S3Model;
import io.slipway.s3.storage.BucketInfo;
import io.slipway.s3.storage.DeleteResult;
import io.slipway.s3.storage.ListResult;
import io.slipway.s3.storage.ObjectInfo;
import io.slipway.s3.storage.S3Errors;
import io.slipway.s3.storage.S3Storage;
import io.slipway.s3.storage.UploadsPage;
import io.slipway.s3.storage.VersionListResult;
import io.slipway.model.runtime.AwsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.slipway.s3.storage.S3Errors.INVALID_ARGUMENT;
import static io.slipway.s3.storage.S3Errors.METHOD_NOT_ALLOWED;
import static io.slipway.s3.storage.S3Errors.NO_SUCH_BUCKET;

/** Bucket operations: create, head, delete, location, versioning, listings and DeleteObjects. */
public final class BucketOperations {
    private static final int MAX_DELETE_KEYS = 1000;
    private static final Map<String, Object> OWNER = Map.of("DisplayName", "slipway", "ID", "slipway");
    private final S3Storage storage;

    public BucketOperations(S3Storage storage) {
        this.storage = storage;
    }

    /** ListBuckets: by name, filtered by Prefix and BucketRegion, MaxBuckets at a time; the token is the last name given. */
    HttpResponse list(S3Target t, RequestContext context) {
        String prefix = t.param("prefix") == null ? "" : t.param("prefix");
        String region = t.param("bucket-region");
        String after = t.param("continuation-token") == null ? "" : new String(decodeToken(t.param("continuation-token")),
                StandardCharsets.UTF_8);
        int max = t.param("max-buckets") == null ? 10_000 : bounded(t.param("max-buckets"), "max-buckets", 1, 10_000);
        List<Object> buckets = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (BucketInfo b : storage.listBuckets(context.accountId())) {
            if (!b.name().startsWith(prefix) || b.name().compareTo(after) <= 0 || (region != null && !region.equals(b.region()))) {
                continue;
            }
            if (buckets.size() == max) {
                more = true;
                break;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("Name", b.name());
            d.put("CreationDate", b.created());
            d.put("BucketRegion", b.region());
            buckets.add(d);
            last = b.name();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Buckets", buckets);
        out.put("Owner", OWNER);
        if (more) {
            out.put("ContinuationToken", Base64.getUrlEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
        }
        putIfPresent(out, "Prefix", t.param("prefix"));
        return S3Xml.ok(200, "ListAllMyBucketsResult", "ListBucketsOutput", () -> out);
    }

    private static byte[] decodeToken(String token) {
        try {
            return Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw INVALID_ARGUMENT.exception("The continuation token provided is incorrect");
        }
    }

    private static int bounded(String value, String name, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw INVALID_ARGUMENT.exception(name + " must be an integer from " + min + " to " + max);
    }

    String name(HttpRequest request, S3Target t) {
        return switch (request.method()) {
            case "PUT" -> t.has("versioning") ? "PutBucketVersioning" : "CreateBucket";
            case "HEAD" -> "HeadBucket";
            case "DELETE" -> "DeleteBucket";
            case "POST" -> t.has("delete") ? "DeleteObjects" : "-";
            case "GET" -> t.has("location") ? "GetBucketLocation" : t.has("versioning") ? "GetBucketVersioning"
                    : t.has("versions") ? "ListObjectVersions" : t.has("uploads") ? "ListMultipartUploads" : "2".equals(t.param("list-type")) ? "ListObjectsV2" : "ListObjects";
            default -> "-";
        };
    }

    HttpResponse handle(String operation, HttpRequest request, S3Target t, RequestContext context) {
        String bucket = t.bucket().orElseThrow();
        String account = context.accountId();
        return switch (operation) {
            case "CreateBucket" -> create(request, bucket, context);
            case "HeadBucket" -> {
                BucketInfo b = require(account, bucket);
                yield new HttpResponse(200, new LinkedHashMap<>(Map.of("x-amz-bucket-region", b.region())), new byte[0]);
            }
            case "DeleteBucket" -> {
                storage.deleteBucket(context.accountId(), bucket);
                yield new HttpResponse(204, new LinkedHashMap<>(), new byte[0]);
            }
            case "GetBucketLocation" -> {
                BucketInfo b = require(account, bucket);
                // us-east-1 is answered as an empty LocationConstraint, as S3 does
                byte[] xml = new XmlEncoder().start("LocationConstraint", S3Xml.NAMESPACE)
                        .end().toBytes();
                if (!b.region().equals("us-east-1")) {
                    xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"" + S3Xml.NAMESPACE + "\">"
                            + b.region() + "</LocationConstraint>").getBytes(StandardCharsets.UTF_8);
                }
                yield HttpResponse.of(200, "application/xml", xml);
            }
            case "GetBucketVersioning" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                require(account, bucket).versioning().ifPresent(v -> out.put("Status", v));
                yield S3Xml.ok(200, "VersioningConfiguration", "GetBucketVersioningOutput", () -> out);
            }
            case "PutBucketVersioning" -> {
                require(account, bucket); // an owner's question: another account is denied before its body is read
                Map<String, Object> config = XmlDecoder.read(S3Protocol.body(request), S3Model.MODEL.shape("VersioningConfiguration"));
                Object status = config.get("Status");
                if (!"Enabled".equals(status) && !"Suspended".equals(status)) {
                    throw io.slipway.s3.storage.S3Errors.MALFORMED_XML.exception("The XML you provided was not well-formed or did not validate against our published schema");
                }
                storage.setVersioning(account, bucket, (String) status);
                yield new HttpResponse(200, new LinkedHashMap<>(), new byte[0]);
            }
            case "ListObjectsV2" -> listV2(account, bucket, t);
            case "ListObjects" -> listV1(account, bucket, t);
            case "ListObjectVersions" -> versions(account, bucket, t);
            case "ListMultipartUploads" -> uploads(account, bucket, t);
            case "DeleteObjects" -> deleteObjects(request, account, bucket);
            default -> throw METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.");
        };
    }

    private HttpResponse create(HttpRequest request, String bucket, RequestContext context) {
        String region = context.region();
        byte[] body = S3Protocol.body(request);
        if (body.length > 0) {
            Object constraint = XmlDecoder.read(body, S3Model.MODEL.shape("CreateBucketConfiguration")).get("LocationConstraint");
            if (constraint instanceof String c && !c.isEmpty()) {
                region = c;
            }
        }
        storage.createBucket(context.accountId(), region, bucket);
        return new HttpResponse(200, new LinkedHashMap<>(Map.of("Location", "/" + bucket)), new byte[0]);
    }

    private BucketInfo require(String account, String bucket) {
        return storage.bucket(account, bucket).orElseThrow(() -> NO_SUCH_BUCKET.exception("The specified bucket does not exist"));
    }

    private static int maxKeys(S3Target t) {
        String v = t.param("max-keys");
        if (v == null) {
            return 1000;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw INVALID_ARGUMENT.exception("max-keys must be a non-negative integer");
            }
            return Math.min(n, 1000);
        } catch (NumberFormatException e) {
            throw INVALID_ARGUMENT.exception("Provided max-keys not an integer or within integer range");
        }
    }

    private HttpResponse listV2(String account, String bucket, S3Target t) {
        int max = maxKeys(t);
        ListResult r = storage.listObjectsV2(account, bucket, t.param("prefix"), t.param("delimiter"), t.param("start-after"),
                t.param("continuation-token"), max);
        Map<String, Object> out = listing(bucket, t, max, r.contents(), r.commonPrefixes(), r.truncated());
        out.put("KeyCount", r.contents().size() + r.commonPrefixes().size());
        putIfPresent(out, "ContinuationToken", t.param("continuation-token"));
        r.nextContinuationToken().ifPresent(n -> out.put("NextContinuationToken", n));
        putIfPresent(out, "StartAfter", t.param("start-after"));
        return S3Xml.ok(200, "ListBucketResult", "ListObjectsV2Output", () -> out);
    }

    /** ListObjects (v1) over the same listing: its marker is a start-after key. */
    private HttpResponse listV1(String account, String bucket, S3Target t) {
        int max = maxKeys(t);
        ListResult r = storage.listObjectsV2(account, bucket, t.param("prefix"), t.param("delimiter"), t.param("marker"), null, max);
        Map<String, Object> out = listing(bucket, t, max, r.contents(), r.commonPrefixes(), r.truncated());
        out.put("Marker", t.param("marker") == null ? "" : t.param("marker"));
        if (r.truncated() && t.param("delimiter") != null) {
            String lastKey = r.contents().isEmpty() ? "" : r.contents().getLast().key();
            String lastPrefix = r.commonPrefixes().isEmpty() ? "" : r.commonPrefixes().getLast();
            out.put("NextMarker", lastKey.compareTo(lastPrefix) > 0 ? lastKey : lastPrefix);
        }
        return S3Xml.ok(200, "ListBucketResult", "ListObjectsOutput", () -> out);
    }

    private static Map<String, Object> listing(String bucket, S3Target t, int max, List<ObjectInfo> contents,
                                               List<String> prefixes, boolean truncated) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("IsTruncated", truncated);
        List<Object> objects = new ArrayList<>();
        for (ObjectInfo o : contents) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("Key", o.key());
            d.put("LastModified", o.lastModified());
            d.put("ETag", o.quotedEtag());
            if (!o.checksums().isEmpty()) {
                d.put("ChecksumAlgorithm", List.of(o.checksums().keySet().iterator().next().name()));
            }
            d.put("Size", o.size());
            d.put("StorageClass", o.storageClass());
            objects.add(d);
        }
        out.put("Contents", objects);
        out.put("Name", bucket);
        out.put("Prefix", t.param("prefix") == null ? "" : t.param("prefix"));
        putIfPresent(out, "Delimiter", t.param("delimiter"));
        out.put("MaxKeys", max);
        out.put("CommonPrefixes", prefixes.stream().map(p -> (Object) Map.of("Prefix", p)).toList());
        putIfPresent(out, "EncodingType", t.param("encoding-type"));
        return out;
    }

    private HttpResponse versions(String account, String bucket, S3Target t) {
        int max = maxKeys(t);
        VersionListResult r = storage.listObjectVersions(account, bucket, t.param("prefix"), t.param("delimiter"),
                t.param("key-marker"), t.param("version-id-marker"), max);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("IsTruncated", r.truncated());
        out.put("KeyMarker", t.param("key-marker") == null ? "" : t.param("key-marker"));
        out.put("VersionIdMarker", t.param("version-id-marker") == null ? "" : t.param("version-id-marker"));
        r.nextKeyMarker().ifPresent(v -> out.put("NextKeyMarker", v));
        r.nextVersionIdMarker().ifPresent(v -> out.put("NextVersionIdMarker", v));
        List<Object> versions = new ArrayList<>();
        List<Object> markers = new ArrayList<>();
        for (ObjectInfo o : r.versions()) {
            Map<String, Object> d = new LinkedHashMap<>();
            if (!o.deleteMarker()) {
                d.put("ETag", o.quotedEtag());
                d.put("Size", o.size());
                d.put("StorageClass", o.storageClass());
            }
            d.put("Key", o.key());
            d.put("VersionId", o.versionId());
            d.put("IsLatest", o.isLatest());
            d.put("LastModified", o.lastModified());
            d.put("Owner", OWNER);
            (o.deleteMarker() ? markers : versions).add(d);
        }
        out.put("Versions", versions);
        out.put("DeleteMarkers", markers);
        out.put("Name", bucket);
        out.put("Prefix", t.param("prefix") == null ? "" : t.param("prefix"));
        putIfPresent(out, "Delimiter", t.param("delimiter"));
        out.put("MaxKeys", max);
        out.put("CommonPrefixes", r.commonPrefixes().stream().map(p -> (Object) Map.of("Prefix", p)).toList());
        return S3Xml.ok(200, "ListVersionsResult", "ListObjectVersionsOutput", () -> out);
    }

    private HttpResponse uploads(String account, String bucket, S3Target t) {
        if (t.param("delimiter") != null) {
            throw S3Errors.NOT_IMPLEMENTED.exception("ListMultipartUploads with a delimiter is not implemented");
        }
        String v = t.param("max-uploads");
        int max;
        try {
            max = v == null ? 1000 : Math.min(1000, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 0) {
            throw INVALID_ARGUMENT.exception("Provided max-uploads not an integer or within integer range");
        }
        UploadsPage page = storage.listMultipartUploads(account, bucket, t.param("prefix"), t.param("key-marker"),
                t.param("upload-id-marker"), max);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Bucket", bucket);
        out.put("KeyMarker", t.param("key-marker") == null ? "" : t.param("key-marker"));
        out.put("UploadIdMarker", t.param("upload-id-marker") == null ? "" : t.param("upload-id-marker"));
        page.nextKeyMarker().ifPresent(m -> out.put("NextKeyMarker", m));
        page.nextUploadIdMarker().ifPresent(m -> out.put("NextUploadIdMarker", m));
        out.put("Prefix", t.param("prefix") == null ? "" : t.param("prefix"));
        out.put("MaxUploads", max);
        out.put("IsTruncated", page.truncated());
        out.put("Uploads", page.uploads().stream().map(u -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("UploadId", u.uploadId());
            d.put("Key", u.key());
            d.put("Initiated", u.initiated());
            d.put("StorageClass", "STANDARD");
            d.put("Owner", OWNER);
            d.put("Initiator", OWNER);
            u.checksumAlgorithm().ifPresent(a -> d.put("ChecksumAlgorithm", a.name()));
            return (Object) d;
        }).toList());
        return S3Xml.ok(200, "ListMultipartUploadsResult", "ListMultipartUploadsOutput", () -> out);
    }

    /**
     * DeleteObjects: each key is deleted on its own; failures are listed, not thrown. A body that is
     * not a {@code <Delete>} of at most 1,000 objects is MalformedXML, as S3 answers it.
     */
    @SuppressWarnings("unchecked")
    private HttpResponse deleteObjects(HttpRequest request, String account, String bucket) {
        require(account, bucket);
        Map<String, Object> delete = XmlDecoder.read(S3Protocol.body(request), "Delete", S3Model.MODEL.shape("Delete"));
        List<Object> objects = (List<Object>) delete.getOrDefault("Objects", List.of());
        if (objects.size() > MAX_DELETE_KEYS) {
            throw S3Errors.MALFORMED_XML.exception(
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
        boolean quiet = Boolean.TRUE.equals(delete.get("Quiet"));
        List<Object> deleted = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        for (Object o : objects) {
            Map<String, Object> id = (Map<String, Object>) o;
            String key = (String) id.get("Key");
            Optional<String> version = Optional.ofNullable((String) id.get("VersionId"));
            try {
                DeleteResult r = storage.deleteObject(account, bucket, key, version);
                if (!quiet) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("Key", key);
                    version.ifPresent(v -> d.put("VersionId", v));
                    if (r.deleteMarker()) {
                        d.put("DeleteMarker", true);
                        r.versionId().ifPresent(v -> d.put("DeleteMarkerVersionId", v));
                    }
                    deleted.add(d);
                }
            } catch (AwsException e) {
                Map<String, Object> err = new LinkedHashMap<>();
                err.put("Key", key);
                version.ifPresent(v -> err.put("VersionId", v));
                err.put("Code", e.error().code());
                err.put("Message", e.getMessage());
                errors.add(err);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Deleted", deleted);
        out.put("Errors", errors);
        return S3Xml.ok(200, "DeleteResult", "DeleteObjectsOutput", () -> out);
    }

    private static void putIfPresent(Map<String, Object> out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }
}
