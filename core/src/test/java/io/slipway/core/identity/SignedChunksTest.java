package io.slipway.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.codec.AwsChunked;
import io.slipway.core.codec.AwsChunkedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The chunked-upload examples of S3's "sigv4-streaming" and "sigv4-streaming-trailers" pages (65,536
 * and 1,024 bytes of 'a', a final empty chunk; the second with a CRC32C trailer), signed with AWS's
 * example key: their published signatures must hold, and one changed byte anywhere must not.
 */
class SignedChunksTest {
    private static final byte[] KEY = new SigningKeys(1).key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "20130524", "us-east-1", "s3");
    private static final String DATE = "20130524T000000Z";
    private static final String SCOPE = "20130524/us-east-1/s3/aws4_request";

    private static final SignedChunks.Seed PLAIN = new SignedChunks.Seed(KEY, DATE, SCOPE,
            "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", false);
    private static final byte[] PLAIN_BODY = body(
            "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
            "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9", "");

    private static final SignedChunks.Seed TRAILING = new SignedChunks.Seed(KEY, DATE, SCOPE,
            "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e", true);
    private static final byte[] TRAILING_BODY = body(
            "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
            "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
            "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992",
            "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                    + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n");

    private static byte[] body(String first, String second, String last, String trailers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("10000;chunk-signature=" + first + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(filled(65_536));
        out.writeBytes(("\r\n400;chunk-signature=" + second + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(filled(1024));
        out.writeBytes(("\r\n0;chunk-signature=" + last + "\r\n" + trailers + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] filled(int n) {
        byte[] a = new byte[n];
        Arrays.fill(a, (byte) 'a');
        return a;
    }

    /** Reads through the verifier in pieces of {@code step} bytes, so framing splits across reads. */
    private static byte[] readAll(byte[] body, SignedChunks.Seed seed, int step) throws IOException {
        InputStream in = new SignedChunks(new ByteArrayInputStream(body), seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[step];
        for (int n; (n = in.read(buf, 0, step)) >= 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void documentedExamplePassesThroughUnchangedWhateverTheReadSize() throws IOException {
        assertThat(PLAIN_BODY).hasSize(66_824); // the Content-Length the page gives
        for (int step : new int[] {1, 7, 8192, 100_000}) {
            assertThat(readAll(PLAIN_BODY, PLAIN, step)).isEqualTo(PLAIN_BODY);
        }
    }

    @Test
    void documentedTrailerExampleHoldsAndDecodes() throws IOException {
        assertThat(readAll(TRAILING_BODY, TRAILING, 4096)).isEqualTo(TRAILING_BODY);
        AwsChunked decoded = new AwsChunked(new SignedChunks(new ByteArrayInputStream(TRAILING_BODY), TRAILING),
                Optional.of(AwsChunked.Payload.SIGNED_WITH_TRAILER), OptionalLong.of(66_560));
        assertThat(decoded.readAllBytes()).isEqualTo(filled(66_560));
        assertThat(decoded.trailers()).isEqualTo(Map.of("x-amz-checksum-crc32c", "sOO8/Q==",
                "x-amz-trailer-signature", "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435"));
    }

    @Test
    void oneChangedDataByteIsRefusedBeforeTheChunkEnds() {
        byte[] tampered = PLAIN_BODY.clone();
        int second = indexOf(tampered, "400;") + 88; // a data byte of the second chunk
        tampered[second] = 'b';
        assertThatThrownBy(() -> readAll(tampered, PLAIN, 8192)).isInstanceOf(SignedChunks.SignatureMismatch.class)
                .hasMessageContaining("chunk 2");
        byte[] first = PLAIN_BODY.clone();
        first[100] = 'b';
        assertThatThrownBy(() -> readAll(first, PLAIN, 8192)).isInstanceOf(SignedChunks.SignatureMismatch.class)
                .hasMessageContaining("chunk 1");
    }

    @Test
    void oneChangedSignatureDigitIsRefused() {
        for (String marker : new String[] {"10000;", "400;", "\r\n0;"}) {
            byte[] tampered = PLAIN_BODY.clone();
            int digit = indexOf(tampered, marker) + marker.length() + "chunk-signature=".length() + 10;
            tampered[digit] = (byte) (tampered[digit] == '0' ? '1' : '0');
            assertThatThrownBy(() -> readAll(tampered, PLAIN, 8192)).as(marker)
                    .isInstanceOf(SignedChunks.SignatureMismatch.class);
        }
    }

    @Test
    void oneChangedTrailerByteIsRefused() {
        byte[] value = TRAILING_BODY.clone();
        value[indexOf(value, "sOO8")] = 't';
        assertThatThrownBy(() -> readAll(value, TRAILING, 8192)).isInstanceOf(SignedChunks.SignatureMismatch.class)
                .hasMessageContaining("trailers");
        byte[] signature = TRAILING_BODY.clone();
        signature[indexOf(signature, "d81f82fc")] = 'e';
        assertThatThrownBy(() -> readAll(signature, TRAILING, 8192)).isInstanceOf(SignedChunks.SignatureMismatch.class);
    }

    @Test
    void missingSignaturesAreRefused() {
        String unsignedTrailer = new String(TRAILING_BODY, StandardCharsets.ISO_8859_1)
                .replaceAll("x-amz-trailer-signature:[0-9a-f]+\r\n", "");
        assertThatThrownBy(() -> readAll(unsignedTrailer.getBytes(StandardCharsets.ISO_8859_1), TRAILING, 8192))
                .isInstanceOf(SignedChunks.SignatureMismatch.class);
        String unsignedChunk = new String(PLAIN_BODY, StandardCharsets.ISO_8859_1)
                .replaceFirst("400;chunk-signature=[0-9a-f]+", "400");
        assertThatThrownBy(() -> readAll(unsignedChunk.getBytes(StandardCharsets.ISO_8859_1), PLAIN, 8192))
                .isInstanceOf(SignedChunks.SignatureMismatch.class).hasMessageContaining("chunk 2");
        // a trailer slipped into a body whose seed signs none
        String smuggled = new String(PLAIN_BODY, StandardCharsets.ISO_8859_1)
                .replace("df9\r\n\r\n", "df9\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
        assertThatThrownBy(() -> readAll(smuggled.getBytes(StandardCharsets.ISO_8859_1), PLAIN, 8192))
                .isInstanceOf(SignedChunks.SignatureMismatch.class);
    }

    @Test
    void aBodyCutShortIsTruncatedNotAccepted() {
        byte[] withoutFinalChunk = Arrays.copyOf(PLAIN_BODY, indexOf(PLAIN_BODY, "\r\n0;") + 2);
        assertThatThrownBy(() -> readAll(withoutFinalChunk, PLAIN, 8192)).isInstanceOf(AwsChunkedException.class)
                .extracting(e -> ((AwsChunkedException) e).reason()).isEqualTo(AwsChunkedException.Reason.TRUNCATED);
    }

    @Test
    void theWrongSeedFailsTheFirstChunk() {
        SignedChunks.Seed other = new SignedChunks.Seed(KEY, DATE, SCOPE, "0".repeat(64), false);
        assertThatThrownBy(() -> readAll(PLAIN_BODY, other, 8192)).isInstanceOf(SignedChunks.SignatureMismatch.class)
                .hasMessageContaining("chunk 1");
    }

    private static int indexOf(byte[] body, String marker) {
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf(marker);
        assertThat(at).as(marker).isNotNegative();
        return at;
    }
}
