package io.slipway.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * S3's older query-string authentication (Signature Version 2: {@code AWSAccessKeyId}, {@code Expires},
 * {@code Signature}), which the AWS CLI v1's {@code aws s3 presign} still writes unless told to use
 * SigV4. The signature is Base64 of HMAC-SHA1 over the method, Content-MD5, Content-Type, the expiry,
 * the {@code x-amz-*} headers and the resource with its sub-resources. Only S3 takes it.
 */
public final class SigV2Presigned {
    /** The query parameters that name a sub-resource or response override, and so are signed (as botocore lists them). */
    private static final Set<String> SIGNED_PARAMETERS = Set.of("accelerate", "acl", "cors", "defaultObjectAcl", "location",
            "logging", "partNumber", "policy", "requestPayment", "torrent", "versioning", "versionId", "versions", "website",
            "uploads", "uploadId", "response-content-type", "response-content-language", "response-expires",
            "response-cache-control", "response-content-disposition", "response-content-encoding", "delete", "lifecycle",
            "tagging", "restore", "storageClass", "notification", "replication", "analytics", "metrics", "inventory",
            "select", "select-type", "object-lock");

    /** What the URL claims: its key, expiry (epoch seconds), signature and session token (or null). */
    public record Claim(String accessKeyId, long expires, String signature, String sessionToken) {
    }

    private SigV2Presigned() {
    }

    /** The URL's claim, when its query carries all three SigV2 parameters. */
    public static Optional<Claim> read(SignedRequest request) {
        String query = request.rawQuery();
        if (!query.contains("AWSAccessKeyId=") || !query.contains("Signature=")) {
            return Optional.empty();
        }
        Map<String, String> params = parameters(query);
        String key = params.get("AWSAccessKeyId");
        String signature = params.get("Signature");
        String expires = params.get("Expires");
        if (key == null || key.isEmpty() || signature == null || expires == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Claim(key, Long.parseLong(expires), signature, params.get("x-amz-security-token")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the claim's signature is the one {@code secret} gives for the request, with the resource
     * as the path names it or, for a virtual-hosted bucket, with the host's first label before it.
     */
    public static boolean matches(SignedRequest request, Claim claim, String secret) {
        byte[] provided = claim.signature().getBytes(StandardCharsets.US_ASCII);
        for (String candidate : stringsToSign(request, claim)) {
            if (MessageDigest.isEqual(provided, sign(secret, candidate).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    /** The path-style string to sign (what S3 would show in its error). */
    public static String stringToSign(SignedRequest request, Claim claim) {
        return stringsToSign(request, claim).getFirst();
    }

    private static List<String> stringsToSign(SignedRequest request, Claim claim) {
        StringBuilder head = new StringBuilder(128).append(request.method()).append('\n')
                .append(orEmpty(request.first("Content-MD5"))).append('\n')
                .append(orEmpty(request.first("Content-Type"))).append('\n')
                .append(claim.expires()).append('\n');
        TreeMap<String, String> amz = new TreeMap<>();
        for (SignedRequest.Header h : request.headers()) {
            String name = h.name().toLowerCase(java.util.Locale.ROOT);
            if (name.startsWith("x-amz-")) {
                amz.merge(name, h.value().trim(), (a, b) -> a + "," + b);
            }
        }
        amz.forEach((name, value) -> head.append(name).append(':').append(value).append('\n'));
        String path = request.rawPath().isEmpty() ? "/" : request.rawPath();
        String subresources = subresources(request.rawQuery());
        List<String> out = new ArrayList<>(2);
        out.add(head + path + subresources);
        String host = request.first("Host");
        int dot = host == null ? -1 : host.indexOf('.');
        if (dot > 0) {
            out.add(head + "/" + host.substring(0, dot) + path + subresources);
        }
        return out;
    }

    private static String subresources(String rawQuery) {
        TreeMap<String, String> signed = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = CanonicalRequest.decode(eq < 0 ? pair : pair.substring(0, eq));
            if (SIGNED_PARAMETERS.contains(name)) {
                signed.put(name, eq < 0 ? null : CanonicalRequest.decode(pair.substring(eq + 1)));
            }
        }
        StringBuilder sb = new StringBuilder();
        signed.forEach((name, value) -> sb.append(sb.isEmpty() ? '?' : '&').append(name)
                .append(value == null ? "" : "=" + value));
        return sb.toString();
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(CanonicalRequest.decode(pair.substring(0, eq)), CanonicalRequest.decode(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    private static String sign(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA1", e);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}
