package io.slipway.s3.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The additional checksums S3 computes and stores (x-amz-checksum-*), named as S3 names them. */
public enum ChecksumAlgorithm {
    CRC32, CRC32C, CRC64NVME, SHA1, SHA256;

    /** The value of x-amz-checksum-algorithm / x-amz-sdk-checksum-algorithm, in any case. */
    public static Optional<ChecksumAlgorithm> parse(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The header carrying this checksum, e.g. x-amz-checksum-crc32c. */
    public String header() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** AWS only combines SHA checksums of parts; the CRCs can also be combined into a whole-object value. */
    public boolean fullObjectForMultipart() {
        return this == CRC64NVME;
    }

    Hasher newHasher() {
        return switch (this) {
            case CRC32 -> new ChecksumHasher(new CRC32(), 4);
            case CRC32C -> new ChecksumHasher(new CRC32C(), 4);
            case CRC64NVME -> new ChecksumHasher(new Crc64Nvme(), 8);
            case SHA1 -> new DigestHasher("SHA-1");
            case SHA256 -> new DigestHasher("SHA-256");
        };
    }

    static Hasher md5() {
        return new DigestHasher("MD5");
    }

    /** A running digest over a stream of bytes. */
    interface Hasher {
        void update(byte[] bytes, int offset, int length);

        byte[] finish();
    }

    private record ChecksumHasher(Checksum checksum, int width) implements Hasher {
        @Override
        public void update(byte[] bytes, int offset, int length) {
            checksum.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            long value = checksum.getValue();
            byte[] out = new byte[width];
            for (int i = 0; i < width; i++) {
                out[i] = (byte) (value >>> (8 * (width - 1 - i)));
            }
            return out;
        }
    }

    private static final class DigestHasher implements Hasher {
        private final MessageDigest digest;

        DigestHasher(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has " + algorithm, e);
            }
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        public byte[] finish() {
            return digest.digest();
        }
    }
}
