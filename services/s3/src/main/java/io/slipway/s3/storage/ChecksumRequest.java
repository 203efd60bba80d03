package io.slipway.s3.storage;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What to check and compute while a body streams in: an optional additional checksum algorithm,
 * the Content-MD5 header (base64) if sent, and the expected x-amz-checksum-* values (base64). The
 * expected values are asked for only once the body has been read, so a value that arrives in an
 * aws-chunked trailer can be supplied; an expected value must be for {@code algorithm}.
 */
public record ChecksumRequest(Optional<ChecksumAlgorithm> algorithm, Optional<String> contentMd5,
                              Supplier<Map<ChecksumAlgorithm, String>> expected) {

    private static final Supplier<Map<ChecksumAlgorithm, String>> NOTHING = Map::of;

    public ChecksumRequest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(contentMd5, "contentMd5");
        Objects.requireNonNull(expected, "expected");
    }

    public static ChecksumRequest none() {
        return new ChecksumRequest(Optional.empty(), Optional.empty(), NOTHING);
    }

    /** Compute (and store) this checksum without an expected value. */
    public static ChecksumRequest compute(ChecksumAlgorithm algorithm) {
        return new ChecksumRequest(Optional.of(algorithm), Optional.empty(), NOTHING);
    }

    /** Compute this checksum and reject the body (BadDigest) unless it equals {@code base64}. */
    public static ChecksumRequest expecting(ChecksumAlgorithm algorithm, String base64) {
        return new ChecksumRequest(Optional.of(algorithm), Optional.empty(), () -> Map.of(algorithm, base64));
    }

    /** The expected value arrives after the body (an aws-chunked trailer). */
    public static ChecksumRequest trailing(ChecksumAlgorithm algorithm, Supplier<Optional<String>> base64) {
        return new ChecksumRequest(Optional.of(algorithm), Optional.empty(),
                () -> base64.get().map(v -> Map.of(algorithm, v)).orElse(Map.of()));
    }

    public ChecksumRequest withContentMd5(String base64) {
        return new ChecksumRequest(algorithm, Optional.ofNullable(base64), expected);
    }
}
