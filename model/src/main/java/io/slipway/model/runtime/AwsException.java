package io.slipway.model.runtime;

import java.util.Map;

/**
 * The one exception type that carries a modelled AWS error to the protocol layer, which renders it.
 * It records no stack trace: it is an answer to a client, not a bug, and services throw it on hot paths.
 */
public final class AwsException extends RuntimeException {
    private final AwsError error;
    private final Map<String, Object> fields;

    public AwsException(AwsError error, String message) {
        this(error, message, Map.of());
    }

    /**
     * An error that carries members of its modelled shape besides the message; each protocol
     * renders them into its error body the way it renders an output structure.
     */
    public AwsException(AwsError error, String message, Map<String, Object> fields) {
        super(message, null, false, false);
        this.error = error;
        this.fields = fields == null ? Map.of() : fields;
    }

    public AwsError error() {
        return error;
    }

    /** The error shape's members as a document (never null; empty when only the message is set). */
    public Map<String, Object> fields() {
        return fields;
    }
}
