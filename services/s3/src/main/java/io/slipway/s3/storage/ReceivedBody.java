package io.slipway.s3.storage;

import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * A body written whole to the blob {@code blob} (still named by no metadata), with its size and the digests computed on the way; its SHA-256
 * only when the request declared one in {@code x-amz-content-sha256} (checked, never stored).
 */
record ReceivedBody(String blob, long size, byte[] md5, Map<ChecksumAlgorithm, byte[]> checksums,
                    Optional<byte[]> payloadSha256) {

    /** The generated name metadata records: the blob id's last segment. */
    String name() {
        return blob.substring(blob.lastIndexOf('/') + 1);
    }

    String md5Hex() {
        return HexFormat.of().formatHex(md5);
    }

    /** Base64 values by algorithm name, as stored. */
    Map<String, String> checksumsBase64() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        new EnumMap<>(checksums).forEach((a, v) -> out.put(a.name(), Base64.getEncoder().encodeToString(v)));
        return out;
    }
}
