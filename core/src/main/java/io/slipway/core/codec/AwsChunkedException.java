package io.slipway.core.codec;

import java.io.IOException;

/**
 * An {@code aws-chunked} body that cannot be decoded. The S3 layer turns {@link Reason#TRUNCATED}
 * and {@link Reason#DECODED_LENGTH_MISMATCH} into {@code IncompleteBody}, and
 * {@link Reason#MALFORMED} into {@code InvalidRequest}.
 */
public final class AwsChunkedException extends IOException {
    public enum Reason {
        /** The body ended inside a chunk or before the final chunk. */
        TRUNCATED,
        /** A chunk header, chunk terminator or trailer line is not what the encoding allows. */
        MALFORMED,
        /** The decoded bytes differ in number from {@code x-amz-decoded-content-length}. */
        DECODED_LENGTH_MISMATCH
    }

    private final Reason reason;

    public AwsChunkedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
