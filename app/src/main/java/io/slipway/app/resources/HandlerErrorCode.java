package io.slipway.app.resources;

import io.slipway.model.runtime.AwsException;

/**
 * CloudFormation's classification of a failed resource operation, shown at the end of the status
 * reason. Slipway reads it from the service error: its name when it says what happened
 * (…AlreadyExists…, …NameInUse…, …NotFound…, NoSuch…, …DoesNotExist…), else its HTTP status.
 */
enum HandlerErrorCode {
    ALREADY_EXISTS("AlreadyExists"),
    NOT_FOUND("NotFound"),
    INVALID_REQUEST("InvalidRequest"),
    RESOURCE_CONFLICT("ResourceConflict"),
    ACCESS_DENIED("AccessDenied"),
    THROTTLING("Throttling"),
    NOT_UPDATABLE("NotUpdatable"),
    GENERAL_SERVICE_EXCEPTION("GeneralServiceException");

    private final String wireName;

    HandlerErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static HandlerErrorCode of(AwsException e) {
        String type = e.error().type();
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (type.contains("AlreadyExists") || type.contains("AlreadyOwned") || type.contains("NameInUse")
                || (type.equals("ResourceConflictException") && message.contains("already exist"))) {
            return ALREADY_EXISTS;
        }
        if (type.contains("NotFound") || type.startsWith("NoSuch") || type.contains("DoesNotExist")) {
            return NOT_FOUND;
        }
        if (type.contains("Throttl") || type.contains("TooManyRequests")) {
            return THROTTLING;
        }
        if (!e.error().sender()) {
            return GENERAL_SERVICE_EXCEPTION;
        }
        return switch (e.error().httpStatus()) {
            case 403 -> ACCESS_DENIED;
            case 404 -> NOT_FOUND;
            case 409, 412 -> RESOURCE_CONFLICT;
            default -> INVALID_REQUEST;
        };
    }
}
