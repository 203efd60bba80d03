package io.slipway.core.identity;

import io.slipway.core.codec.AwsChunkedException;
import io.slipway.core.codec.AwsChunkedException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the chunk signatures of a {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]} body while
 * it passes through unchanged (the aws-chunked decoder reads the same bytes after it). Each chunk
 * is signed over the previous signature, starting from the request's own (the seed), so chunks can
 * be neither altered, dropped nor reordered; the trailer section is signed over the final chunk's.
 *
 * <p>A chunk is checked the moment its last data byte arrives, before the read that carries that
 * byte returns, so a reader never sees the end of a chunk that does not hold. A reader that stores
 * what it reads must therefore read to the end (-1) before it keeps anything: only then are the
 * final chunk and the trailers checked. The end of the raw body before the end of the framing is
 * {@link Reason#TRUNCATED}, so -1 from here means every signature held.
 *
 * <p>Data is hashed where it lies in the reader's buffer; nothing is copied but header lines.
 */
public final class SignedChunks extends InputStream {
    private static final int MAX_LINE = 4096;
    private static final byte[] EMPTY_SHA256_HEX =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String SIGNATURE_EXTENSION = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    /**
     * What the verified request header gives the chain: its signing key, {@code x-amz-date}, credential
     * scope ({@code date/region/service/aws4_request}), signature, and whether signed trailers follow
     * the final chunk ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}).
     */
    public record Seed(byte[] signingKey, String amzDate, String scope, String seedSignature, boolean trailer) {
        public Seed {
            Objects.requireNonNull(signingKey, "signingKey");
            Objects.requireNonNull(amzDate, "amzDate");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(seedSignature, "seedSignature");
        }
    }

    /** A chunk or trailer section whose signature is absent or not the one its bytes call for. */
    public static final class SignatureMismatch extends IOException {
        public SignatureMismatch(String message) {
            super(message);
        }
    }

    private enum State { SIZE_LINE, DATA, DATA_CR, DATA_LF, TRAILER_LINE, DONE }

    private final InputStream raw;
    private final boolean trailer;
    private final Mac mac;
    private final MessageDigest sha256;
    private final byte[] payloadPrefix;
    private final byte[] trailerPrefix;
    private final byte[] previous = new byte[64];
    private final byte[] claimed = new byte[32];
    private final byte[] hashHex = new byte[64];
    private final byte[] line = new byte[MAX_LINE];
    private final byte[] one = new byte[1];
    private int lineLength;
    private State state = State.SIZE_LINE;
    private long remaining;
    private int chunks;
    private Map<String, String> trailers;
    private String trailerSignature;

    public SignedChunks(InputStream raw, Seed seed) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.trailer = seed.trailer();
        String context = seed.amzDate() + '\n' + seed.scope() + '\n';
        this.payloadPrefix = ("AWS4-HMAC-SHA256-PAYLOAD\n" + context).getBytes(StandardCharsets.UTF_8);
        this.trailerPrefix = ("AWS4-HMAC-SHA256-TRAILER\n" + context).getBytes(StandardCharsets.UTF_8);
        byte[] signature = seed.seedSignature().getBytes(StandardCharsets.US_ASCII);
        if (signature.length != previous.length || !decodeHex(signature, 0, signature.length, claimed)) {
            throw new IllegalArgumentException("a seed signature is 64 hex digits");
        }
        hex(claimed, previous);
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed.signingKey(), "HmacSHA256"));
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256 and SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n = raw.read(b, off, len);
        if (n < 0) {
            end();
            return -1;
        }
        for (int i = off, end = off + n; i < end; ) {
            i = scan(b, i, end);
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return raw.available();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    /** Consumes framing or data from {@code b[i..end)}; answers where it stopped. */
    private int scan(byte[] b, int i, int end) throws IOException {
        switch (state) {
            case DATA -> {
                int k = (int) Math.min(remaining, end - i);
                sha256.update(b, i, k);
                remaining -= k;
                if (remaining == 0) {
                    verifyChunk(hex(sha256.digest(), hashHex));
                    state = State.DATA_CR;
                }
                return i + k;
            }
            case DATA_CR, DATA_LF -> {
                byte expected = state == State.DATA_CR ? (byte) '\r' : (byte) '\n';
                if (b[i] != expected) {
                    throw malformed("chunk data is not followed by CRLF (chunk shorter or longer than its size)");
                }
                state = state == State.DATA_CR ? State.DATA_LF : State.SIZE_LINE;
                return i + 1;
            }
            case SIZE_LINE, TRAILER_LINE -> {
                int j = i;
                while (j < end && b[j] != '\n') {
                    j++;
                }
                append(b, i, j);
                if (j < end) {
                    int length = lineLength;
                    lineLength = 0;
                    if (state == State.SIZE_LINE) {
                        sizeLine(length);
                    } else {
                        trailerLine(length);
                    }
                    return j + 1;
                }
                return j;
            }
            case DONE -> throw malformed("bytes after the end of the aws-chunked body");
        }
        throw new IllegalStateException(state.name());
    }

    /** {@code hex-size;chunk-signature=sig CR}: the CR is still in the line. */
    private void sizeLine(int length) throws IOException {
        if (length == 0 || line[length - 1] != '\r') {
            throw malformed("chunk size line not ended by CRLF");
        }
        String text = new String(line, 0, length - 1, StandardCharsets.ISO_8859_1);
        int semi = text.indexOf(';');
        long size = parseSize(semi < 0 ? text : text.substring(0, semi));
        int at = semi < 0 ? -1 : text.indexOf(SIGNATURE_EXTENSION, semi);
        int start = at + SIGNATURE_EXTENSION.length();
        int stop = at < 0 ? -1 : text.indexOf(';', start);
        stop = stop < 0 ? text.length() : stop;
        chunks++;
        if (at < 0 || stop - start != 64 || !decodeHex(line, start, stop, claimed)) {
            throw new SignatureMismatch("chunk " + chunks + " carries no valid chunk-signature");
        }
        if (size > 0) {
            remaining = size;
            sha256.reset();
            state = State.DATA;
            return;
        }
        verifyChunk(EMPTY_SHA256_HEX);
        trailers = new TreeMap<>();
        state = State.TRAILER_LINE;
    }

    /** {@code name:value}, or the empty line that ends the body; a bare LF ends a line too, as AWS's examples show. */
    private void trailerLine(int length) throws IOException {
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length == 0) {
            verifyTrailers();
            state = State.DONE;
            return;
        }
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon <= 0 || trailers.size() >= 64) {
            throw malformed("invalid trailer line");
        }
        if (!trailer) {
            throw new SignatureMismatch("a trailer in a body whose x-amz-content-sha256 signs none");
        }
        String name = text.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
        String value = text.substring(colon + 1).trim();
        if (name.equals(TRAILER_SIGNATURE)) {
            trailerSignature = value;
        } else if (trailers.putIfAbsent(name, value) != null) {
            throw malformed("trailer " + name + " sent twice");
        }
    }

    /** The raw body ended: fine only after the empty line, or after a trailer line (some writers omit that line). */
    private void end() throws IOException {
        if (state == State.DONE) {
            return;
        }
        if (state == State.TRAILER_LINE && lineLength == 0 && (!trailers.isEmpty() || trailerSignature != null)) {
            verifyTrailers();
            state = State.DONE;
            return;
        }
        throw new AwsChunkedException(Reason.TRUNCATED, "the aws-chunked body ended before its final chunk and trailers");
    }

    private void verifyChunk(byte[] dataHashHex) throws SignatureMismatch {
        mac.update(payloadPrefix);
        mac.update(previous);
        mac.update((byte) '\n');
        mac.update(EMPTY_SHA256_HEX);
        mac.update((byte) '\n');
        mac.update(dataHashHex);
        check(mac.doFinal(), "chunk " + chunks);
    }

    /** Canonical trailers: {@code name:value\n} for each but the signature, by name, as the SDKs sign them. */
    private void verifyTrailers() throws SignatureMismatch {
        if (!trailer) {
            return;
        }
        if (trailerSignature == null || trailerSignature.length() != 64) {
            throw new SignatureMismatch("the trailers carry no valid x-amz-trailer-signature");
        }
        byte[] sig = trailerSignature.getBytes(StandardCharsets.US_ASCII);
        if (!decodeHex(sig, 0, sig.length, claimed)) {
            throw new SignatureMismatch("the trailers carry no valid x-amz-trailer-signature");
        }
        sha256.reset();
        trailers.forEach((name, value) -> sha256.update((name + ':' + value + '\n').getBytes(StandardCharsets.UTF_8)));
        mac.update(trailerPrefix);
        mac.update(previous);
        mac.update((byte) '\n');
        mac.update(hex(sha256.digest(), hashHex));
        check(mac.doFinal(), "the trailers");
    }

    private void check(byte[] expected, String what) throws SignatureMismatch {
        if (!MessageDigest.isEqual(expected, claimed)) {
            throw new SignatureMismatch("the signature of " + what + " does not match");
        }
        hex(expected, previous);
    }

    private void append(byte[] b, int from, int to) throws AwsChunkedException {
        int n = to - from;
        if (lineLength + n > MAX_LINE) {
            throw malformed("line longer than " + MAX_LINE + " bytes in aws-chunked framing");
        }
        System.arraycopy(b, from, line, lineLength, n);
        lineLength += n;
    }

    private static long parseSize(String hex) throws AwsChunkedException {
        String digits = hex.trim();
        if (digits.isEmpty() || digits.length() > 15) {
            throw malformed("invalid chunk size");
        }
        long size = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = Character.digit(digits.charAt(i), 16);
            if (digit < 0) {
                throw malformed("invalid chunk size");
            }
            size = size << 4 | digit;
        }
        return size;
    }

    private static boolean decodeHex(byte[] text, int from, int to, byte[] out) {
        if (to - from != out.length * 2) {
            return false;
        }
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(text[from + 2 * i], 16);
            int lo = Character.digit(text[from + 2 * i + 1], 16);
            if (hi < 0 || lo < 0) {
                return false;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return true;
    }

    private static byte[] hex(byte[] bytes, byte[] out) {
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return out;
    }

    private static AwsChunkedException malformed(String message) {
        return new AwsChunkedException(Reason.MALFORMED, message);
    }
}
