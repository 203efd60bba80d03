package io.slipway.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests broken at the HTTP level, written byte by byte: each gets the AWS error of the protocol
 * it was meant for (a generic one when its head cannot tell), never a Java class name or an HTML
 * page, and a connection whose framing broke is closed after the answer.
 */
class HttpEdgesIT {
    @RegisterExtension
    static final SlipwayServer slipway = new SlipwayServer();

    private static RawHttp.Reply send(String request) {
        return RawHttp.raw(slipway.endpoint(), request);
    }

    /** An S3 error document with the code, and the connection closed after it. */
    private static void assertS3Error(RawHttp.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("content-type")).isEqualTo("application/xml");
        assertThat(reply.body()).contains("<Error><Code>" + code + "</Code>").contains("<RequestId>");
        assertNoJava(reply);
    }

    private static void assertJsonError(RawHttp.Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("content-type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(reply.body()).startsWith("{\"__type\":\"" + type + "\"");
        assertThat(reply.header("x-amzn-requestid")).matches("[0-9a-f-]{36}");
        assertNoJava(reply);
    }

    private static void assertNoJava(RawHttp.Reply reply) {
        assertThat(reply.body()).doesNotContainIgnoringCase("<html").doesNotContain("Exception thrown")
                .doesNotContain("java.").doesNotContain("at io.slipway");
    }

    @Test
    void badPercentEscapesInAnS3PathOrQueryAreInvalidUri() {
        for (String target : new String[] {"/bucket/%ZZ", "/bucket/a%2", "/bucket?prefix=%G1", "/bucket/key?x=%"}) {
            RawHttp.Reply reply = send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertS3Error(reply, 400, "InvalidURI");
            assertThat(reply.body()).as(target).contains("<Message>Couldn't parse the specified URI.</Message>");
        }
    }

    @Test
    void badContentLengthsAreRefusedAndTheConnectionClosed() {
        for (String lengths : new String[] {"Content-Length: abc\r\n", "Content-Length: -1\r\n",
                "Content-Length: 99999999999999999999999\r\n", "Content-Length: 3\r\nContent-Length: 4\r\n",
                "Content-Length: 3, 4\r\n", "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n"}) {
            RawHttp.Reply reply = send("PUT /bucket/key HTTP/1.1\r\nHost: localhost\r\n" + lengths + "\r\nabc");
            assertS3Error(reply, 400, "BadRequest");
            assertThat(reply.closed()).as(lengths).isTrue();
        }
    }

    @Test
    void theSameContentLengthTwiceIsOneLength() {
        s3Bucket("twice");
        RawHttp.Reply reply = send("PUT /twice/key HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n"
                + "Content-Length: 3\r\nConnection: close\r\n\r\nabc");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void anUnsupportedTransferEncodingIsNotImplemented() {
        RawHttp.Reply reply = send("PUT /bucket/key HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n");
        assertS3Error(reply, 501, "NotImplemented");
        assertThat(reply.body()).contains("<Header>Transfer-Encoding</Header>");
        assertThat(reply.closed()).isTrue();
    }

    @Test
    void brokenChunkFramingIsABadRequestAndClosesTheConnection() {
        for (String body : new String[] {"zz\r\nabc\r\n0\r\n\r\n", "3\r\nabcdef\r\n0\r\n\r\n",
                "3;ext=\"unterminated\r\nabc\r\n0\r\n\r\n", "ffffffffffffffffff\r\n"}) {
            RawHttp.Reply reply = send("POST /bucket?delete HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + body);
            assertS3Error(reply, 400, "BadRequest");
            assertThat(reply.closed()).as(body).isTrue();
        }
    }

    @Test
    void malformedHeaderLinesAreBadRequests() {
        for (String header : new String[] {"NoColonHere\r\n", "Bad Name: x\r\n", "X-Ctl: a\u0001b\r\n", ": empty\r\n",
                " folded: continuation\r\n"}) {
            RawHttp.Reply reply = send("GET /bucket/key HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\n");
            assertThat(reply.status()).as(header).isEqualTo(400);
            assertThat(reply.body()).contains("BadRequest");
            assertNoJava(reply);
            assertThat(reply.closed()).as(header).isTrue();
        }
    }

    @Test
    void badRequestLinesAndVersionsGetAGenericAwsError() {
        for (String line : new String[] {"GARBAGE", "GET /", "GET / HTTP/1.1 extra", "G(T / HTTP/1.1", "GET  / HTTP/1.1",
                "GET / HTTP/x", "GET bucket HTTP/1.1"}) {
            RawHttp.Reply reply = send(line + "\r\nHost: localhost\r\n\r\n");
            assertJsonError(reply, 400, "ValidationException");
            assertThat(reply.closed()).as(line).isTrue();
        }
        // a version Slipway does not speak is the client's fault (nothing but operations not built yet is a
        // 5xx), answered in the envelope its headers point to
        RawHttp.Reply http2 = send("POST / HTTP/2.0\r\nHost: localhost\r\nX-Amz-Target: CodeDeploy_20141006.ListApplications\r\n"
                + "Content-Length: 2\r\n\r\n{}");
        assertJsonError(http2, 400, "ValidationException");
        assertThat(http2.closed()).isTrue();
        assertS3Error(send("GET /bucket/key HTTP/2.0\r\nHost: localhost\r\n\r\n"), 400, "BadRequest");
    }

    @Test
    void anUnsupportedMethodIsRefused() {
        RawHttp.Reply reply = send("TRACE /bucket/key HTTP/1.1\r\nHost: localhost\r\n" + signedFor("s3") + "\r\n");
        assertS3Error(reply, 405, "MethodNotAllowed");
        assertJsonError(send("CONNECT / HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "ValidationException");
    }

    @Test
    void malformedRequestsMeantForJsonAndQueryServicesGetTheirEnvelopes() {
        RawHttp.Reply json = send("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: CodeDeploy_20141006.ListApplications\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: nope\r\n\r\n{}");
        assertJsonError(json, 400, "ValidationException");
        assertThat(json.closed()).isTrue();

        RawHttp.Reply query = send("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.header("content-type")).isEqualTo("text/xml");
        assertThat(query.body()).startsWith("<ErrorResponse").contains("<Code>ValidationError</Code>");
        assertNoJava(query);

        RawHttp.Reply queryEscape = send("GET /?Action=ListHookResults&Version=2010-05-15&TypeArn=%ZZ HTTP/1.1\r\n"
                + "Host: localhost\r\n\r\n");
        assertThat(queryEscape.status()).isEqualTo(400);
        assertThat(queryEscape.body()).startsWith("<ErrorResponse").contains("<Code>MalformedQueryString</Code>");
    }

    @Test
    void badEscapesInALambdaPathAreLambdasValidationError() {
        for (String path : new String[] {"/2015-03-31/functions/%ZZ/invocations", "/2015-03-31/functions/%E0%A4/invocations"}) {
            RawHttp.Reply reply = send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n"
                    + signedFor("lambda") + "Connection: close\r\n\r\n{}");
            assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(400);
            assertThat(reply.header("content-type")).isEqualTo("application/json");
            assertThat(reply.header("x-amzn-errortype")).isEqualTo("ValidationException");
            assertNoJava(reply);
        }
    }

    @Test
    void anS3KeyThatIsNotUtf8IsInvalidUri() {
        s3Bucket("utf8");
        RawHttp.Reply reply = send("PUT /utf8/%E0%A4 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\n"
                + "Connection: close\r\n\r\nx");
        assertS3Error(reply, 400, "InvalidURI");
        RawHttp.Reply get = send("GET /utf8?prefix=%FF HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertS3Error(get, 400, "InvalidURI");
    }

    private static String signedFor(String service) {
        return "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/" + service + "/aws4_request, "
                + "SignedHeaders=host, Signature=0\r\n";
    }

    private static void s3Bucket(String name) {
        slipway.s3().createBucket(b -> b.bucket(name));
    }
}
