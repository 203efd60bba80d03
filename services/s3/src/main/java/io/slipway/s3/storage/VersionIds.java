package io.slipway.s3.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Row ids of versions, which are also the version ids of versioned writes: 32 lowercase hex
 * digits, the first 16 the key's version counter counted down (so a key's versions list newest
 * first in any collation), the last 16 from a generated id (so ids are unique in the bucket).
 */
final class VersionIds {
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    private VersionIds() {
    }

    static String rowId(long seq, String generated) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(generated.getBytes(StandardCharsets.UTF_8));
            return String.format("%016x", Long.MAX_VALUE - seq) + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean wellFormed(String versionId) {
        return ObjectInfo.NULL_VERSION.equals(versionId) || FORMAT.matcher(versionId).matches();
    }

    static void requireWellFormed(String versionId) {
        if (!wellFormed(versionId)) {
            throw S3Errors.INVALID_ARGUMENT.exception("Invalid version id specified");
        }
    }
}
