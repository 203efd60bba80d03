package io.slipway.core.identity;

import java.util.ArrayList;
import java.util.List;
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
        List<String> parts = split(scope, '/');
        if (parts.size() != 5 || !"aws4_request".equals(parts.get(4)) || parts.get(0).isEmpty()
                || parts.get(2).isEmpty() || parts.get(3).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Credential(parts.get(0), parts.get(1), parts.get(2), parts.get(3)));
    }

    /**
     * {@code text.split(separator)} for one plain character (trailing empty parts dropped, as
     * split drops them) without its array and list copies: every signed request is split a few
     * times, and split was a tenth of a verification (measured).
     */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>(6);
        int start = 0;
        for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, start)) {
            parts.add(text.substring(start, at));
            start = at + 1;
        }
        parts.add(text.substring(start));
        int size = parts.size();
        while (size > 1 && parts.get(size - 1).isEmpty()) {
            parts.remove(--size);
        }
        return size == 1 && parts.getFirst().isEmpty() && !text.isEmpty() ? List.of() : parts;
    }
}
