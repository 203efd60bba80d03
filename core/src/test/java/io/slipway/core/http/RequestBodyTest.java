package io.slipway.core.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import static io.slipway.core.http.RequestHeadParserTest.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestBodyTest {
    @Test
    void chunkedBodiesDecodeWithExtensionsAndTrailers() throws IOException {
        HttpInput in = input("4;name=\"a;b\"\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\nNEXT");
        RequestBody body = new ChunkedBody(in, 1000, null, 1024);
        assertThat(new String(body.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Wikipedia in\r\n\r\nchunks.");
        assertThat(in.read(1000)).as("the next request starts right after the trailers").isEqualTo('N');
    }

    @Test
    void brokenChunkFramingFailsTheBody() {
        for (String framing : new String[] {"zz\r\n", "3\r\nabcdef\r\n0\r\n\r\n", "3;x=\"open\r\nabc\r\n0\r\n\r\n",
                "ffffffffffffffff\r\n", "3x\r\nabc\r\n", "3\r\nab"}) {
            RequestBody body = new ChunkedBody(input(framing), 1000, null, 1024);
            assertThatThrownBy(body::readAllBytes).as(framing).isInstanceOf(MalformedRequestException.class);
            assertThat(body.failure()).as("remembered for the answer").isNotNull();
        }
        assertThat(catchThrowableOfType(MalformedRequestException.class,
                () -> new ChunkedBody(input("3\r\nab"), 1000, null, 1024).readAllBytes()).problem())
                .isEqualTo(HttpProblem.INCOMPLETE_BODY);
    }

    @Test
    void aFixedLengthBodyStopsAtItsLengthAndRefusesToEndEarly() throws IOException {
        HttpInput in = input("abcdefNEXT");
        assertThat(new String(new FixedLengthBody(in, 1000, null, 6).readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("abcdef");
        assertThat(in.read(1000)).isEqualTo('N');
        RequestBody short_ = new FixedLengthBody(input("abc"), 1000, null, 6);
        assertThat(catchThrowableOfType(MalformedRequestException.class, short_::readAllBytes).problem())
                .isEqualTo(HttpProblem.INCOMPLETE_BODY);
    }

    @Test
    void aBodyReadWholeCostsWhatArrivesNotWhatTheHeadAnnounced() throws IOException {
        // 100 bytes arrive of the 16 MiB announced, then the connection ends
        InputStream hundredBytes = new java.io.ByteArrayInputStream(new byte[100]);
        RequestBody body = new FixedLengthBody(new HttpInput(hundredBytes, m -> { }, 8192), 1000, null, 16 << 20);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> body.readWhole(16 << 20)).isInstanceOf(MalformedRequestException.class);
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
    }

    @Test
    void aBodyReadWholeIsExactOrNullOverTheLimit() throws IOException {
        assertThat(new FixedLengthBody(input("abc"), 1000, null, 3).readWhole(10)).containsExactly('a', 'b', 'c');
        assertThat(new FixedLengthBody(input("abc"), 1000, null, 3).readWhole(2)).isNull();
        assertThat(new ChunkedBody(input("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"), 1000, null, 100).readWhole(5))
                .containsExactly('a', 'b', 'c', 'd', 'e');
        assertThat(new ChunkedBody(input("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"), 1000, null, 100).readWhole(4)).isNull();
    }
}
