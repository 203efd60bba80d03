package io.slipway.iam.policy;

import java.nio.charset.StandardCharsets;

import static io.slipway.model.iam.IamErrors.LIMIT_EXCEEDED;

/**
 * Policy documents as IAM measures and returns them. IAM counts a policy's size in characters
 * without white space, and returns documents URL-encoded (RFC 3986), which the AWS CLI decodes and
 * SDK users decode with a URL decoder.
 */
public final class PolicyText {
    /** A role's trust policy (AWS's default quota; it can be raised to 8,192 in AWS). */
    public static final int TRUST_POLICY_SIZE = 2048;
    /** One version of a customer managed policy. */
    public static final int MANAGED_POLICY_SIZE = 6144;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PolicyText() {
    }

    /** The size IAM's quotas count: characters that are not white space. */
    public static int size(String document) {
        int n = 0;
        for (int i = 0; i < document.length(); i++) {
            if (!Character.isWhitespace(document.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    public static void checkTrustPolicySize(String document) {
        if (size(document) > TRUST_POLICY_SIZE) {
            throw LIMIT_EXCEEDED.exception("Cannot exceed quota for ACLSizePerRole: " + TRUST_POLICY_SIZE);
        }
    }

    public static void checkManagedPolicySize(String document) {
        if (size(document) > MANAGED_POLICY_SIZE) {
            throw LIMIT_EXCEEDED.exception("Cannot exceed quota for PolicySize: " + MANAGED_POLICY_SIZE);
        }
    }

    /** The document as IAM's answers carry it. */
    public static String encoded(String document) {
        if (document == null) {
            return null;
        }
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + bytes.length / 2);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
