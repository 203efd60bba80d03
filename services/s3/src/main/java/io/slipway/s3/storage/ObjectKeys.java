package io.slipway.s3.storage;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** S3's rules for object keys: 1 to 1,024 bytes of UTF-8. */
final class ObjectKeys {
    static final int MAX_BYTES = 1024;

    private ObjectKeys() {
    }

    static void validate(String key) {
        if (key == null || key.isEmpty()) {
            throw S3Errors.INVALID_ARGUMENT.exception("Object key must not be empty");
        }
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(key));
        } catch (CharacterCodingException e) {
            throw S3Errors.INVALID_ARGUMENT.exception("Object key is not valid UTF-8");
        }
        if (utf8.remaining() > MAX_BYTES) {
            throw S3Errors.KEY_TOO_LONG.exception("Your key is too long", java.util.Map.of(
                    "Size", String.valueOf(utf8.remaining()), "MaxSizeAllowed", String.valueOf(MAX_BYTES)));
        }
        // PostgreSQL text cannot hold U+0000, and a key must behave the same on every store.
        if (key.indexOf('\0') >= 0) {
            throw S3Errors.INVALID_ARGUMENT.exception("Object key must not contain U+0000");
        }
    }
}
