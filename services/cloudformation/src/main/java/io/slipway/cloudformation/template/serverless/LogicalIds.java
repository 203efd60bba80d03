package io.slipway.cloudformation.template.serverless;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SAM's stable logical ids: a prefix and the first 10 hex digits of the SHA-1 of some data. */
final class LogicalIds {
    static final int HASH_LENGTH = 10;

    private LogicalIds() {
    }

    static String sha1(String data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code prefix} and the hash of {@code data}; SAM adds no hash for empty data. */
    static String generate(String prefix, String data) {
        return data == null || data.isEmpty() ? prefix : prefix + sha1(data).substring(0, HASH_LENGTH);
    }

    /** Whether a name is alphanumeric as Python's {@code str.isalnum} sees ASCII names (false when empty). */
    static boolean alphanumeric(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isLetterOrDigit);
    }
}
