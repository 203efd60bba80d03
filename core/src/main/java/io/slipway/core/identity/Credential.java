package io.slipway.core.identity;

import java.util.Optional;

/** The parts of a SigV4 credential scope Slipway uses: {@code AKID/date/region/service/aws4_request}. */
public record Credential(String accessKeyId, String date, String region, String service) {

    /**
     * Reads the scope from an {@code Authorization: AWS4-HMAC-SHA256 Credential=...} header or a
     * presigned URL's {@code X-Amz-Credential} value; empty when neither is well formed.
     */
    public static Optional<Credential> fromAuthorization(String authorization) {
        if (authorization == null || !authorization.startsWith("AWS4-")) {
            return Optional.empty();
        }
        int start = authorization.indexOf("Credential=");
        if (start < 0) {
            return Optional.empty();
        }
        start += "Credential=".length();
        int end = authorization.indexOf(',', start);
        return fromScope(authorization.substring(start, end < 0 ? authorization.length() : end).trim());
    }

    public static Optional<Credential> fromScope(String scope) {
        String[] parts = scope.split("/");
        if (parts.length != 5 || !"aws4_request".equals(parts[4]) || parts[0].isEmpty()
                || parts[2].isEmpty() || parts[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Credential(parts[0], parts[1], parts[2], parts[3]));
    }
}
