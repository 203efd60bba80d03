package io.slipway.model.runtime;

/**
 * The one exception type that carries a modelled AWS error to the protocol layer, which renders it.
 * It records no stack trace: it is an answer to a client, not a bug, and services throw it on hot paths.
 */
public final class AwsException extends RuntimeException {
    private final AwsError error;

    public AwsException(AwsError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public AwsError error() {
        return error;
    }
}
