package io.slipway.s3.storage;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What to check and compute while a body streams in: an optional additional checksum algorithm,
 * the Content-MD5 header (base64) if sent, the body's SHA-256 (hex) if {@code x-amz-content-sha256}
 * declared one, and the expected x-amz-checksum-* values (base64). The expected values are asked
 * for once the body has been read and before anything is stored, whatever else is checked, so a
 * value that arrives in an aws-chunked trailer can be supplied (and the rest of that body read and
 * its signatures checked first); an expected value must be for {@code algorithm}.
 */
public record ChecksumRequest(Optional<ChecksumAlgorithm> algorithm, Optional<String> contentMd5,
                              Optional<String> contentSha256, Supplier<Map<ChecksumAlgorithm, String>> expected) {

    private static final Supplier<Map<ChecksumAlgorithm, String>> NOTHING = Map::of;

    public ChecksumRequest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(contentMd5, "contentMd5");
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(expected, "expected");
    }

    public static ChecksumRequest none() {
        return of(Optional.empty(), NOTHING);
    }

    /** Compute (and store) this checksum without an expected value. */
    public static ChecksumRequest compute(ChecksumAlgorithm algorithm) {
        return of(Optional.of(algorithm), NOTHING);
    }

    /** Compute this checksum and reject the body (BadDigest) unless it equals {@code base64}. */
    public static ChecksumRequest expecting(ChecksumAlgorithm algorithm, String base64) {
        return of(Optional.of(algorithm), () -> Map.of(algorithm, base64));
    }

    /** The expected value arrives after the body (an aws-chunked trailer). */
    public static ChecksumRequest trailing(ChecksumAlgorithm algorithm, Supplier<Optional<String>> base64) {
        return of(Optional.of(algorithm), () -> base64.get().map(v -> Map.of(algorithm, v)).orElse(Map.of()));
    }

    private static ChecksumRequest of(Optional<ChecksumAlgorithm> algorithm, Supplier<Map<ChecksumAlgorithm, String>> expected) {
        return new ChecksumRequest(algorithm, Optional.empty(), Optional.empty(), expected);
    }

    public ChecksumRequest withContentMd5(String base64) {
        return new ChecksumRequest(algorithm, Optional.ofNullable(base64), contentSha256, expected);
    }

    /** Reject the body (XAmzContentSHA256Mismatch) unless its SHA-256 is {@code hex}. */
    public ChecksumRequest withContentSha256(String hex) {
        return new ChecksumRequest(algorithm, contentMd5, Optional.of(hex), expected);
    }

    /** Runs {@code first} (reading the rest of the body) before the expected values are asked for. */
    public ChecksumRequest afterBody(Runnable first) {
        return new ChecksumRequest(algorithm, contentMd5, contentSha256, () -> {
            first.run();
            return expected.get();
        });
    }
}
