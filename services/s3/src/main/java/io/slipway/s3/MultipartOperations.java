package io.slipway.s3;

import io.slipway.core.codec.XmlDecoder;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.s3.S3Model;
import io.slipway.s3.storage.ChecksumAlgorithm;
import io.slipway.s3.storage.CompletedPart;
import io.slipway.s3.storage.ObjectInfo;
import io.slipway.s3.storage.PartInfo;
import io.slipway.s3.storage.PartsPage;
import io.slipway.s3.storage.S3Errors;
import io.slipway.s3.storage.S3Storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.slipway.s3.storage.S3Errors.INVALID_ARGUMENT;

/** Multipart uploads: create, upload part, complete, abort, list parts. */
public final class MultipartOperations {
    private final S3Storage storage;

    public MultipartOperations(S3Storage storage) {
        this.storage = storage;
    }

    /** The multipart operation a request is, or null when it is a plain object operation. */
    String name(HttpRequest request, S3Target t) {
        return switch (request.method()) {
            case "POST" -> t.has("uploads") ? "CreateMultipartUpload" : t.has("uploadId") ? "CompleteMultipartUpload" : null;
            case "PUT" -> !t.has("uploadId") || !t.has("partNumber") ? null
                    : request.header("x-amz-copy-source") != null ? "UploadPartCopy" : "UploadPart";
            case "DELETE" -> t.has("uploadId") ? "AbortMultipartUpload" : null;
            case "GET" -> t.has("uploadId") ? "ListParts" : null;
            default -> null;
        };
    }

    HttpResponse handle(String operation, HttpRequest request, S3Target t, RequestContext context) {
        String bucket = t.bucket().orElseThrow();
        String key = t.key().orElseThrow();
        String uploadId = t.param("uploadId");
        String account = context.accountId();
        return switch (operation) {
            case "CreateMultipartUpload" -> {
                String id = storage.createMultipartUpload(account, bucket, key, ObjectHeaders.attributes(request, Map::of));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("Bucket", bucket);
                out.put("Key", key);
                out.put("UploadId", id);
                HttpResponse r = S3Xml.ok(200, "InitiateMultipartUploadResult", "CreateMultipartUploadOutput", () -> out);
                ObjectHeaders.checksum(request, Map::of).algorithm()
                        .ifPresent(a -> r.withHeader("x-amz-checksum-algorithm", a.name()));
                yield r;
            }
            case "UploadPart" -> {
                ObjectOperations.Upload upload = ObjectOperations.Upload.of(request);
                PartInfo part = storage.uploadPart(account, bucket, key, uploadId, partNumber(t.param("partNumber")), upload.body(),
                        upload.length(), upload.checks(ObjectHeaders.checksum(request, upload::trailers)));
                HttpResponse r = new HttpResponse(200, new LinkedHashMap<>(), new byte[0]);
                r.withHeader("ETag", "\"" + part.etag() + "\"");
                part.checksums().forEach((a, v) -> r.withHeader("x-amz-checksum-" + a.name().toLowerCase(Locale.ROOT), v));
                yield r;
            }
            case "CompleteMultipartUpload" -> complete(request, account, bucket, key, uploadId);
            case "AbortMultipartUpload" -> {
                storage.abortMultipartUpload(account, bucket, key, uploadId);
                yield new HttpResponse(204, new LinkedHashMap<>(), new byte[0]);
            }
            case "ListParts" -> listParts(t, account, bucket, key, uploadId);
            // not served: without this it would store an empty part where the copy was asked for
            case "UploadPartCopy" -> throw S3Errors.NOT_IMPLEMENTED.exception("A header or query you provided implies "
                    + "functionality that is not implemented: x-amz-copy-source with uploadId (UploadPartCopy)");
            default -> throw INVALID_ARGUMENT.exception("Unsupported multipart operation");
        };
    }

    @SuppressWarnings("unchecked")
    private HttpResponse complete(HttpRequest request, String account, String bucket, String key, String uploadId) {
        Map<String, Object> body = XmlDecoder.read(S3Protocol.body(request), S3Model.MODEL.shape("CompletedMultipartUpload"));
        List<CompletedPart> parts = new ArrayList<>();
        for (Object o : (List<Object>) body.getOrDefault("Parts", List.of())) {
            Map<String, Object> p = (Map<String, Object>) o;
            Map<ChecksumAlgorithm, String> checksums = new LinkedHashMap<>();
            for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
                Object v = p.get("Checksum" + a.name());
                if (v != null) {
                    checksums.put(a, (String) v);
                }
            }
            Object number = p.get("PartNumber");
            String etag = p.get("ETag") == null ? "" : ((String) p.get("ETag")).replace("\"", "");
            parts.add(new CompletedPart(number == null ? 0 : (Integer) number, etag, checksums));
        }
        ObjectInfo info = storage.completeMultipartUpload(account, bucket, key, uploadId, parts, ObjectHeaders.writeCondition(request));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Location", "/" + bucket + "/" + key);
        out.put("Bucket", bucket);
        out.put("Key", key);
        out.put("ETag", info.quotedEtag());
        info.checksums().forEach((a, v) -> out.put("Checksum" + a.name(), v));
        info.checksumType().ifPresent(tp -> out.put("ChecksumType", tp));
        HttpResponse r = S3Xml.ok(200, "CompleteMultipartUploadResult", "CompleteMultipartUploadOutput", () -> out);
        if (!"null".equals(info.versionId())) {
            r.withHeader("x-amz-version-id", info.versionId());
        }
        return r;
    }

    private HttpResponse listParts(S3Target t, String account, String bucket, String key, String uploadId) {
        int marker = t.param("part-number-marker") == null ? 0 : partNumber(t.param("part-number-marker"));
        int max = t.param("max-parts") == null ? 1000 : Math.min(1000, partNumber(t.param("max-parts")));
        PartsPage page = storage.listParts(account, bucket, key, uploadId, marker, max);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Bucket", bucket);
        out.put("Key", key);
        out.put("UploadId", uploadId);
        out.put("PartNumberMarker", Integer.toString(marker));
        out.put("NextPartNumberMarker", Integer.toString(page.nextPartNumberMarker()));
        out.put("MaxParts", max);
        out.put("IsTruncated", page.truncated());
        List<Object> parts = new ArrayList<>();
        for (PartInfo p : page.parts()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("PartNumber", p.partNumber());
            d.put("LastModified", p.lastModified());
            d.put("ETag", "\"" + p.etag() + "\"");
            d.put("Size", p.size());
            p.checksums().forEach((a, v) -> d.put("Checksum" + a.name(), v));
            parts.add(d);
        }
        out.put("Parts", parts);
        out.put("StorageClass", "STANDARD");
        page.checksumAlgorithm().ifPresent(a -> out.put("ChecksumAlgorithm", a.name()));
        return S3Xml.ok(200, "ListPartsResult", "ListPartsOutput", () -> out);
    }

    private static int partNumber(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > 10000) {
                throw INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive");
            }
            return n;
        } catch (NumberFormatException e) {
            throw INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive");
        }
    }
}
