package io.slipway.s3;

import io.slipway.core.codec.FormParser;
import io.slipway.core.codec.MalformedInputException;
import io.slipway.core.codec.UriDecoding;
import io.slipway.core.http.HttpRequest;
import io.slipway.s3.storage.S3Errors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bucket and key a request is about, from virtual-host style ({@code bucket.localhost},
 * {@code bucket.s3.localhost}, {@code bucket.s3.<region>.amazonaws.com}) or path style
 * ({@code /bucket/key}), and its query parameters (S3 uses bare flags such as {@code ?uploads}).
 */
record S3Target(Optional<String> bucket, Optional<String> key, Map<String, String> query) {

    /** @throws io.slipway.model.runtime.AwsException InvalidURI, for a path or query that does not decode */
    static S3Target of(HttpRequest request) {
        try {
            S3Target target = parse(request);
            if (target.bucket().map(b -> b.indexOf('\0') >= 0).orElse(false) || target.key().map(k -> k.indexOf('\0') >= 0)
                    .orElse(false) || target.query().entrySet().stream().anyMatch(q -> (q.getKey() + q.getValue()).indexOf('\0') >= 0)) {
                // Slipway's own rule, on every store alike: PostgreSQL cannot hold U+0000 in text
                throw new MalformedInputException("U+0000 in the URI");
            }
            return target;
        } catch (MalformedInputException e) {
            throw S3Errors.INVALID_URI.exception("Couldn't parse the specified URI.");
        }
    }

    private static S3Target parse(HttpRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        if (request.rawQuery() != null) {
            FormParser.parse(request.rawQuery(), query);
        }
        String path = request.path();
        Optional<String> hostBucket = hostBucket(request.header("host"));
        String rest = path.startsWith("/") ? path.substring(1) : path;
        if (hostBucket.isPresent()) {
            return new S3Target(hostBucket, rest.isEmpty() ? Optional.empty() : Optional.of(UriDecoding.decode(rest, false)),
                    query);
        }
        if (rest.isEmpty()) {
            return new S3Target(Optional.empty(), Optional.empty(), query);
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return new S3Target(Optional.of(UriDecoding.decode(rest, false)), Optional.empty(), query);
        }
        String key = rest.substring(slash + 1);
        return new S3Target(Optional.of(UriDecoding.decode(rest.substring(0, slash), false)),
                key.isEmpty() ? Optional.empty() : Optional.of(UriDecoding.decode(key, false)), query);
    }

    /** {@code my-bucket.localhost:4599} -> my-bucket; plain {@code localhost}, IPs and {@code s3.*} hosts name no bucket. */
    static Optional<String> hostBucket(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.contains(":") && !host.startsWith("[") ? host.substring(0, host.lastIndexOf(':')) : host;
        for (String suffix : new String[] {".s3.localhost", ".localhost"}) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return Optional.of(name.substring(0, name.length() - suffix.length()));
            }
        }
        int s3 = name.indexOf(".s3.");
        if (s3 > 0 && name.endsWith(".amazonaws.com")) {
            return Optional.of(name.substring(0, s3));
        }
        if (s3 > 0 && name.indexOf(".s3.") == name.lastIndexOf(".s3.") && name.endsWith(".localhost")) {
            return Optional.of(name.substring(0, s3));
        }
        return Optional.empty();
    }

    boolean has(String flag) {
        return query.containsKey(flag);
    }

    String param(String name) {
        return query.get(name);
    }

    /** Percent-decodes a header naming an object (a copy source); '+' is a literal there, not a space. */
    static String decode(String s) {
        try {
            String decoded = UriDecoding.decode(s, false);
            if (decoded.indexOf('\0') >= 0) {
                throw new MalformedInputException("U+0000");
            }
            return decoded;
        } catch (MalformedInputException e) {
            throw S3Errors.INVALID_ARGUMENT.exception("Invalid percent-encoding: " + s);
        }
    }
}
