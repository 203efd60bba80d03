package io.slipway.core.codec;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * Several checksums of one byte stream computed in a single pass, as S3 needs them: base64 of the
 * big-endian value for {@code x-amz-checksum-*} headers, and MD5 in hex for ETags. Use
 * {@link #tee(InputStream)} or {@link #tee(OutputStream)} while copying a body to disk; read the
 * values once the copy is done (the first read finishes the computation).
 */
public final class Checksums {

    /** S3's checksum algorithms, by the names S3 uses in {@code x-amz-checksum-algorithm}. */
    public enum Algorithm {
        CRC32("x-amz-checksum-crc32"),
        CRC32C("x-amz-checksum-crc32c"),
        CRC64NVME("x-amz-checksum-crc64nvme"),
        SHA1("x-amz-checksum-sha1"),
        SHA256("x-amz-checksum-sha256"),
        /** Not an {@code x-amz-checksum-*} algorithm: S3 uses it for ETags and {@code Content-MD5}. */
        MD5("content-md5");

        private final String header;

        Algorithm(String header) {
            this.header = header;
        }

        /** The lower-case header that carries this checksum in base64. */
        public String header() {
            return header;
        }

        /** By S3 name ({@code CRC32}, {@code crc64nvme}, ...), ignoring case. */
        public static Optional<Algorithm> ofName(String name) {
            String upper = name.trim().toUpperCase(Locale.ROOT);
            return Arrays.stream(values()).filter(a -> a.name().equals(upper)).findFirst();
        }

        /** By {@link #header()}, ignoring case. */
        public static Optional<Algorithm> ofHeader(String header) {
            String lower = header.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(a -> a.header.equals(lower)).findFirst();
        }

        Digest newDigest() {
            return switch (this) {
                case CRC32 -> new ChecksumDigest(new CRC32(), 4);
                case CRC32C -> new ChecksumDigest(new CRC32C(), 4);
                case CRC64NVME -> new Crc64Nvme();
                case SHA1 -> new MessageDigestDigest("SHA-1");
                case SHA256 -> new MessageDigestDigest("SHA-256");
                case MD5 -> new MessageDigestDigest("MD5");
            };
        }
    }

    private final Map<Algorithm, Digest> digests = new EnumMap<>(Algorithm.class);
    private final Map<Algorithm, byte[]> values = new EnumMap<>(Algorithm.class);

    private Checksums(Set<Algorithm> algorithms) {
        for (Algorithm a : algorithms) {
            digests.put(a, a.newDigest());
        }
    }

    public static Checksums of(Set<Algorithm> algorithms) {
        return new Checksums(algorithms);
    }

    public static Checksums of(Algorithm first, Algorithm... rest) {
        return new Checksums(EnumSet.of(first, rest));
    }

    /** One checksum of a whole array, in base64 as S3 sends it. */
    public static String base64(Algorithm algorithm, byte[] data) {
        Checksums sums = of(algorithm);
        sums.update(data, 0, data.length);
        return sums.base64(algorithm);
    }

    public Set<Algorithm> algorithms() {
        Set<Algorithm> algorithms = EnumSet.noneOf(Algorithm.class);
        algorithms.addAll(digests.keySet());
        return algorithms;
    }

    public void update(byte[] b, int off, int len) {
        if (!values.isEmpty()) {
            throw new IllegalStateException("Checksums already read; they cover the bytes up to then");
        }
        for (Digest d : digests.values()) {
            d.update(b, off, len);
        }
    }

    /** The raw value (big-endian for CRCs). */
    public byte[] value(Algorithm algorithm) {
        if (!digests.containsKey(algorithm)) {
            throw new IllegalArgumentException(algorithm + " is not computed here; computed: " + digests.keySet());
        }
        if (values.isEmpty()) {
            digests.forEach((a, d) -> values.put(a, d.finish()));
        }
        return values.get(algorithm).clone();
    }

    /** As in {@code x-amz-checksum-*} and {@code Content-MD5}. */
    public String base64(Algorithm algorithm) {
        return Base64.getEncoder().encodeToString(value(algorithm));
    }

    /** Lower-case hex, as in a single-part ETag (without its quotes). */
    public String hex(Algorithm algorithm) {
        return HexFormat.of().formatHex(value(algorithm));
    }

    public String md5Hex() {
        return hex(Algorithm.MD5);
    }

    /** Reads through {@code in}, adding every byte read to these checksums. */
    public InputStream tee(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int c = in.read();
                if (c >= 0) {
                    update(new byte[] {(byte) c}, 0, 1);
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    update(b, off, n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // skipped bytes still count: read them
                byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
                long skipped = 0;
                while (skipped < n) {
                    int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                    if (r < 0) {
                        break;
                    }
                    skipped += r;
                }
                return skipped;
            }

            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public synchronized void mark(int readlimit) {
            }

            @Override
            public synchronized void reset() throws IOException {
                throw new IOException("mark/reset not supported while computing checksums");
            }
        };
    }

    /** Writes through to {@code out}, adding every byte written to these checksums. */
    public OutputStream tee(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                update(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                update(b, off, len);
            }
        };
    }

    private sealed interface Digest permits ChecksumDigest, MessageDigestDigest, Crc64Nvme {
        void update(byte[] b, int off, int len);

        byte[] finish();
    }

    private static final class ChecksumDigest implements Digest {
        private final Checksum checksum;
        private final int bytes;

        ChecksumDigest(Checksum checksum, int bytes) {
            this.checksum = checksum;
            this.bytes = bytes;
        }

        public void update(byte[] b, int off, int len) {
            checksum.update(b, off, len);
        }

        public byte[] finish() {
            return bigEndian(checksum.getValue(), bytes);
        }
    }

    private static final class MessageDigestDigest implements Digest {
        private final MessageDigest digest;

        MessageDigestDigest(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every JDK has " + algorithm, e);
            }
        }

        public void update(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        public byte[] finish() {
            return digest.digest();
        }
    }

    /**
     * CRC-64/NVME (the reflected form of polynomial 0xad93d23594c93659, all-ones init and final
     * xor), which S3 uses for full-object checksums; the JDK has no CRC64.
     */
    private static final class Crc64Nvme implements Digest {
        private static final long POLY_REFLECTED = 0x9a6c9329ac4bc9b5L;
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long crc = i;
                for (int bit = 0; bit < 8; bit++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
                }
                TABLE[i] = crc;
            }
        }

        private long crc = -1L;

        public void update(byte[] b, int off, int len) {
            long c = crc;
            for (int i = off, end = off + len; i < end; i++) {
                c = TABLE[(int) (c ^ b[i]) & 0xff] ^ (c >>> 8);
            }
            crc = c;
        }

        public byte[] finish() {
            return bigEndian(~crc, 8);
        }
    }

    private static byte[] bigEndian(long value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }
}
