package io.slipway.it.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.model.runtime.Operation;
import io.slipway.model.runtime.Shape;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every answer must be, whatever was asked: no 5xx (except 501 NotImplemented naming an
 * operation Slipway does not serve yet), no Java class name or stack trace anywhere in it, and
 * every error in the protocol's envelope with a code the service models or AWS uses for all services.
 */
final class ResponseCheck {
    /** Errors any AWS service may answer (the common-errors pages), and the ones every protocol has. */
    static final Set<String> COMMON = Set.of("AccessDeniedException", "AccessDenied", "IncompleteSignature",
            "InternalFailure", "InvalidAction", "InvalidClientTokenId", "InvalidParameterCombination",
            "InvalidParameterValue", "InvalidQueryParameter", "MalformedQueryString", "MissingAction",
            "MissingAuthenticationToken", "MissingParameter", "NotAuthorized", "OptInRequired", "RequestExpired",
            "ServiceUnavailable", "ThrottlingException", "Throttling", "ValidationError", "ValidationException",
            "SerializationException", "UnknownOperationException", "UnsupportedMediaTypeException",
            "UnsupportedMediaType", "RequestEntityTooLargeException", "RequestEntityTooLarge", "NotImplemented",
            "RequestTimeout", "RequestTimeoutException", "InvalidSignatureException", "MalformedHttpRequestException",
            "RequestHeaderSectionTooLarge", "BadRequestException", "IncompleteSignatureException",
            "MissingAuthenticationTokenException", "UnrecognizedClientException", "ExpiredTokenException", "ExpiredToken",
            "SignatureDoesNotMatch");
    /** How the services refuse a signature in verification mode, S3's own codes included. */
    static final Set<String> SIGNATURE_REFUSALS = Set.of("IncompleteSignatureException", "IncompleteSignature",
            "MissingAuthenticationTokenException", "MissingAuthenticationToken", "UnrecognizedClientException",
            "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch", "ExpiredTokenException",
            "ExpiredToken", "AuthorizationHeaderMalformed", "AuthorizationQueryParametersError", "InvalidAccessKeyId",
            "InvalidToken", "RequestTimeTooSkewed", "XAmzContentSHA256Mismatch");
    /** S3's documented error codes that Slipway may answer (its model names only a few). */
    static final Set<String> S3 = Set.of("AccessDenied", "BadDigest", "BucketAlreadyExists", "BucketAlreadyOwnedByYou",
            "BucketNotEmpty", "EntityTooLarge", "EntityTooSmall", "IncompleteBody", "InvalidArgument",
            "InvalidBucketName", "InvalidDigest", "InvalidPart", "InvalidPartOrder", "InvalidRange", "InvalidRequest",
            "InvalidURI", "KeyTooLongError", "MalformedXML", "MethodNotAllowed", "MissingContentLength",
            "MissingRequestBodyError", "NoSuchBucket", "NoSuchKey", "NoSuchUpload", "NoSuchVersion", "NotImplemented",
            "OperationAborted", "PreconditionFailed", "RequestTimeout", "RequestHeaderSectionTooLarge",
            "MetadataTooLarge", "InvalidObjectState", "XAmzContentSHA256Mismatch", "InvalidStorageClass",
            "UnexpectedContent", "InvalidEncryptionAlgorithmError", "MalformedACLError", "InvalidTag",
            "TooManyParts", "InvalidBucketState", "NoSuchTagSet", "InternalError", "SignatureDoesNotMatch",
            "BadRequest", "AuthorizationHeaderMalformed", "AuthorizationQueryParametersError", "InvalidAccessKeyId",
            "InvalidToken", "RequestTimeTooSkewed");
    private static final Pattern JAVA_NAME = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com\\.sun|com\\.fasterxml|org\\.h2|org\\.postgresql|org\\.yaml|io\\.slipway)"
                    + "(?:\\.[a-z_][a-z0-9_]*)*\\.[A-Z][A-Za-z0-9_$]*\\b|\\.java:\\d+\\)|\\n\\s+at [a-z][\\w$.]+\\(");
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServedService service;
    private final Set<String> modelled = new HashSet<>();

    ResponseCheck(ServedService service) {
        this.service = service;
        for (Operation op : service.model().operations()) {
            for (Shape error : op.errors()) {
                if (error.error() != null) {
                    modelled.add(error.error().type());
                    modelled.add(error.error().code());
                }
            }
        }
    }

    /** What is wrong with the answer to a request of {@code op}, if anything. */
    Optional<String> problem(Operation op, WireRequest request, WireClient.Answer answer) {
        String text = answer.bodyText();
        Matcher leak = JAVA_NAME.matcher(text + "\n" + answer.headers().values());
        if (leak.find()) {
            return Optional.of("names Java internals (" + leak.group() + ")");
        }
        if (answer.status() < 400) {
            return Optional.empty();
        }
        Optional<Error> error = error(request, answer);
        if (error.isEmpty()) {
            return "HEAD".equals(request.method()) && answer.status() < 500 ? Optional.empty()
                    : Optional.of("error " + answer.status() + " not in " + service.protocol() + "'s envelope: " + snippet(text));
        }
        String code = error.get().code();
        if (answer.status() >= 500) {
            if (answer.status() == 501 && code.equals("NotImplemented") && namesOperation(op, error.get().message())) {
                return Optional.empty();
            }
            return Optional.of(answer.status() + " " + code + ": " + error.get().message());
        }
        if (!modelled.contains(code) && !COMMON.contains(code) && !(service.protocol() == ServedService.Protocol.REST_XML
                && S3.contains(code))) {
            return Optional.of("error code " + code + " is neither modelled nor common");
        }
        return Optional.empty();
    }

    /**
     * A signature refusal of a request signed as it was sent: against a verifying Slipway, such a
     * request must reach its operation (and with verification off nothing is refused).
     */
    Optional<String> signatureRefused(WireRequest request, WireClient.Answer answer) {
        return answer.status() < 400 ? Optional.empty() : error(request, answer)
                .filter(e -> SIGNATURE_REFUSALS.contains(e.code()))
                .map(e -> "its signature was refused: " + answer.status() + " " + e.code() + ": " + e.message());
    }

    /**
     * For a request whose head names no service (a garbage request line): an answer that is not a
     * 5xx and names no Java internals, whatever the envelope.
     */
    static Optional<String> generic(WireClient.Answer answer) {
        Matcher leak = JAVA_NAME.matcher(answer.bodyText() + "\n" + answer.headers().values());
        if (leak.find()) {
            return Optional.of("names Java internals (" + leak.group() + ")");
        }
        return answer.status() >= 500 ? Optional.of("answered " + answer.status() + ": " + snippet(answer.bodyText()))
                : Optional.empty();
    }

    /**
     * A 501 names the operation not built yet: the one asked for, or the one a broken path turned
     * the request into. S3 names the sub-resource or header a request implies, as S3 itself does.
     */
    private boolean namesOperation(Operation op, String message) {
        if (message == null) {
            return false;
        }
        Matcher named = NOT_IMPLEMENTED.matcher(message);
        return message.contains(op.name()) || (named.matches() && service.model().operation(named.group(1)).isPresent())
                || (service.protocol() == ServedService.Protocol.REST_XML && message.startsWith("A header")
                && message.contains("implies functionality that is not implemented"));
    }

    private static final Pattern NOT_IMPLEMENTED = Pattern.compile("Slipway does not implement (\\w+) yet");

    record Error(String code, String message) {
    }

    Optional<Error> error(WireRequest request, WireClient.Answer answer) {
        String text = answer.bodyText();
        try {
            return switch (service.protocol()) {
                case JSON, REST_JSON -> {
                    JsonNode body = text.isEmpty() ? null : JSON.readTree(text);
                    String type = answer.header("x-amzn-ErrorType");
                    if (type == null && body != null && body.hasNonNull("__type")) {
                        type = body.get("__type").asText();
                    }
                    if (type == null || body == null || !body.isObject()) {
                        yield Optional.empty();
                    }
                    String message = body.has("message") ? body.get("message").asText()
                            : body.has("Message") ? body.get("Message").asText() : null;
                    yield Optional.of(new Error(shortType(type), message));
                }
                case QUERY -> text.contains("<ErrorResponse") && text.contains("<Error>") && text.contains("<Type>")
                        ? xmlError(text) : Optional.empty();
                case REST_XML -> text.startsWith("<?xml") && text.contains("<Error>") ? xmlError(text) : Optional.empty();
            };
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Error> xmlError(String text) {
        Matcher code = XML_CODE.matcher(text);
        if (!code.find()) {
            return Optional.empty();
        }
        int m = text.indexOf("<Message>");
        int end = text.indexOf("</Message>");
        return Optional.of(new Error(code.group(1), m < 0 || end < m ? null : text.substring(m + 9, end)));
    }

    /** {@code aws.protocoltests#Name:http://...} is {@code Name}. */
    private static String shortType(String type) {
        String t = type;
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(hash + 1);
        }
        int colon = t.indexOf(':');
        return colon >= 0 ? t.substring(0, colon) : t;
    }

    static String snippet(String text) {
        String one = text.replace('\n', ' ');
        return one.length() <= 200 ? one : one.substring(0, 200) + "...";
    }
}
