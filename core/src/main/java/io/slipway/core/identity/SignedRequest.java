package io.slipway.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A request as it arrived, for signature verification: the path and query exactly as on the wire
 * (not decoded), the headers in arrival order with duplicates kept, and the SHA-256 of the body
 * when the body is at hand ({@code null} when it is streamed and not yet read: then the
 * {@code x-amz-content-sha256} header is taken at its word and the body checked by its reader).
 */
public record SignedRequest(String method, String rawPath, String rawQuery, List<Header> headers, String payloadHash) {

    public record Header(String name, String value) {
    }

    public SignedRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = List.copyOf(headers);
    }

    public static SignedRequest withBody(String method, String rawPath, String rawQuery, List<Header> headers,
                                         byte[] body) {
        return new SignedRequest(method, rawPath, rawQuery, headers, sha256Hex(body));
    }

    /** Every value of the header, case-insensitively, in arrival order. */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>(1);
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                out.add(h.value());
            }
        }
        return out;
    }

    /** The first value of the header, or null. */
    public String first(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A fresh digest for each use, cloned from one made at start: looking the algorithm up among
     * the security providers costs more than hashing a small body (measured, bench/RESULTS.md).
     */
    private static byte[] sha256(byte[] bytes) {
        try {
            return ((MessageDigest) SHA_256.clone()).digest(bytes);
        } catch (CloneNotSupportedException e) {
            return newSha256().digest(bytes);
        }
    }

    private static final MessageDigest SHA_256 = newSha256();

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
