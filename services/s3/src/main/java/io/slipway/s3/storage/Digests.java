package io.slipway.s3.storage;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks a received body against what the writer said it would be (x-amz-content-sha256, Content-MD5, x-amz-checksum-*). */
final class Digests {
    private Digests() {
    }

    /** Throws XAmzContentSHA256Mismatch, InvalidDigest, BadDigest or InvalidRequest; the caller discards the body then. */
    static void verify(ReceivedBody body, ChecksumRequest request) {
        // asked first: for an aws-chunked body this reads its end (final chunk, trailers, signatures)
        Map<ChecksumAlgorithm, String> declaredChecksums = request.expected().get();
        if (request.contentSha256().isPresent()) {
            String declared = request.contentSha256().get();
            String computed = HexFormat.of().formatHex(body.payloadSha256().orElseThrow());
            if (!computed.equalsIgnoreCase(declared)) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("ClientComputedContentSHA256", declared);
                fields.put("S3ComputedContentSHA256", computed);
                throw S3Errors.X_AMZ_CONTENT_SHA256_MISMATCH.exception(
                        "The provided 'x-amz-content-sha256' header does not match what was computed.", fields);
            }
        }
        if (request.contentMd5().isPresent()) {
            byte[] expected = decode(request.contentMd5().get());
            if (expected == null || expected.length != 16) {
                throw S3Errors.INVALID_DIGEST.exception("The Content-MD5 you specified was invalid.");
            }
            if (!MessageDigest.isEqual(expected, body.md5())) {
                throw S3Errors.BAD_DIGEST.exception("The Content-MD5 you specified did not match what we received.");
            }
        }
        for (Map.Entry<ChecksumAlgorithm, String> e : declaredChecksums.entrySet()) {
            byte[] actual = body.checksums().get(e.getKey());
            if (actual == null) {
                throw S3Errors.INVALID_REQUEST.exception(
                        "Expecting a checksum for " + e.getKey() + " without computing it: name it as the checksum algorithm");
            }
            byte[] want = decode(e.getValue());
            if (want == null || want.length != actual.length) {
                throw S3Errors.INVALID_REQUEST.exception("Value for " + e.getKey().header() + " header is invalid.");
            }
            if (!MessageDigest.isEqual(want, actual)) {
                throw S3Errors.BAD_DIGEST.exception("The " + e.getKey() + " you specified did not match the calculated checksum.");
            }
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
