package io.slipway.s3;

import io.slipway.s3.storage.S3Errors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The {@code x-amz-content-sha256} header: one of SigV4's payload modes, or the body's SHA-256 in hex. */
final class PayloadHash {
    private static final Set<String> MODES = Set.of("UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
            "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER");

    private PayloadHash() {
    }

    /** Refuses a value that is neither, as S3 does (InvalidArgument naming the header, before anything else). */
    static void check(String value) {
        if (value == null || MODES.contains(value) || isSha256(value)) {
            return;
        }
        throw S3Errors.INVALID_ARGUMENT.exception("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                + "STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
                + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, "
                + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                arguments(value));
    }

    private static Map<String, Object> arguments(String value) {
        Map<String, Object> out = new LinkedHashMap<>(2);
        out.put("ArgumentName", "x-amz-content-sha256");
        out.put("ArgumentValue", value);
        return out;
    }

    static boolean isSha256(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
