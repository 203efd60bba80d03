package io.slipway.model.runtime;

import java.util.Map;

/**
 * An error as AWS models it.
 *
 * @param type       the error shape's name, which awsJson protocols put in {@code __type}
 * @param code       the awsQuery {@code <Code>} (the shape's awsQueryError code, else its name)
 * @param httpStatus the HTTP status the error is answered with
 * @param sender     true for client faults ({@code <Type>Sender</Type>}), false for server faults
 */
public record AwsError(String type, String code, int httpStatus, boolean sender) {

    public AwsException exception(String message) {
        return new AwsException(this, message);
    }

    /** The error with members of its shape besides the message, as a document. */
    public AwsException exception(String message, Map<String, Object> fields) {
        return new AwsException(this, message, fields);
    }
}
