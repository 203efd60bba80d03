package io.slipway.core.codec;

import io.slipway.core.codec.AwsChunkedException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the payload out of a {@code Content-Encoding: aws-chunked} body, as the AWS SDKs and CLI
 * send uploads: signed chunks ({@code hex-size;chunk-signature=sig CRLF data CRLF}), unsigned
 * chunks ({@code hex-size CRLF data CRLF}), a final zero-size chunk, then trailer lines
 * ({@code x-amz-checksum-crc32:base64 CRLF}, {@code x-amz-trailer-signature:sig CRLF}) and an
 * empty line. One parser serves every form: a form without trailers simply has none.
 *
 * <p>Chunk signatures are parsed but not verified; verifying them (chained from the seed signature
 * of the {@code Authorization} header) belongs with SigV4 strict mode, a later feature.
 *
 * <p>At the end of the body it checks the decoded length against
 * {@code x-amz-decoded-content-length} and then offers the trailers; checking a trailing checksum
 * against the bytes is the reader's job (see {@link Checksums}). Framing errors are
 * {@link AwsChunkedException}s.
 */
public final class AwsChunked extends InputStream {
    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILERS = 64;

    /** The {@code x-amz-content-sha256} values that announce aws-chunked framing. */
    public enum Payload {
        SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true),
        SIGNED_WITH_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true),
        UNSIGNED_WITH_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false),
        SIGV4A_SIGNED("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", true),
        SIGV4A_SIGNED_WITH_TRAILER("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER", true);

        private final String headerValue;
        private final boolean signedChunks;

        Payload(String headerValue, boolean signedChunks) {
            this.headerValue = headerValue;
            this.signedChunks = signedChunks;
        }

        public String headerValue() {
            return headerValue;
        }

        public boolean signedChunks() {
            return signedChunks;
        }

        public static Optional<Payload> of(String contentSha256) {
            return Arrays.stream(values()).filter(p -> p.headerValue.equals(contentSha256)).findFirst();
        }
    }

    private enum State { HEADER, DATA, DONE }

    private final InputStream raw;
    private final Optional<Payload> payload;
    private final OptionalLong decodedContentLength;
    private final byte[] buf = new byte[16 * 1024];
    private final byte[] one = new byte[1];
    private int pos;
    private int lim;
    private State state = State.HEADER;
    private long chunkRemaining;
    private long decoded;
    private String lastChunkSignature = "";
    private Map<String, String> trailers = Map.of();

    /**
     * @param payload              the framing announced by {@code x-amz-content-sha256}; when it
     *                             says signed, every chunk must carry a signature; when empty
     *                             (only {@code Content-Encoding} said aws-chunked) either is accepted
     * @param decodedContentLength {@code x-amz-decoded-content-length}, checked at the end
     */
    public AwsChunked(InputStream raw, Optional<Payload> payload, OptionalLong decodedContentLength) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.payload = payload;
        this.decodedContentLength = decodedContentLength;
    }

    /** True when the request headers (lower-case names) say the body is aws-chunked. */
    public static boolean isAwsChunked(Map<String, String> headers) {
        String sha = headers.get("x-amz-content-sha256");
        if (sha != null && sha.startsWith("STREAMING-")) {
            return true;
        }
        String encoding = headers.get("content-encoding");
        if (encoding != null) {
            for (String token : encoding.split(",")) {
                if (token.trim().equalsIgnoreCase("aws-chunked")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A decoder configured from the request headers (lower-case names). */
    public static AwsChunked decode(InputStream raw, Map<String, String> headers) throws AwsChunkedException {
        String sha = headers.get("x-amz-content-sha256");
        Optional<Payload> payload = sha == null ? Optional.empty() : Payload.of(sha);
        if (sha != null && sha.startsWith("STREAMING-") && payload.isEmpty()) {
            throw new AwsChunkedException(Reason.MALFORMED, "Unsupported x-amz-content-sha256: " + sha);
        }
        String length = headers.get("x-amz-decoded-content-length");
        OptionalLong decodedLength = OptionalLong.empty();
        if (length != null) {
            try {
                decodedLength = OptionalLong.of(Long.parseLong(length.trim()));
            } catch (NumberFormatException e) {
                decodedLength = OptionalLong.of(-1);
            }
            if (decodedLength.getAsLong() < 0) {
                throw new AwsChunkedException(Reason.MALFORMED, "Invalid x-amz-decoded-content-length: " + length);
            }
        }
        return new AwsChunked(raw, payload, decodedLength);
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
        while (true) {
            switch (state) {
                case DONE -> {
                    return -1;
                }
                case HEADER -> readChunkHeader();
                case DATA -> {
                    if (chunkRemaining == 0) {
                        expectCrlf();
                        state = State.HEADER;
                        continue;
                    }
                    int n = readData(b, off, (int) Math.min(len, chunkRemaining));
                    chunkRemaining -= n;
                    decoded += n;
                    if (decodedContentLength.isPresent() && decoded > decodedContentLength.getAsLong()) {
                        throw mismatch();
                    }
                    return n;
                }
            }
        }
    }

    @Override
    public int available() throws IOException {
        return state == State.DATA ? (int) Math.min(lim - pos, chunkRemaining) : 0;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    /** Payload bytes decoded so far. */
    public long decodedBytes() {
        return decoded;
    }

    /** True once the final chunk, the trailers and the length check are through. */
    public boolean finished() {
        return state == State.DONE;
    }

    /**
     * The trailer lines, by lower-case name ({@code x-amz-checksum-crc32},
     * {@code x-amz-trailer-signature}); empty for forms without trailers.
     *
     * A reader that stopped at the payload's known length has not yet seen the final chunk; this
     * reads on to it, so any payload byte still unread is a framing error rather than lost.
     *
     * @throws UncheckedIOException when the rest of the body is missing or malformed
     */
    public Map<String, String> trailers() {
        try {
            while (state != State.DONE) {
                if (read() != -1) {
                    throw new AwsChunkedException(Reason.DECODED_LENGTH_MISMATCH, "The body goes on past the payload read so far");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return trailers;
    }

    /** The signature of the last chunk read (empty for unsigned chunks); kept for verification to come. */
    public String lastChunkSignature() {
        return lastChunkSignature;
    }

    private int readData(byte[] b, int off, int len) throws IOException {
        if (pos < lim) {
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        if (len >= buf.length) {
            int n = raw.read(b, off, len); // large reads skip the copy through our buffer
            if (n < 0) {
                throw truncated();
            }
            return n;
        }
        if (!fill()) {
            throw truncated();
        }
        return readData(b, off, len);
    }

    private void readChunkHeader() throws IOException {
        String line = readLine(true);
        if (line == null) {
            throw truncated();
        }
        int semi = line.indexOf(';');
        String hex = semi < 0 ? line : line.substring(0, semi);
        long size = parseSize(hex.trim(), line);
        String signature = semi < 0 ? "" : chunkSignature(line.substring(semi + 1), line);
        if (payload.map(Payload::signedChunks).orElse(false) && signature.isEmpty()) {
            throw malformed("Chunk without chunk-signature in a signed payload: " + printable(line));
        }
        lastChunkSignature = signature;
        if (size > 0) {
            chunkRemaining = size;
            state = State.DATA;
            return;
        }
        trailers = readTrailers();
        if (pos < lim || fill()) {
            throw malformed("Bytes after the end of the aws-chunked body");
        }
        if (decodedContentLength.isPresent() && decoded != decodedContentLength.getAsLong()) {
            throw mismatch();
        }
        state = State.DONE;
    }

    private Map<String, String> readTrailers() throws IOException {
        Map<String, String> found = new LinkedHashMap<>(4);
        while (true) {
            String line = readLine(false);
            if (line == null) {
                // Some writers end the trailer section at the last trailer line, without the empty
                // line; the body's own length already bounds it, so accept that but not a missing
                // end when no trailer came at all.
                if (found.isEmpty()) {
                    throw truncated();
                }
                return Map.copyOf(found);
            }
            if (line.isEmpty()) {
                return found.isEmpty() ? Map.of() : Map.copyOf(found);
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || found.size() >= MAX_TRAILERS) {
                throw malformed("Invalid trailer line: " + printable(line));
            }
            found.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    private static long parseSize(String hex, String line) throws AwsChunkedException {
        if (hex.isEmpty() || hex.length() > 15) {
            throw malformed("Invalid chunk size line: " + printable(line));
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw malformed("Invalid chunk size line: " + printable(line));
            }
            size = size << 4 | digit;
        }
        return size;
    }

    private static String chunkSignature(String extensions, String line) throws AwsChunkedException {
        String signature = "";
        for (String extension : extensions.split(";")) {
            int eq = extension.indexOf('=');
            String name = (eq < 0 ? extension : extension.substring(0, eq)).trim();
            if (name.equals("chunk-signature")) {
                signature = eq < 0 ? "" : extension.substring(eq + 1).trim();
                if (signature.isEmpty() || !signature.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw malformed("Invalid chunk-signature: " + printable(line));
                }
            }
        }
        return signature;
    }

    private void expectCrlf() throws IOException {
        int cr = next();
        int lf = cr == '\r' ? next() : cr;
        if (cr < 0 || lf < 0) {
            throw truncated();
        }
        if (cr != '\r' || lf != '\n') {
            throw malformed("Chunk data is not followed by CRLF (chunk shorter or longer than its size)");
        }
    }

    /**
     * One line without its end, or null at the end of the body before any byte of it. Chunk size
     * lines must end in CRLF; trailer lines may end in a bare LF (AWS's own examples do).
     */
    private String readLine(boolean crlfOnly) throws IOException {
        StringBuilder line = new StringBuilder(80);
        while (true) {
            int c = next();
            if (c < 0) {
                if (line.isEmpty()) {
                    return null;
                }
                throw truncated();
            }
            if (c == '\n') {
                boolean cr = !line.isEmpty() && line.charAt(line.length() - 1) == '\r';
                if (crlfOnly && !cr) {
                    throw malformed("Line not ended by CRLF: " + printable(line.toString()));
                }
                return cr ? line.substring(0, line.length() - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw malformed("Line longer than " + MAX_LINE + " bytes in aws-chunked framing");
            }
            line.append((char) c);
        }
    }

    private int next() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n = raw.read(buf, 0, buf.length);
        if (n <= 0) {
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    private AwsChunkedException truncated() {
        return new AwsChunkedException(Reason.TRUNCATED,
                "The aws-chunked body ended early, after " + decoded + " decoded bytes");
    }

    private AwsChunkedException mismatch() {
        long declared = decodedContentLength.getAsLong();
        return new AwsChunkedException(Reason.DECODED_LENGTH_MISMATCH, state == State.DATA
                ? "The body is longer than the " + declared + " bytes x-amz-decoded-content-length declares"
                : "The body has " + decoded + " bytes but x-amz-decoded-content-length declares " + declared);
    }

    private static AwsChunkedException malformed(String message) {
        return new AwsChunkedException(Reason.MALFORMED, message);
    }

    private static String printable(String line) {
        String cut = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
