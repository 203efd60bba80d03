package io.slipway.s3.storage;

import java.util.Locale;
import java.util.Optional;

/**
 * A conditional write: If-None-Match: * succeeds only when the key has no current object;
 * If-Match succeeds only when the current object's ETag is the one given (quotes optional).
 * A failed condition is PreconditionFailed (If-Match on a missing key: NoSuchKey), as in S3.
 */
public record WriteCondition(Optional<String> ifMatch, boolean ifNoneMatchAny) {
    public static final WriteCondition NONE = new WriteCondition(Optional.empty(), false);

    public static WriteCondition ifNoneMatch(String value) {
        if (!"*".equals(value.strip())) {
            // S3's answer: conditional writes take only If-None-Match: *
            throw S3Errors.NOT_IMPLEMENTED.exception("A header you provided implies functionality that is not implemented",
                    java.util.Map.of("Header", "If-None-Match"));
        }
        return new WriteCondition(Optional.empty(), true);
    }

    public static WriteCondition ifMatch(String etag) {
        return new WriteCondition(Optional.of(etag), false);
    }

    /** Throws unless the condition holds for the key's current object (absent if none or a delete marker). */
    void check(Optional<ObjectInfo> current, String key) {
        if (ifNoneMatchAny && current.isPresent()) {
            throw S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold",
                    java.util.Map.of("Condition", "If-None-Match"));
        }
        if (ifMatch.isPresent()) {
            if (current.isEmpty()) {
                throw S3Errors.NO_SUCH_KEY.exception("The specified key does not exist.", java.util.Map.of("Key", key));
            }
            String want = ifMatch.get().strip();
            if (!"*".equals(want) && !unquote(want).equals(current.get().etag().toLowerCase(Locale.ROOT))) {
                throw S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold",
                        java.util.Map.of("Condition", "If-Match"));
            }
        }
    }

    private static String unquote(String etag) {
        String s = etag.startsWith("W/") ? etag.substring(2) : etag;
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
