package io.slipway.core.codec;

/**
 * Input that cannot be read as the model says (bad JSON, a string where a number belongs, bad
 * base64). Each protocol turns it into its own error (awsJson SerializationException, awsQuery
 * MalformedQueryString or ValidationError).
 */
public final class MalformedInputException extends RuntimeException {
    public MalformedInputException(String message) {
        super(message, null, false, false);
    }
}
