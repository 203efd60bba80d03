package io.slipway.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque pagination tokens for keyset pagination: the token carries the last key of the page
 * (and what list it belongs to), so the next page is an index range scan however many rows were
 * inserted meanwhile, and a token from another list is rejected rather than misread.
 */
public final class PageToken {
    private static final String VERSION = "1";

    private PageToken() {
    }

    public static String encode(String list, String lastKey) {
        String raw = VERSION + "\n" + list + "\n" + lastKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The last key a token carries, or empty when the token is not one of this list's. */
    public static Optional<String> decode(String list, String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n", 3);
            if (parts.length == 3 && parts[0].equals(VERSION) && parts[1].equals(list)) {
                return Optional.of(parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // not base64: falls through to empty
        }
        return Optional.empty();
    }
}
