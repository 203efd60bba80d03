package io.slipway.it.fuzz;

import io.slipway.it.SlipwayServer;
import io.slipway.model.runtime.Operation;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import static io.slipway.it.fuzz.SignatureFuzz.Refusal.ANY;
import static io.slipway.it.fuzz.SignatureFuzz.Refusal.INCOMPLETE;
import static io.slipway.it.fuzz.SignatureFuzz.Refusal.MISMATCH;
import static io.slipway.it.fuzz.SignatureFuzz.Refusal.MISSING;
import static io.slipway.it.fuzz.SignatureFuzz.Refusal.NONE;
import static io.slipway.it.fuzz.SignatureFuzz.Refusal.PAYLOAD;
import static io.slipway.it.fuzz.SignatureFuzz.Refusal.PRESIGN_EXPIRED;
import static io.slipway.it.fuzz.SignatureFuzz.Refusal.STALE;
import static io.slipway.it.fuzz.SignatureFuzz.Refusal.TOKEN;
import static io.slipway.it.fuzz.SignatureFuzz.Refusal.UNKNOWN_KEY;
import static io.slipway.it.fuzz.SignatureFuzz.Refusal.WRONG_SCOPE;

/**
 * The signature itself broken, against a verifying Slipway: for one signed operation of every
 * served service, Authorization headers with parts missing, another algorithm, bad dates, odd and
 * huge values and repeated parameters; presigned URLs with bad X-Amz-Expires and X-Amz-Date, stale
 * and future times; wrong scopes, keys and secrets. Each must be refused with its protocol's
 * modelled error, code and status (no 5xx, no Java names), and the well-signed controls must pass.
 */
public final class SignatureFuzz {
    private static final Pattern EXPIRES = Pattern.compile("&X-Amz-Expires=[^&]*");
    private static final String OTHER_SERVICE = "sqs";

    private SignatureFuzz() {
    }

    /** Why the request must be refused; ANY where AWS does not say which refusal, NONE where it must pass. */
    enum Refusal { MISSING, INCOMPLETE, UNKNOWN_KEY, TOKEN, MISMATCH, PAYLOAD, WRONG_SCOPE, STALE, PRESIGN_EXPIRED, ANY, NONE }

    /** One broken signature, made of the operation's valid request (unsigned), a signer for its service, and now. */
    private record Breakage(String label, Refusal refusal, boolean presigned, Maker make) {
    }

    private interface Maker {
        WireRequest make(WireRequest valid, WireSigner signer, Instant now);
    }

    /** The code and status a refusal must come with. */
    private record Expected(String code, int status) {
    }

    public static FuzzReport run(URI endpoint, String accessKey) {
        FuzzReport report = new FuzzReport();
        try (WireClient client = new WireClient(endpoint.getHost(), endpoint.getPort())) {
            for (ServedService service : ServedService.ALL) {
                ResponseCheck check = new ResponseCheck(service);
                Operation op = service.operations().stream().filter(o -> !o.unsigned()).findFirst().orElseThrow();
                WireRequest valid = RequestEncoder.encode(service, op, ValidValues.of(op.input()));
                WireSigner signer = new WireSigner(accessKey, SlipwayServer.SECRET, service.signingName());
                for (Breakage b : breakages(service.signingName())) {
                    String where = service.name() + "." + op.name() + " [signature: " + b.label() + "]";
                    WireRequest request = b.make().make(valid, signer, Instant.now());
                    try {
                        WireClient.Answer answer = client.send(request);
                        report.record(service, op.name(), answer.status());
                        problem(check, service.protocol(), op, b, request, answer).ifPresent(p -> report.problem(where + ": " + p));
                    } catch (IOException e) {
                        report.record(service, op.name(), 0);
                        report.problem(where + ": no answer (" + e.getMessage() + ")");
                    }
                }
            }
        }
        return report;
    }

    private static Optional<String> problem(ResponseCheck check, ServedService.Protocol protocol, Operation op,
                                            Breakage b, WireRequest request, WireClient.Answer answer) {
        if (b.refusal() == NONE) {
            return check.problem(op, request, answer).or(() -> check.signatureRefused(request, answer));
        }
        Optional<String> generic = ResponseCheck.generic(answer);
        if (generic.isPresent()) {
            return generic;
        }
        Optional<ResponseCheck.Error> error = check.error(request, answer);
        if (error.isEmpty()) {
            return Optional.of("answered " + answer.status() + " outside " + protocol + "'s envelope: "
                    + ResponseCheck.snippet(answer.bodyText()));
        }
        String code = error.get().code();
        if (b.refusal() == ANY) {
            return refusals(protocol).contains(code) ? Optional.empty()
                    : Optional.of("answered " + answer.status() + " " + code + ", not one of " + protocol + "'s refusals");
        }
        Expected expected = expected(protocol, b.refusal(), b.presigned());
        return code.equals(expected.code()) && answer.status() == expected.status() ? Optional.empty()
                : Optional.of("answered " + answer.status() + " " + code + " (" + error.get().message() + "), expected "
                + expected.status() + " " + expected.code());
    }

    /** How AWS refuses, by front end: awsJson 400, Lambda the same codes with 403, awsQuery 403, S3 its own codes. */
    private static Expected expected(ServedService.Protocol protocol, Refusal refusal, boolean presigned) {
        return switch (protocol) {
            case JSON, REST_JSON -> new Expected(switch (refusal) {
                case MISSING -> "MissingAuthenticationTokenException";
                case INCOMPLETE -> "IncompleteSignatureException";
                case UNKNOWN_KEY, TOKEN -> "UnrecognizedClientException";
                default -> "InvalidSignatureException";
            }, protocol == ServedService.Protocol.JSON ? 400 : 403);
            case QUERY -> new Expected(switch (refusal) {
                case MISSING -> "MissingAuthenticationToken";
                case INCOMPLETE -> "IncompleteSignature";
                case UNKNOWN_KEY, TOKEN -> "InvalidClientTokenId";
                default -> "SignatureDoesNotMatch";
            }, 403);
            case REST_XML -> switch (refusal) {
                case MISSING, PRESIGN_EXPIRED -> new Expected("AccessDenied", 403);
                case INCOMPLETE -> new Expected(presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed", 400);
                case UNKNOWN_KEY -> new Expected("InvalidAccessKeyId", 403);
                case TOKEN -> new Expected("InvalidToken", 400);
                case PAYLOAD -> new Expected("XAmzContentSHA256Mismatch", 400);
                case WRONG_SCOPE -> new Expected("AuthorizationHeaderMalformed", 400);
                case STALE -> new Expected("RequestTimeTooSkewed", 403);
                default -> new Expected("SignatureDoesNotMatch", 403);
            };
        };
    }

    private static Set<String> refusals(ServedService.Protocol protocol) {
        Set<String> out = new java.util.HashSet<>();
        for (Refusal r : List.of(MISSING, INCOMPLETE, UNKNOWN_KEY, TOKEN, MISMATCH, PAYLOAD, WRONG_SCOPE, STALE, PRESIGN_EXPIRED)) {
            out.add(expected(protocol, r, false).code());
            out.add(expected(protocol, r, true).code());
        }
        return out;
    }

    private static List<Breakage> breakages(String service) {
        List<Breakage> out = new ArrayList<>();
        // the header form
        out.add(header("well signed (control)", NONE, (v, s, now) -> s.sign(v, now)));
        out.add(header("commas without spaces (control)", NONE, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replace(", ", ","))));
        out.add(header("no Authorization", MISSING, (v, s, now) -> s.sign(v, now).without("Authorization")));
        out.add(header("empty Authorization", ANY, (v, s, now) -> s.sign(v, now).withHeader("Authorization", "")));
        out.add(header("algorithm AWS4-HMAC-SHA512", INCOMPLETE, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512"))));
        out.add(header("algorithm in lower case", INCOMPLETE, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replace("AWS4-HMAC-SHA256", "aws4-hmac-sha256"))));
        out.add(header("algorithm alone", INCOMPLETE, (v, s, now) -> s.sign(v, now).withHeader("Authorization", "AWS4-HMAC-SHA256")));
        out.add(header("no Credential", INCOMPLETE, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replaceFirst("Credential=[^,]*, ", ""))));
        out.add(header("no SignedHeaders", INCOMPLETE, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replaceFirst("SignedHeaders=[^,]*, ", ""))));
        out.add(header("no Signature", INCOMPLETE, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replaceFirst(", Signature=.*", ""))));
        out.add(header("empty Signature", ANY, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replaceFirst("Signature=.*", "Signature="))));
        out.add(header("scope of three parts", INCOMPLETE, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replaceFirst("/[^/]*/aws4_request", ""))));
        out.add(header("scope without aws4_request", INCOMPLETE, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replace("/aws4_request", "/aws5_request"))));
        out.add(header("scope dated another day", INCOMPLETE, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replaceFirst("/\\d{8}/", "/20200101/"))));
        out.add(header("X-Amz-Date not a date", INCOMPLETE, (v, s, now) -> s.sign(v, now).withHeader("X-Amz-Date", "yesterday")));
        out.add(header("X-Amz-Date in month 13", INCOMPLETE, (v, s, now) -> s.sign(v, now)
                .withHeader("X-Amz-Date", "20261301T000000Z")));
        out.add(header("X-Amz-Date in the extended format", INCOMPLETE, (v, s, now) -> s.sign(v, now)
                .withHeader("X-Amz-Date", now.toString())));
        out.add(header("no X-Amz-Date", INCOMPLETE, (v, s, now) -> s.sign(v, now).without("X-Amz-Date")));
        out.add(header("a signed header absent", INCOMPLETE, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replace("SignedHeaders=", "SignedHeaders=x-absent;"))));
        out.add(header("Credential twice, an unknown key first", ANY, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replace("Credential=", "Credential=AKIDNOBODY/" + day(now) + "/us-east-1/" + service
                        + "/aws4_request, Credential="))));
        out.add(header("Signature twice, a wrong one first", ANY, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replace("Signature=", "Signature=" + "0".repeat(64) + ", Signature="))));
        out.add(header("7 KB signature", MISMATCH, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replaceFirst("Signature=.*", "Signature=" + "ab".repeat(3_500)))));
        out.add(header("signature not hex", MISMATCH, (v, s, now) -> authorization(s.sign(v, now),
                a -> a.replaceFirst("Signature=.*", "Signature=" + "zq".repeat(32)))));
        out.add(header("signed with another secret", MISMATCH, (v, s, now) -> s.withKey(s.accessKey(), "not-the-secret")
                .sign(v, now)));
        out.add(header("unknown access key", UNKNOWN_KEY, (v, s, now) -> s.withKey("AKIDNOBODYKNOWS", SlipwayServer.SECRET)
                .sign(v, now)));
        out.add(header("7 KB access key", UNKNOWN_KEY, (v, s, now) -> s.withKey("K".repeat(7_000), "x").sign(v, now)));
        out.add(header("access key of Latin-1 and separators", UNKNOWN_KEY, (v, s, now) -> s.withKey("AK\u00e9;I=D<x>&", "x")
                .sign(v, now)));
        out.add(header("session token with a long-term key", TOKEN, (v, s, now) -> s.sign(v.withHeader(
                "X-Amz-Security-Token", "FwoGZXIvYXdzEFUaDFuzzToken"), now)));
        if (!service.equals("s3")) {
            // S3 claims only requests signed for it (on one port, the scope says which service a request is for):
            // an S3-shaped request signed for another service is not S3's to refuse
            out.add(header("signed for " + OTHER_SERVICE, WRONG_SCOPE, (v, s, now) -> s.forService(OTHER_SERVICE).sign(v, now)));
        }
        out.add(header("signed 20 minutes ago", STALE, (v, s, now) -> s.sign(v, now.minus(Duration.ofMinutes(20)))));
        out.add(header("signed 20 minutes ahead", STALE, (v, s, now) -> s.sign(v, now.plus(Duration.ofMinutes(20)))));
        // S3 and STS allow 15 minutes either side, the others 5
        out.add(header("signed 8 minutes ago", service.equals("s3") || service.equals("sts") ? NONE : STALE,
                (v, s, now) -> s.sign(v, now.minus(Duration.ofMinutes(8)))));
        out.add(header("body changed after signing", PAYLOAD, (v, s, now) -> s.sign(v, now)
                .withBody(Mutations.utf8("{\"changed\":true}"))));
        out.add(header("also presigned", ANY, (v, s, now) -> s.sign(s.presign(v, now, "300"), now)));
        // the presigned form
        out.add(presigned("presigned (control)", NONE, (v, s, now) -> s.presign(v, now, "300")));
        out.add(presigned("no X-Amz-Expires", INCOMPLETE, (v, s, now) -> query(s.presign(v, now, "300"),
                t -> EXPIRES.matcher(t).replaceFirst(""))));
        for (String expires : List.of("-1", "soon", "604801", "99999999999999999999", "", "1e3", " 300")) {
            out.add(presigned("X-Amz-Expires=" + expires, INCOMPLETE, (v, s, now) -> s.presign(v, now, expires)));
        }
        out.add(presigned("X-Amz-Date in the extended format", INCOMPLETE, (v, s, now) -> query(s.presign(v, now, "300"),
                t -> t.replaceFirst("X-Amz-Date=[^&]*", "X-Amz-Date=" + WireSigner.encode(now.toString(), true)))));
        out.add(presigned("no X-Amz-Signature", INCOMPLETE, (v, s, now) -> query(s.presign(v, now, "300"),
                t -> t.replaceFirst("&X-Amz-Signature=[^&]*", ""))));
        out.add(presigned("X-Amz-Algorithm AWS4-ECDSA-P256-SHA256", INCOMPLETE, (v, s, now) -> query(s.presign(v, now, "300"),
                t -> t.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256"))));
        out.add(presigned("X-Amz-SignedHeaders empty", INCOMPLETE, (v, s, now) -> query(s.presign(v, now, "300"),
                t -> t.replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders="))));
        out.add(presigned("X-Amz-Credential twice", ANY, (v, s, now) -> query(s.presign(v, now, "300"),
                t -> t.replace("&X-Amz-Credential=", "&X-Amz-Credential=AKIDNOBODY%2F" + day(now) + "%2Fus-east-1%2F"
                        + service + "%2Faws4_request&X-Amz-Credential="))));
        out.add(presigned("X-Amz-Signature wrong", MISMATCH, (v, s, now) -> query(s.presign(v, now, "300"),
                t -> t.replaceFirst("X-Amz-Signature=[^&]*", "X-Amz-Signature=" + "0".repeat(64)))));
        out.add(presigned("unknown access key", UNKNOWN_KEY, (v, s, now) -> s.withKey("AKIDNOBODYKNOWS", "x")
                .presign(v, now, "300")));
        out.add(presigned("scoped to " + OTHER_SERVICE, WRONG_SCOPE, (v, s, now) -> s.forService(OTHER_SERVICE)
                .presign(v, now, "300")));
        out.add(presigned("expired an hour ago", PRESIGN_EXPIRED, (v, s, now) -> s.presign(v, now.minus(Duration.ofHours(2)),
                "3600")));
        out.add(presigned("dated 20 minutes ahead", STALE, (v, s, now) -> s.presign(v, now.plus(Duration.ofMinutes(20)), "300")));
        return out;
    }

    private static Breakage header(String label, Refusal refusal, Maker make) {
        return new Breakage(label, refusal, false, make);
    }

    private static Breakage presigned(String label, Refusal refusal, Maker make) {
        return new Breakage("presigned: " + label, refusal, true, make);
    }

    private static WireRequest authorization(WireRequest signed, Function<String, String> change) {
        return signed.withHeader("Authorization", change.apply(signed.headers().get("Authorization")));
    }

    private static WireRequest query(WireRequest presigned, Function<String, String> change) {
        return presigned.withTarget(change.apply(presigned.target()));
    }

    private static String day(Instant now) {
        return now.toString().substring(0, 10).replace("-", "");
    }
}
