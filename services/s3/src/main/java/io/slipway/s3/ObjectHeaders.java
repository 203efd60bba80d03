package io.slipway.s3;

import io.slipway.core.codec.Timestamps;
import io.slipway.core.http.HttpRequest;
import io.slipway.s3.storage.ChecksumAlgorithm;
import io.slipway.s3.storage.ChecksumRequest;
import io.slipway.s3.storage.S3Errors;
import io.slipway.s3.storage.WriteCondition;
import io.slipway.s3.storage.ObjectAttributes;
import io.slipway.s3.storage.ObjectInfo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** What object requests say in headers, and what object responses answer in them. */
final class ObjectHeaders {
    private ObjectHeaders() {
    }

    /** Content type, stored system headers, x-amz-meta-*, and the checksums to compute and check. */
    static ObjectAttributes attributes(HttpRequest request, Supplier<Map<String, String>> trailers) {
        Map<String, String> meta = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> {
            if (name.startsWith("x-amz-meta-")) {
                meta.put(name.substring("x-amz-meta-".length()), value);
            }
        });
        ObjectAttributes attrs = ObjectAttributes.none().withUserMetadata(meta)
                .withChecksum(checksum(request, trailers));
        String contentType = request.header("content-type");
        if (contentType != null && !contentType.isEmpty()) {
            attrs = attrs.withContentType(contentType);
        }
        for (String header : ObjectAttributes.HEADERS) {
            String value = request.header(header.toLowerCase(Locale.ROOT));
            if (value == null) {
                continue;
            }
            if (header.equals("Content-Encoding")) {
                // aws-chunked describes the upload, not the object
                value = String.join(",", java.util.Arrays.stream(value.split(",")).map(String::trim)
                        .filter(v -> !v.equalsIgnoreCase("aws-chunked") && !v.isEmpty()).toList());
                if (value.isEmpty()) {
                    continue;
                }
            }
            attrs = attrs.withHeader(header, value);
        }
        return attrs;
    }

    /** If-None-Match: * or If-Match on a write, checked by the store in the write's own transaction. */
    static WriteCondition writeCondition(HttpRequest request) {
        String ifNoneMatch = request.header("if-none-match");
        String ifMatch = request.header("if-match");
        return ifNoneMatch != null ? WriteCondition.ifNoneMatch(ifNoneMatch)
                : ifMatch != null ? WriteCondition.ifMatch(ifMatch) : WriteCondition.NONE;
    }

    /** The checksum a request asks for: a header value, a trailer that arrives after the body, or only an algorithm. */
    static ChecksumRequest checksum(HttpRequest request, Supplier<Map<String, String>> trailers) {
        ChecksumRequest result = ChecksumRequest.none();
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            String header = "x-amz-checksum-" + a.name().toLowerCase(Locale.ROOT);
            String value = request.header(header);
            String trailer = request.header("x-amz-trailer");
            if (value != null) {
                result = ChecksumRequest.expecting(a, value);
            } else if (trailer != null && trailer.trim().equalsIgnoreCase(header)) {
                result = ChecksumRequest.trailing(a, () -> Optional.ofNullable(trailers.get().get(header)));
            }
        }
        if (result.algorithm().isEmpty()) {
            String named = request.header("x-amz-sdk-checksum-algorithm");
            if (named == null) {
                named = request.header("x-amz-checksum-algorithm");
            }
            if (named != null) {
                String value = named;
                result = ChecksumRequest.compute(ChecksumAlgorithm.parse(named).orElseThrow(() ->
                        S3Errors.INVALID_REQUEST.exception("Value for x-amz-sdk-checksum-algorithm header is invalid: " + value)));
            }
        }
        String md5 = request.header("content-md5");
        return md5 == null ? result : result.withContentMd5(md5);
    }

    /** ETag, Last-Modified, type, stored headers, metadata, version and (when asked for) checksums. */
    static Map<String, String> of(ObjectInfo info, boolean checksums) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ETag", info.quotedEtag());
        h.put("Last-Modified", Timestamps.httpDate(info.lastModified()));
        h.put("Content-Type", info.contentType());
        h.put("Accept-Ranges", "bytes");
        info.headers().forEach(h::put);
        info.userMetadata().forEach((k, v) -> h.put("x-amz-meta-" + k, v));
        if (!"null".equals(info.versionId())) {
            h.put("x-amz-version-id", info.versionId());
        }
        if (checksums) {
            info.checksums().forEach((a, v) -> h.put("x-amz-checksum-" + a.name().toLowerCase(Locale.ROOT), v));
            info.checksumType().ifPresent(t -> h.put("x-amz-checksum-type", t));
        }
        if (info.partsCount() > 0) {
            h.put("x-amz-mp-parts-count", Integer.toString(info.partsCount()));
        }
        return h;
    }
}
