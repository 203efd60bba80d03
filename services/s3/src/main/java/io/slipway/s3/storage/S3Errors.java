package io.slipway.s3.storage;

import io.slipway.model.runtime.AwsError;

/** The S3 errors the storage engine raises, with S3's codes and HTTP statuses (the code is also the type). */
public final class S3Errors {
    public static final AwsError NO_SUCH_BUCKET = client("NoSuchBucket", 404);
    public static final AwsError NO_SUCH_KEY = client("NoSuchKey", 404);
    public static final AwsError NO_SUCH_VERSION = client("NoSuchVersion", 404);
    public static final AwsError NO_SUCH_UPLOAD = client("NoSuchUpload", 404);
    public static final AwsError BUCKET_ALREADY_EXISTS = client("BucketAlreadyExists", 409);
    public static final AwsError BUCKET_ALREADY_OWNED_BY_YOU = client("BucketAlreadyOwnedByYou", 409);
    public static final AwsError BUCKET_NOT_EMPTY = client("BucketNotEmpty", 409);
    public static final AwsError INVALID_BUCKET_NAME = client("InvalidBucketName", 400);
    public static final AwsError INVALID_ARGUMENT = client("InvalidArgument", 400);
    public static final AwsError INVALID_REQUEST = client("InvalidRequest", 400);
    public static final AwsError INVALID_PART = client("InvalidPart", 400);
    public static final AwsError INVALID_PART_ORDER = client("InvalidPartOrder", 400);
    public static final AwsError ENTITY_TOO_SMALL = client("EntityTooSmall", 400);
    public static final AwsError ENTITY_TOO_LARGE = client("EntityTooLarge", 400);
    public static final AwsError INCOMPLETE_BODY = client("IncompleteBody", 400);
    public static final AwsError BAD_DIGEST = client("BadDigest", 400);
    public static final AwsError INVALID_DIGEST = client("InvalidDigest", 400);
    public static final AwsError INVALID_RANGE = client("InvalidRange", 416);
    public static final AwsError PRECONDITION_FAILED = client("PreconditionFailed", 412);
    public static final AwsError KEY_TOO_LONG = client("KeyTooLongError", 400);
    public static final AwsError METHOD_NOT_ALLOWED = client("MethodNotAllowed", 405);
    public static final AwsError ACCESS_DENIED = client("AccessDenied", 403);
    public static final AwsError SIGNATURE_DOES_NOT_MATCH = client("SignatureDoesNotMatch", 403);
    /** A streamed body whose SHA-256 is not the one its x-amz-content-sha256 header declared. */
    public static final AwsError X_AMZ_CONTENT_SHA256_MISMATCH = client("XAmzContentSHA256Mismatch", 400);
    public static final AwsError MALFORMED_XML = client("MalformedXML", 400);
    /** S3's answer to a write that collided with another on the same resource. */
    public static final AwsError OPERATION_ABORTED = client("OperationAborted", 409);
    public static final AwsError INVALID_URI = client("InvalidURI", 400);
    public static final AwsError BAD_REQUEST = client("BadRequest", 400);
    public static final AwsError REQUEST_HEADER_SECTION_TOO_LARGE = client("RequestHeaderSectionTooLarge", 400);
    public static final AwsError REQUEST_TIMEOUT = client("RequestTimeout", 400);
    public static final AwsError NOT_IMPLEMENTED = new AwsError("NotImplemented", "NotImplemented", 501, false);
    public static final AwsError INTERNAL_ERROR = new AwsError("InternalError", "InternalError", 500, false);

    private S3Errors() {
    }

    private static AwsError client(String code, int status) {
        return new AwsError(code, code, status, true);
    }
}
