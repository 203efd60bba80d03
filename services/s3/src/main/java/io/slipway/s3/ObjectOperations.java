package io.slipway.s3;

import io.slipway.core.codec.AwsChunked;
import io.slipway.core.codec.Timestamps;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.model.runtime.RequestContext;
import io.slipway.s3.storage.ChecksumRequest;
import io.slipway.s3.storage.DeleteResult;
import io.slipway.s3.storage.ObjectAttributes;
import io.slipway.s3.storage.ObjectInfo;
import io.slipway.s3.storage.OpenObject;
import io.slipway.s3.storage.S3Storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.slipway.s3.storage.S3Errors.INVALID_ARGUMENT;
import static io.slipway.s3.storage.S3Errors.INVALID_RANGE;
import static io.slipway.s3.storage.S3Errors.METHOD_NOT_ALLOWED;
import static io.slipway.s3.storage.S3Errors.NO_SUCH_KEY;
import static io.slipway.s3.storage.S3Errors.PRECONDITION_FAILED;

/** PutObject, GetObject (ranges, conditions), HeadObject, DeleteObject and CopyObject. */
public final class ObjectOperations {
    private final S3Storage storage;

    public ObjectOperations(S3Storage storage) {
        this.storage = storage;
    }

    String name(HttpRequest request, S3Target t) {
        return switch (request.method()) {
            case "PUT" -> request.header("x-amz-copy-source") != null ? "CopyObject" : "PutObject";
            case "GET" -> "GetObject";
            case "HEAD" -> "HeadObject";
            case "DELETE" -> "DeleteObject";
            default -> "-";
        };
    }

    HttpResponse handle(String operation, HttpRequest request, S3Target t, RequestContext context) {
        String bucket = t.bucket().orElseThrow();
        String key = t.key().orElseThrow();
        Optional<String> version = Optional.ofNullable(t.param("versionId"));
        String account = context.accountId();
        return switch (operation) {
            case "PutObject" -> put(request, account, bucket, key);
            case "CopyObject" -> copy(request, account, bucket, key);
            case "GetObject", "HeadObject" -> get(request, account, bucket, key, version);
            case "DeleteObject" -> delete(account, bucket, key, version);
            default -> throw METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.");
        };
    }

    private HttpResponse put(HttpRequest request, String account, String bucket, String key) {
        Upload upload = Upload.of(request);
        ObjectAttributes attrs = ObjectHeaders.attributes(request, upload::trailers);
        ObjectInfo info = storage.putObject(account, bucket, key, upload.body(), upload.length(),
                attrs.withChecksum(upload.checks(attrs.checksum())).withCondition(ObjectHeaders.writeCondition(request)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ETag", info.quotedEtag());
        if (!"null".equals(info.versionId())) {
            headers.put("x-amz-version-id", info.versionId());
        }
        info.checksums().forEach((a, v) -> headers.put("x-amz-checksum-" + a.name().toLowerCase(Locale.ROOT), v));
        return new HttpResponse(200, headers, new byte[0]);
    }

    private HttpResponse get(HttpRequest request, String account, String bucket, String key, Optional<String> version) {
        OpenObject open = storage.openObject(account, bucket, key, version);
        ObjectInfo info = open.info();
        try {
            if (info.deleteMarker()) {
                close(open);
                throw version.isPresent() ? METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.")
                        : NO_SUCH_KEY.exception("The specified key does not exist.");
            }
            Optional<HttpResponse> unmet = conditions(request, info);
            if (unmet.isPresent()) {
                close(open);
                return unmet.get();
            }
            Map<String, String> headers = ObjectHeaders.of(info, "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode")));
            Optional<long[]> range = Range.parse(request.header("range"), info.size());
            long start = range.map(r -> r[0]).orElse(0L);
            long length = range.map(r -> r[1] - r[0] + 1).orElse(info.size());
            int status = range.isPresent() ? 206 : 200;
            range.ifPresent(r -> headers.put("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + info.size()));
            if ("HEAD".equals(request.method()) || length == 0) {
                close(open);
                headers.put("Content-Length", Long.toString(length));
                return HttpResponse.streamed(status, headers, length, out -> { });
            }
            return HttpResponse.streamed(status, headers, length, out -> {
                try (open) {
                    open.body().transferTo(start, length, out);
                }
            });
        } catch (RuntimeException e) {
            close(open);
            throw e;
        }
    }

    /** If-Match / If-Unmodified-Since fail with 412; If-None-Match / If-Modified-Since answer 304. */
    private static Optional<HttpResponse> conditions(HttpRequest request, ObjectInfo info) {
        String etag = info.quotedEtag();
        String ifMatch = request.header("if-match");
        String ifNoneMatch = request.header("if-none-match");
        Instant modified = info.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null && !matches(ifMatch, etag)) {
            throw PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold");
        }
        Instant unmodifiedSince = date(request.header("if-unmodified-since"));
        if (ifMatch == null && unmodifiedSince != null && modified.isAfter(unmodifiedSince)) {
            throw PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold");
        }
        Instant modifiedSince = date(request.header("if-modified-since"));
        if ((ifNoneMatch != null && matches(ifNoneMatch, etag))
                || (ifNoneMatch == null && modifiedSince != null && !modified.isAfter(modifiedSince))) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("ETag", etag);
            h.put("Last-Modified", Timestamps.httpDate(info.lastModified()));
            return Optional.of(new HttpResponse(304, h, new byte[0]));
        }
        return Optional.empty();
    }

    private static boolean matches(String condition, String etag) {
        for (String candidate : condition.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || ("\"" + c + "\"").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static Instant date(String value) {
        return value == null ? null : Timestamps.parse(value);
    }

    private HttpResponse delete(String account, String bucket, String key, Optional<String> version) {
        DeleteResult result = storage.deleteObject(account, bucket, key, version);
        Map<String, String> headers = new LinkedHashMap<>();
        if (result.deleteMarker()) {
            headers.put("x-amz-delete-marker", "true");
        }
        result.versionId().filter(v -> !v.equals("null")).ifPresent(v -> headers.put("x-amz-version-id", v));
        return new HttpResponse(204, headers, new byte[0]);
    }

    private HttpResponse copy(HttpRequest request, String account, String bucket, String key) {
        // bucket/key?versionId=v, the key percent-encoded: split before decoding, since a key may hold "?"
        String source = request.header("x-amz-copy-source");
        Optional<String> sourceVersion = Optional.empty();
        int q = source.indexOf("?versionId=");
        if (q >= 0) {
            sourceVersion = Optional.of(source.substring(q + "?versionId=".length()));
            source = source.substring(0, q);
        }
        source = S3Target.decode(source);
        if (source.startsWith("/")) {
            source = source.substring(1);
        }
        int slash = source.indexOf('/');
        if (slash <= 0 || slash == source.length() - 1) {
            throw INVALID_ARGUMENT.exception("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        }
        Optional<ObjectAttributes> replace = "REPLACE".equalsIgnoreCase(request.header("x-amz-metadata-directive"))
                ? Optional.of(ObjectHeaders.attributes(request, Map::of)) : Optional.empty();
        ObjectInfo copied = storage.copyObject(account, source.substring(0, slash), source.substring(slash + 1), sourceVersion,
                bucket, key, replace);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ETag", copied.quotedEtag());
        result.put("LastModified", copied.lastModified());
        HttpResponse response = S3Xml.ok(200, "CopyObjectResult", "CopyObjectResult", () -> result);
        if (!"null".equals(copied.versionId())) {
            response.withHeader("x-amz-version-id", copied.versionId());
        }
        return response;
    }

    private static void close(OpenObject open) {
        open.close();
    }

    /**
     * An upload's body: aws-chunked decoded when the client chunked it, with its length and trailers,
     * and the hex SHA-256 a plain body's x-amz-content-sha256 declared.
     */
    record Upload(InputStream body, long length, AwsChunked chunked, Optional<String> declaredSha256) {
        static Upload of(HttpRequest request) {
            InputStream raw = request.bodyStream();
            if (AwsChunked.isAwsChunked(request.headers())) {
                try {
                    AwsChunked chunked = AwsChunked.decode(raw, request.headers());
                    String decoded = request.header("x-amz-decoded-content-length");
                    return new Upload(chunked, decoded == null ? -1 : Long.parseLong(decoded), chunked, Optional.empty());
                } catch (IOException e) {
                    throw io.slipway.s3.storage.S3Errors.INVALID_REQUEST.exception("Malformed aws-chunked body: " + e.getMessage());
                }
            }
            String length = request.header("content-length");
            Optional<String> sha256 = Optional.ofNullable(request.header("x-amz-content-sha256")).filter(PayloadHash::isSha256);
            return new Upload(raw, length == null ? -1 : Long.parseLong(length.trim()), null, sha256);
        }

        Map<String, String> trailers() {
            return chunked == null ? Map.of() : chunked.trailers();
        }

        /**
         * {@code checksum} and what the body itself must satisfy before anything is stored: the SHA-256
         * a plain body declared (S3 checks it whether or not it checks signatures), or, for an
         * aws-chunked body, its end read through (final chunk, trailers and, when the Router verifies
         * them, their signatures) even when the store already has every payload byte it was promised.
         */
        ChecksumRequest checks(ChecksumRequest checksum) {
            if (chunked != null) {
                return checksum.afterBody(chunked::trailers);
            }
            return declaredSha256.map(checksum::withContentSha256).orElse(checksum);
        }
    }

    /** One byte range, {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}; anything else is ignored, as S3 does. */
    static final class Range {
        private Range() {
        }

        static Optional<long[]> parse(String header, long size) {
            if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
                return Optional.empty();
            }
            String spec = header.substring("bytes=".length()).trim();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return Optional.empty();
            }
            try {
                long start;
                long end;
                if (dash == 0) {
                    long suffix = Long.parseLong(spec.substring(1));
                    start = Math.max(0, size - suffix);
                    end = size - 1;
                } else {
                    start = Long.parseLong(spec.substring(0, dash));
                    long last = dash == spec.length() - 1 ? Long.MAX_VALUE : Long.parseLong(spec.substring(dash + 1));
                    if (last < start) {
                        return Optional.empty(); // not a range at all (RFC 9110): the whole object
                    }
                    end = Math.min(size - 1, last);
                }
                if (start >= size || end < start) {
                    throw INVALID_RANGE.exception("The requested range is not satisfiable");
                }
                return Optional.of(new long[] {start, end});
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
