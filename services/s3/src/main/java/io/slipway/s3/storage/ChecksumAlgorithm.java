package io.slipway.s3.storage;

import io.slipway.core.codec.Checksums;

import java.util.Locale;
import java.util.Optional;

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

    /** The same algorithm in the core codec, which computes it. */
    Checksums.Algorithm computed() {
        return Checksums.Algorithm.valueOf(name());
    }
}
