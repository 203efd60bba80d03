package io.slipway.core.codec;

import io.slipway.core.codec.AwsChunkedException.Reason;
import io.slipway.core.codec.Checksums.Algorithm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AwsChunkedTest {
    private static final String SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private static final String UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /** AWS's SigV4 streaming example: 66560 bytes of 'a' in a 64 KiB and a 1 KiB chunk. */
    @Test
    void signedPayloadAsInTheSigV4StreamingExample() throws IOException {
        byte[] payload = new byte[66560];
        Arrays.fill(payload, (byte) 'a');
        byte[] body = concat(
                ascii("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n"),
                Arrays.copyOf(payload, 65536), ascii("\r\n"),
                ascii("400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n"),
                Arrays.copyOf(payload, 1024), ascii("\r\n"),
                ascii("0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n"));
        assertThat(body).hasSize(66824); // the example's Content-Length

        AwsChunked chunked = AwsChunked.decode(new ByteArrayInputStream(body), headers(SIGNED, "66560"));
        assertThat(chunked.readAllBytes()).isEqualTo(payload);
        assertThat(chunked.finished()).isTrue();
        assertThat(chunked.decodedBytes()).isEqualTo(66560);
        assertThat(chunked.trailers()).isEmpty();
        assertThat(chunked.lastChunkSignature())
                .isEqualTo("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
    }

    @Test
    void unsignedPayloadWithChecksumTrailerAsTheSdksSendIt() throws IOException {
        byte[] payload = random(200_000);
        String crc = Checksums.base64(Algorithm.CRC32, payload);
        byte[] body = frame(payload, 65536, false, List.of("x-amz-checksum-crc32:" + crc));

        Map<String, String> headers = headers(UNSIGNED_TRAILER, "200000");
        assertThat(AwsChunked.isAwsChunked(headers)).isTrue();
        Checksums sums = Checksums.of(Algorithm.CRC32);
        AwsChunked chunked = AwsChunked.decode(new Trickle(new ByteArrayInputStream(body), 7), headers);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = sums.tee(chunked)) {
            in.transferTo(out);
        }
        assertThat(out.toByteArray()).isEqualTo(payload);
        assertThat(chunked.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32", crc));
        assertThat(sums.base64(Algorithm.CRC32)).isEqualTo(chunked.trailers().get("x-amz-checksum-crc32"));
    }

    @Test
    void trailersReadOnPastAPayloadReadToItsKnownLength() throws IOException {
        byte[] payload = random(5000);
        String crc = Checksums.base64(Algorithm.CRC32, payload);
        byte[] body = frame(payload, 4096, false, List.of("x-amz-checksum-crc32:" + crc));
        AwsChunked chunked = AwsChunked.decode(new ByteArrayInputStream(body), headers(UNSIGNED_TRAILER, "5000"));
        assertThat(chunked.readNBytes(5000)).isEqualTo(payload);
        assertThat(chunked.finished()).isFalse();
        assertThat(chunked.trailers()).containsEntry("x-amz-checksum-crc32", crc);

        AwsChunked unread = AwsChunked.decode(new ByteArrayInputStream(body), headers(UNSIGNED_TRAILER, "5000"));
        unread.readNBytes(100);
        assertThatThrownBy(unread::trailers).isInstanceOf(java.io.UncheckedIOException.class)
                .hasCauseInstanceOf(AwsChunkedException.class);
    }

    @Test
    void signedPayloadWithTrailerAndTrailerSignature() throws IOException {
        byte[] payload = random(70_000);
        String crc32c = Checksums.base64(Algorithm.CRC32C, payload);
        byte[] body = frame(payload, 8192, true, List.of("x-amz-checksum-crc32c:" + crc32c,
                "x-amz-trailer-signature:" + "ab".repeat(32)));

        AwsChunked chunked = AwsChunked.decode(new ByteArrayInputStream(body), headers(SIGNED_TRAILER, "70000"));
        byte[] read = new byte[payload.length];
        int off = 0;
        for (int n; (n = chunked.read(read, off, Math.min(1000, read.length - off))) > 0; ) {
            off += n;
        }
        assertThat(off).isEqualTo(payload.length);
        assertThat(chunked.read()).isEqualTo(-1);
        assertThat(read).isEqualTo(payload);
        assertThat(chunked.trailers()).containsEntry("x-amz-checksum-crc32c", crc32c)
                .containsEntry("x-amz-trailer-signature", "ab".repeat(32));
    }

    @Test
    void trailerLinesMayEndInBareLfAndTheSectionAtTheLastLine() throws IOException {
        byte[] body = ascii("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\nX-Amz-Checksum-SHA1 : e=\r\n");
        AwsChunked chunked = AwsChunked.decode(new ByteArrayInputStream(body), headers(UNSIGNED_TRAILER, null));
        assertThat(chunked.readAllBytes()).isEqualTo(ascii("abc"));
        assertThat(chunked.trailers()).containsEntry("x-amz-checksum-crc32", "NSRBwg==")
                .containsEntry("x-amz-checksum-sha1", "e=");
    }

    @Test
    void decodedLengthMustMatch() {
        byte[] body = frame(random(1000), 300, true, List.of());
        assertThat(reason(body, headers(SIGNED, "1001"))).isEqualTo(Reason.DECODED_LENGTH_MISMATCH);
        assertThat(reason(body, headers(SIGNED, "999"))).isEqualTo(Reason.DECODED_LENGTH_MISMATCH);
        assertThat(catchThrowableOfType(AwsChunkedException.class,
                () -> AwsChunked.decode(InputStream.nullInputStream(), headers(SIGNED, "x1")).readAllBytes())
                .reason()).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void malformedFramingIsAClearError() {
        String sig = ";chunk-signature=" + "0".repeat(64);
        Map<String, Reason> cases = new HashMap<>();
        cases.put("zz" + sig + "\r\nabc\r\n0" + sig + "\r\n\r\n", Reason.MALFORMED);            // size not hex
        cases.put("3" + sig + "\r\nabcd\r\n0" + sig + "\r\n\r\n", Reason.MALFORMED);            // chunk longer than its size
        cases.put("3\r\nabc\r\n0\r\n\r\n", Reason.MALFORMED);                                  // unsigned chunks, signed payload
        cases.put("3;chunk-signature=xyz\r\nabc\r\n0" + sig + "\r\n\r\n", Reason.MALFORMED);   // signature not hex
        cases.put("3" + sig + "\nabc\r\n0" + sig + "\r\n\r\n", Reason.MALFORMED);              // size line without CR
        cases.put("3" + sig + "\r\nabc\r\n0" + sig + "\r\nno-colon\r\n\r\n", Reason.MALFORMED); // trailer without ':'
        cases.put("3" + sig + "\r\nabc\r\n0" + sig + "\r\n\r\nextra", Reason.MALFORMED);       // bytes after the end
        cases.put("a" + sig + "\r\nabc", Reason.TRUNCATED);                                    // ends inside a chunk
        cases.put("3" + sig + "\r\nabc\r\n", Reason.TRUNCATED);                                // no final chunk
        cases.put("3" + sig + "\r\nabc\r\n0" + sig + "\r\n", Reason.TRUNCATED);                // no end of trailers
        cases.put("", Reason.TRUNCATED);
        cases.forEach((body, reason) -> assertThat(reason(ascii(body), headers(SIGNED, null)))
                .as(body).isEqualTo(reason));
        assertThat(reason(ascii("1" + "0".repeat(3000) + "\r\n"), headers(UNSIGNED_TRAILER, null)))
                .isEqualTo(Reason.MALFORMED);
        assertThatThrownBy(() -> AwsChunked.decode(InputStream.nullInputStream(),
                headers("STREAMING-SOMETHING-NEW", null))).isInstanceOf(AwsChunkedException.class);
    }

    @Test
    void recognisesAwsChunkedRequests() {
        assertThat(AwsChunked.isAwsChunked(Map.of("content-encoding", "gzip, aws-chunked"))).isTrue();
        assertThat(AwsChunked.isAwsChunked(Map.of("x-amz-content-sha256", SIGNED))).isTrue();
        assertThat(AwsChunked.isAwsChunked(Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD"))).isFalse();
        assertThat(AwsChunked.isAwsChunked(Map.of())).isFalse();
    }

    private static Reason reason(byte[] body, Map<String, String> headers) {
        AwsChunkedException e = catchThrowableOfType(AwsChunkedException.class,
                () -> AwsChunked.decode(new ByteArrayInputStream(body), headers).readAllBytes());
        return e == null ? null : e.reason();
    }

    /** Frames a payload the way the SDKs do, with fake (well-formed) signatures when signed. */
    private static byte[] frame(byte[] payload, int chunkSize, boolean signed, List<String> trailers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String sig = signed ? ";chunk-signature=" + "5f".repeat(32) : "";
        for (int off = 0; off < payload.length; off += chunkSize) {
            int n = Math.min(chunkSize, payload.length - off);
            out.writeBytes(ascii(Integer.toHexString(n) + sig + "\r\n"));
            out.write(payload, off, n);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0" + sig + "\r\n"));
        trailers.forEach(t -> out.writeBytes(ascii(t + "\r\n")));
        out.writeBytes(ascii("\r\n"));
        return out.toByteArray();
    }

    private static Map<String, String> headers(String contentSha256, String decodedLength) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-encoding", "aws-chunked");
        headers.put("x-amz-content-sha256", contentSha256);
        if (decodedLength != null) {
            headers.put("x-amz-decoded-content-length", decodedLength);
        }
        return headers;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Hands out at most a few bytes per read, as a slow network does. */
    private static final class Trickle extends FilterInputStream {
        private final int max;

        Trickle(InputStream in, int max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, max));
        }
    }
}
