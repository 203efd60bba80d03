package io.slipway.core.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestHeadParserTest {
    private static final HttpLimits LIMITS = new HttpLimits(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(5), 1024, 8);

    static HttpInput input(String bytes) {
        InputStream in = new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1));
        return new HttpInput(in, millis -> { }, 16); // a small buffer: heads and bodies span many fills
    }

    private static RequestHead parse(String head) throws IOException {
        return new RequestHeadParser(LIMITS).read(input(head));
    }

    private static MalformedRequestException refused(String head) {
        return catchThrowableOfType(MalformedRequestException.class, () -> parse(head));
    }

    @Test
    void aSecondHostHeaderIsRefused() {
        assertThat(refused("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").problem()).isEqualTo(HttpProblem.BAD_REQUEST);
    }

    @Test
    void aRequestHeadWithItsFraming() throws IOException {
        RequestHead head = parse("\r\nPUT /bucket/a%20b?uploads&x=1 HTTP/1.1\r\nHost: localhost\r\nX-Amz-Meta-A:  one \r\n"
                + "x-amz-meta-a: two\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabc");
        assertThat(head.method()).isEqualTo("PUT");
        assertThat(head.path()).isEqualTo("/bucket/a%20b");
        assertThat(head.rawQuery()).isEqualTo("uploads&x=1");
        // repeated lines join with commas, as RFC 9110 reads them and SigV4 signs them
        assertThat(head.headers()).containsEntry("x-amz-meta-a", "one,two").containsEntry("host", "localhost");
        assertThat(head.contentLength()).isEqualTo(3);
        assertThat(head.keepAlive()).isTrue();
        assertThat(head.expectContinue()).isTrue();
    }

    @Test
    void bareLineFeedsAbsoluteFormAndHttp10() throws IOException {
        RequestHead head = parse("GET http://localhost:4599/a/b?c HTTP/1.0\nConnection: keep-alive\n\n");
        assertThat(head.path()).isEqualTo("/a/b");
        assertThat(head.rawQuery()).isEqualTo("c");
        assertThat(head.http10()).isTrue();
        assertThat(head.keepAlive()).isTrue();
        assertThat(head.contentLength()).isZero();
        assertThat(parse("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        assertThat(parse("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").keepAlive()).isFalse();
    }

    @Test
    void lengthsThatAgreeAreOneLengthAndAllOthersAreRefused() throws IOException {
        RequestHead twice = parse("PUT / HTTP/1.1\r\nContent-Length: 7\r\nContent-Length: 7, 7\r\n\r\n");
        assertThat(twice.contentLength()).isEqualTo(7);
        assertThat(twice.headers()).containsEntry("content-length", "7");
        for (String lengths : new String[] {"Content-Length: x", "Content-Length: -1", "Content-Length: +1",
                "Content-Length: 1234567890123456789", "Content-Length: 1\r\nContent-Length: 2", "Content-Length:",
                "Content-Length: 1\r\nTransfer-Encoding: chunked"}) {
            MalformedRequestException e = refused("PUT /b/k HTTP/1.1\r\nHost: h\r\n" + lengths + "\r\n\r\n");
            assertThat(e.problem()).as(lengths).isEqualTo(HttpProblem.BAD_REQUEST);
            assertThat(e.head().headers()).as("routable").containsEntry("host", "h");
        }
        assertThat(parse("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n").chunked()).isTrue();
        assertThat(refused("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").problem())
                .isEqualTo(HttpProblem.TRANSFER_ENCODING_NOT_IMPLEMENTED);
        assertThat(refused("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n").problem())
                .isEqualTo(HttpProblem.BAD_REQUEST);
    }

    @Test
    void badEscapesAndNonUtf8TargetsAreBadUrisWithTheWholeHead() {
        for (String target : new String[] {"/a%zz", "/a%2", "/a?b=%", "/a?%g0=1", "/\u00e9"}) {
            MalformedRequestException e = refused("GET " + target + " HTTP/1.1\r\nX-Amz-Target: T.Op\r\n\r\n");
            assertThat(e.problem()).as(target).isEqualTo(HttpProblem.BAD_URI);
            assertThat(e.head().headers()).containsEntry("x-amz-target", "T.Op");
        }
    }

    @Test
    void rawUtf8InATargetIsKept() throws IOException {
        byte[] bytes = "GET /b/\u00e9t\u00e9 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        RequestHead head = new RequestHeadParser(LIMITS).read(new HttpInput(new ByteArrayInputStream(bytes), m -> { }, 64));
        assertThat(head.path()).isEqualTo("/b/\u00e9t\u00e9");
    }

    @Test
    void malformedLinesAreRefused() {
        for (String head : new String[] {"GET /\r\n\r\n", "GET / HTTP/1.1 x\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n",
                "GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1\r\n\r\n", "GET x HTTP/1.1\r\n\r\n", "GET /\u0001 HTTP/1.1\r\n\r\n"}) {
            MalformedRequestException e = refused(head);
            assertThat(e.problem()).as(head).isEqualTo(HttpProblem.BAD_REQUEST);
            assertThat(e.head()).as("no usable request line").isNull();
        }
        for (String line : new String[] {"NoColon", "Bad Name: x", ": x", " folded: x", "X: a\u0000b", "X: a\rb"}) {
            MalformedRequestException e = refused("GET /b HTTP/1.1\r\nHost: h\r\n" + line + "\r\n\r\n");
            assertThat(e.problem()).as(line).isEqualTo(HttpProblem.BAD_REQUEST);
            assertThat(e.head().path()).isEqualTo("/b");
            assertThat(e.head().headers()).containsEntry("host", "h");
        }
        assertThat(refused("GET / HTTP/2.0\r\n\r\n").problem()).isEqualTo(HttpProblem.VERSION_NOT_SUPPORTED);
        assertThat(refused("TRACE / HTTP/1.1\r\n\r\n").problem()).isEqualTo(HttpProblem.METHOD_NOT_ALLOWED);
    }

    @Test
    void headerCapsAreHeaderSectionTooLarge() {
        MalformedRequestException many = refused("GET /b HTTP/1.1\r\n" + "X-A: 1\r\n".repeat(9) + "\r\n");
        assertThat(many.problem()).isEqualTo(HttpProblem.HEADERS_TOO_LARGE);
        assertThat(many.head().headers()).containsKey("x-a");
        MalformedRequestException large = refused("GET /b HTTP/1.1\r\nHost: h\r\nX-Big: " + "x".repeat(2000) + "\r\n\r\n");
        assertThat(large.problem()).isEqualTo(HttpProblem.HEADERS_TOO_LARGE);
        assertThat(large.head().headers()).containsEntry("host", "h");
    }

    @Test
    void aConnectionThatEndsBeforeOrInsideAHeadHasNoRequest() throws IOException {
        assertThat(parse("")).isNull();
        assertThat(parse("GET / HTTP/1.1\r\nHost:")).isNull();
    }
}
