package io.slipway.core;

import io.slipway.core.admin.AdminEndpoint;
import io.slipway.core.admin.AdminEndpoints;
import io.slipway.core.codec.FormParser;
import io.slipway.core.http.HttpHandler;
import io.slipway.core.http.HttpProblem;
import io.slipway.core.http.HttpRequest;
import io.slipway.core.http.HttpResponse;
import io.slipway.core.http.Refusals;
import io.slipway.core.identity.AccountResolver;
import io.slipway.core.identity.Credential;
import io.slipway.core.identity.SignatureCheck;
import io.slipway.core.protocol.WireProtocol;
import io.slipway.model.runtime.AwsErrors;
import io.slipway.model.runtime.RequestContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The front door: gives every request an id and an identity, hands it to the first protocol that
 * claims it, and writes one access-log line. {@code /_slipway/*} paths are Slipway's own.
 */
public final class Router implements HttpHandler, Refusals {
    public static final String DEFAULT_REGION = "us-east-1";
    private final List<WireProtocol> protocols;
    private final AccountResolver accounts;
    private final AccessLog accessLog;
    private final Supplier<Instant> clock;
    private final AdminEndpoints admin;
    private final SignatureGate gate;

    /**
     * @param admin        Slipway's own GET endpoints, by path under {@code /_slipway/} (health, pending hooks)
     * @param verification present in verification mode: every request's signature is checked
     */
    public Router(List<? extends WireProtocol> protocols, AccountResolver accounts, AccessLog accessLog, Supplier<Instant> clock,
                  Map<String, AdminEndpoint> admin, Optional<Verification> verification) {
        this.protocols = List.copyOf(protocols);
        this.accounts = accounts;
        this.accessLog = accessLog;
        this.clock = clock;
        this.gate = verification.map(v -> new SignatureGate(new SignatureCheck(accounts::signingKey))).orElse(null);
        this.admin = new AdminEndpoints(admin, verification.flatMap(Verification::adminToken),
                gate == null ? null : r -> gate.accepts(r, clock.get()));
    }

    /** @param adminToken an operator's token that opens the endpoints under {@code /_slipway/} ({@code Authorization: Bearer ...}) */
    public record Verification(Optional<String> adminToken) {
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        long start = System.nanoTime();
        RequestContext context = context(request);
        String operation = "-";
        HttpResponse response;
        if (AdminEndpoints.claims(request)) {
            operation = request.path();
            response = admin.handle(request, context);
        } else {
            WireProtocol protocol = claiming(request);
            Optional<WireProtocol> signedFor = protocol == null ? signedFor(context) : Optional.empty();
            WireProtocol answering = protocol != null ? protocol : signedFor.orElse(protocols.getFirst());
            SignatureGate.Outcome judged = gate == null ? new SignatureGate.Passed(request)
                    : gate.judge(request, answering, clock.get());
            if (judged instanceof SignatureGate.Refused(var error)) {
                response = answering.encodeError(error, context);
            } else if (signedFor.isPresent()) {
                response = answering.encodeUnclaimed(context);
            } else {
                WireProtocol.Answer answer = answering.handle(((SignatureGate.Passed) judged).request(), context);
                operation = answer.operation();
                response = answer.response();
            }
        }
        response.withHeader("x-amzn-RequestId", context.requestId());
        accessLog.log(context.requestId(), context.accountId(), context.region(), operation, response.status(),
                System.nanoTime() - start);
        return response;
    }

    /** The answer to a body over the size limit, in the protocol the request was meant for. */
    @Override
    public HttpResponse tooLarge(HttpRequest request, long maxBytes) {
        RequestContext context = context(request);
        return logged(context, answering(request, context).encodeError(AwsErrors.REQUEST_ENTITY_TOO_LARGE.exception(
                "Request body is larger than " + maxBytes + " bytes"), context));
    }

    /** The answer to a request the transport could not read, in the protocol its head points to. */
    @Override
    public HttpResponse malformed(HttpRequest request, HttpProblem problem, String message) {
        RequestContext context = context(request);
        return logged(context, answering(request, context).encodeMalformed(problem, message, context));
    }

    private HttpResponse logged(RequestContext context, HttpResponse response) {
        response.withHeader("x-amzn-RequestId", context.requestId());
        accessLog.log(context.requestId(), context.accountId(), context.region(), "-", response.status(), 0);
        return response;
    }

    /**
     * Whether {@code protocol} is the one that will serve a request, judged on its head before the
     * body is read: a protocol that streams bodies must not take another protocol's body away.
     */
    public boolean routesTo(HttpRequest head, WireProtocol protocol) {
        return !AdminEndpoints.claims(head) && claiming(head) == protocol;
    }

    /** The first protocol that claims the request, or null. */
    private WireProtocol claiming(HttpRequest request) {
        for (WireProtocol p : protocols) {
            if (p.accepts(request)) {
                return p;
            }
        }
        return null;
    }

    /** The protocol of the service the request is signed for, when no protocol claimed it. */
    private Optional<WireProtocol> signedFor(RequestContext context) {
        return context.service().isEmpty() ? Optional.empty()
                : protocols.stream().filter(p -> p.serves(context.service())).findFirst();
    }

    /**
     * The protocol whose envelope an error answer takes: the one that claims the request, else the
     * one its signature names, else awsJson's.
     */
    private WireProtocol answering(HttpRequest request, RequestContext context) {
        WireProtocol claimed = claiming(request);
        return claimed != null ? claimed : signedFor(context).orElse(protocols.getFirst());
    }

    private RequestContext context(HttpRequest request) {
        Optional<Credential> credential = Credential.fromAuthorization(request.header("authorization"));
        String query = request.rawQuery();
        if (credential.isEmpty() && query != null && query.contains("X-Amz-Credential=")) {
            // a presigned URL: the signer's identity travels in the query
            credential = Optional.ofNullable(FormParser.parse(query).get("X-Amz-Credential")).flatMap(Credential::fromScope);
        } else if (credential.isEmpty() && query != null && query.contains("AWSAccessKeyId=")) {
            // S3's SigV2 presigned URL names its key but no region: S3's in us-east-1
            credential = Optional.ofNullable(FormParser.parse(query).get("AWSAccessKeyId")).filter(k -> !k.isEmpty())
                    .map(k -> new Credential(k, "", DEFAULT_REGION, "s3"));
        }
        String accessKey = credential.map(Credential::accessKeyId).orElse(null);
        return new RequestContext(RequestIds.next(), accounts.accountFor(accessKey),
                credential.map(Credential::region).orElse(DEFAULT_REGION),
                credential.map(Credential::service).orElse(""), accessKey == null ? "" : accessKey, clock.get());
    }
}
