package io.slipway.s3;

import io.slipway.core.codec.MalformedInputException;
import io.slipway.core.http.HttpProblem;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.identity.SignatureErrors;
import io.slipway.core.http.HttpResponse;
import io.slipway.core.identity.Credential;
import io.slipway.core.identity.SignedChunks;
import io.slipway.core.protocol.WireProtocol;
import io.slipway.model.runtime.AwsException;
import io.slipway.model.runtime.RequestContext;
import io.slipway.model.runtime.RetryableConflict;
import io.slipway.s3.storage.S3Errors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * S3 on Slipway's port (restXml, served by hand rather than through the generic codecs because
 * object bodies stream to and from disk). It claims requests signed for {@code s3}, virtual-host
 * requests ({@code bucket.localhost}), and the unsigned path-style requests no other protocol claimed; it
 * sits last in the Router's list.
 */
public final class S3Protocol implements WireProtocol {
    private static final Set<String> OBJECT_METHODS = Set.of("GET", "PUT", "HEAD", "DELETE");
    /** Sub-resources of S3's API that Slipway does not serve: answered NotImplemented, never mistaken for another call. */
    private static final Set<String> UNSUPPORTED = Set.of("acl", "accelerate", "analytics", "attributes", "cors",
            "encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "logging", "metrics",
            "notification", "object-lock", "ownershipControls", "policy", "policyStatus", "publicAccessBlock",
            "replication", "requestPayment", "restore", "retention", "select", "tagging", "torrent", "website");
    private final BucketOperations buckets;
    private final ObjectOperations objects;
    private final MultipartOperations multipart;

    public S3Protocol(BucketOperations buckets, ObjectOperations objects, MultipartOperations multipart) {
        this.buckets = buckets;
        this.objects = objects;
        this.multipart = multipart;
    }

    @Override
    public boolean accepts(HttpRequest request) {
        if (S3Target.hostBucket(request.header("host")).isPresent()) {
            return true;
        }
        Optional<Credential> signed = Credential.fromAuthorization(request.header("authorization"));
        if (signed.isPresent()) {
            // a request signed for another service is that service's, even when it found no operation
            return signed.get().service().equals("s3");
        }
        // unsigned requests: what the JSON and query protocols left, in S3's shape
        return OBJECT_METHODS.contains(request.method()) || ("POST".equals(request.method()) && !request.path().equals("/"));
    }

    /** Bodies that stream instead of being read into memory first: object uploads and parts. */
    public static boolean streams(String method, String path, String rawQuery, Map<String, String> headers) {
        return "PUT".equals(method) && headers.get("x-amz-copy-source") == null && !path.equals("/")
                && (path.indexOf('/', 1) > 0 || S3Target.hostBucket(headers.get("host")).isPresent())
                && (rawQuery == null || !(rawQuery.contains("versioning") || rawQuery.contains("tagging")
                        || rawQuery.contains("acl")));
    }

    @Override
    public Answer handle(HttpRequest request, RequestContext context) {
        S3Target target;
        try {
            target = S3Target.of(request);
        } catch (AwsException e) {
            return new Answer(S3Xml.error(e, context.requestId(), Map.of()), "-");
        }
        String operation = "-";
        try {
            PayloadHash.check(request.header("x-amz-content-sha256"));
            for (String sub : target.query().keySet()) {
                if (UNSUPPORTED.contains(sub)) {
                    throw S3Errors.NOT_IMPLEMENTED.exception("A header or query you provided implies functionality that is "
                            + "not implemented: " + sub);
                }
            }
            if (target.bucket().isEmpty()) {
                operation = "ListBuckets";
                return new Answer(buckets.list(target, context), operation);
            }
            if (target.key().isEmpty()) {
                operation = buckets.name(request, target);
                return new Answer(buckets.handle(operation, request, target, context), operation);
            }
            operation = multipart.name(request, target);
            if (operation == null) {
                operation = objects.name(request, target);
                return new Answer(objects.handle(operation, request, target, context), operation);
            }
            return new Answer(multipart.handle(operation, request, target, context), operation);
        } catch (AwsException e) {
            return new Answer(S3Xml.error(e, context.requestId(), details(target)), operation);
        } catch (MalformedInputException e) {
            return new Answer(S3Xml.error(S3Errors.MALFORMED_XML.exception(e.getMessage()), context.requestId(), details(target)),
                    operation);
        } catch (RetryableConflict e) {
            return new Answer(S3Xml.error(S3Errors.OPERATION_ABORTED.exception("A conflicting conditional operation is "
                    + "currently in progress against this resource. Please try again."), context.requestId(),
                    details(target)), operation);
        } catch (UncheckedIOException e) {
            AwsException error = e.getCause() instanceof SignedChunks.SignatureMismatch
                    ? S3Errors.SIGNATURE_DOES_NOT_MATCH.exception("The request signature we calculated does not match the "
                            + "signature you provided. Check your key and signing method.")
                    : S3Errors.INCOMPLETE_BODY.exception("You did not provide the number of bytes specified "
                            + "by the Content-Length HTTP header: " + e.getCause().getMessage());
            return new Answer(S3Xml.error(error, context.requestId(), details(target)), operation);
        } catch (RuntimeException e) {
            // A bug, not an answer: log it for the operator, never show the client a stack trace.
            System.err.println("[" + context.requestId() + "] internal failure: " + e);
            e.printStackTrace(System.err);
            return new Answer(S3Xml.error(S3Errors.INTERNAL_ERROR.exception("We encountered an internal error. Please try again."),
                    context.requestId(), details(target)), operation);
        }
    }

    private static Map<String, String> details(S3Target target) {
        Map<String, String> out = new LinkedHashMap<>();
        target.bucket().ifPresent(b -> out.put("BucketName", b));
        target.key().ifPresent(k -> out.put("Key", k));
        return out;
    }

    @Override
    public HttpResponse encodeError(AwsException error, RequestContext context) {
        return S3Xml.error(error, context.requestId(), Map.of());
    }

    @Override
    public boolean serves(String signingName) {
        return "s3".equals(signingName);
    }

    @Override
    public SignatureErrors signatureErrors() {
        return SignatureErrors.S3;
    }

    /** S3's codes and fixed messages for requests its front end cannot read (BadRequest's as S3 words it). */
    @Override
    public HttpResponse encodeMalformed(HttpProblem problem, String message, RequestContext context) {
        AwsException error = switch (problem) {
            case BAD_URI -> S3Errors.INVALID_URI.exception("Couldn't parse the specified URI.");
            case HEADERS_TOO_LARGE -> S3Errors.REQUEST_HEADER_SECTION_TOO_LARGE.exception(
                    "Your request header section exceeds the maximum allowed size.");
            case REQUEST_TIMEOUT -> S3Errors.REQUEST_TIMEOUT.exception("Your socket connection to the server was not "
                    + "read from or written to within the timeout period. Idle connections will be closed.");
            case INCOMPLETE_BODY -> S3Errors.INCOMPLETE_BODY.exception(
                    "You did not provide the number of bytes specified by the Content-Length HTTP header.");
            case METHOD_NOT_ALLOWED -> S3Errors.METHOD_NOT_ALLOWED.exception(
                    "The specified method is not allowed against this resource.");
            case TRANSFER_ENCODING_NOT_IMPLEMENTED -> S3Errors.NOT_IMPLEMENTED.exception(
                    "A header you provided implies functionality that is not implemented");
            // UNVERIFIED: what S3 answers an HTTP version it does not speak; a request it cannot parse is BadRequest
            case BAD_REQUEST, VERSION_NOT_SUPPORTED -> S3Errors.BAD_REQUEST.exception(
                    "An error occurred when parsing the HTTP request.");
        };
        return S3Xml.error(error, context.requestId(), problem == HttpProblem.TRANSFER_ENCODING_NOT_IMPLEMENTED
                ? Map.of("Header", "Transfer-Encoding") : Map.of());
    }

    /** Reads a non-streamed body; IO trouble is the client's incomplete body. */
    static byte[] body(HttpRequest request) {
        if (request.body().length > 0) {
            return request.body();
        }
        try (var in = request.bodyStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
