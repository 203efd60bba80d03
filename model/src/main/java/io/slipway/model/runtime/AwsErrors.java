package io.slipway.model.runtime;

/** Errors every service can answer, whatever its model says. */
public final class AwsErrors {
    /** awsJson's generic input-validation error. */
    public static final AwsError VALIDATION_EXCEPTION = new AwsError("ValidationException", "ValidationError", 400, true);
    /** awsQuery's generic input-validation error. */
    public static final AwsError VALIDATION_ERROR = new AwsError("ValidationError", "ValidationError", 400, true);
    public static final AwsError SERIALIZATION_EXCEPTION = new AwsError("SerializationException", "SerializationException", 400, true);
    public static final AwsError UNKNOWN_OPERATION = new AwsError("UnknownOperationException", "UnknownOperationException", 400, true);
    public static final AwsError INVALID_ACTION = new AwsError("InvalidAction", "InvalidAction", 400, true);
    public static final AwsError MISSING_ACTION = new AwsError("MissingAction", "MissingAction", 400, true);
    public static final AwsError MALFORMED_QUERY_STRING = new AwsError("MalformedQueryString", "MalformedQueryString", 400, true);
    public static final AwsError INVALID_PARAMETER_VALUE = new AwsError("InvalidParameterValue", "InvalidParameterValue", 400, true);
    public static final AwsError UNSUPPORTED_MEDIA_TYPE = new AwsError("UnsupportedMediaTypeException", "UnsupportedMediaType", 415, true);
    public static final AwsError REQUEST_ENTITY_TOO_LARGE = new AwsError("RequestEntityTooLargeException", "RequestEntityTooLarge", 413, true);
    /** What a client is told when its write kept losing races with others: slow down and try again (SDKs retry it). */
    public static final AwsError THROTTLING = new AwsError("ThrottlingException", "Throttling", 400, true);
    public static final AwsError INTERNAL_FAILURE = new AwsError("InternalFailure", "InternalFailure", 500, false);
    public static final AwsError ACCESS_DENIED = new AwsError("AccessDeniedException", "AccessDenied", 400, true);
    /** Slipway's own answer for an operation the model has but Slipway does not implement yet. */
    public static final AwsError NOT_IMPLEMENTED = new AwsError("NotImplemented", "NotImplemented", 501, false);

    private AwsErrors() {
    }

    public static AwsException notImplemented(String operation) {
        return NOT_IMPLEMENTED.exception("Slipway does not implement " + operation + " yet");
    }
}
