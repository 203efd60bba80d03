package io.slipway.ssm.parameter;

import io.slipway.model.ssm.ParameterTier;
import io.slipway.model.ssm.ParameterType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static io.slipway.model.ssm.SsmErrors.INVALID_ALLOWED_PATTERN;
import static io.slipway.model.ssm.SsmErrors.INVALID_KEY_ID;
import static io.slipway.model.ssm.SsmErrors.PARAMETER_PATTERN_MISMATCH;
import static io.slipway.model.ssm.SsmErrors.VALIDATION;

/** The rules a parameter's value follows: its size by tier, its allowed pattern, its data type. */
final class ParameterValues {
    static final int STANDARD_MAX = 4096;
    static final int ADVANCED_MAX = 8192;
    static final String TEXT = "text";
    static final String EC2_IMAGE = "aws:ec2:image";
    static final String SSM_INTEGRATION = "aws:ssm:integration";
    static final String DEFAULT_KEY = "alias/aws/ssm";
    private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern KEY_ID = Pattern.compile(
            "alias/[a-zA-Z0-9/_-]+|(mrk-)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|mrk-[0-9a-f]{32}"
                    + "|arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key/[a-zA-Z0-9-]+|alias/[a-zA-Z0-9/_-]+)");
    /** Steps a user's pattern may take on one value before it counts as not matching (a pattern can backtrack for ever). */
    private static final int REGEX_BUDGET = 2_000_000;

    private ParameterValues() {
    }

    static void checkPresent(String value) {
        if (value.isEmpty()) {
            throw VALIDATION.exception("1 validation error detected: Value '' at 'value' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1.");
        }
    }

    /** The value fits its tier: 4,096 characters for Standard, 8,192 for Advanced. */
    static void checkSize(String value, ParameterTier tier) {
        if (tier == ParameterTier.STANDARD && value.length() > STANDARD_MAX) {
            throw VALIDATION.exception("Standard tier parameters support a maximum parameter value of " + STANDARD_MAX
                    + " characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter"
                    + " tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/"
                    + "parameter-store-advanced-parameters.html");
        }
        if (value.length() > ADVANCED_MAX) {
            throw VALIDATION.exception("Advanced tier parameters support a maximum parameter value of " + ADVANCED_MAX
                    + " characters."); // UNVERIFIED wording
        }
    }

    /** A pattern that compiles, or InvalidAllowedPatternException. */
    static Pattern allowedPattern(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw INVALID_ALLOWED_PATTERN.exception("The request does not meet the regular expression requirement."); // UNVERIFIED
        }
    }

    /** The whole value matches the parameter's allowed pattern, or ParameterPatternMismatchException. */
    static void checkPattern(String value, String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return;
        }
        if (!matches(allowedPattern(pattern), value)) {
            throw PARAMETER_PATTERN_MISMATCH.exception("Parameter value, cannot be validated against allowedPattern: "
                    + pattern);
        }
    }

    /** Whether the pattern matches within its budget; one that runs out of steps or stack does not match. */
    static boolean matches(Pattern pattern, String value) {
        try {
            return pattern.matcher(new BoundedText(value, new int[]{REGEX_BUDGET})).matches();
        } catch (BoundedText.Exhausted | StackOverflowError e) {
            return false;
        }
    }

    /** The data type's rules: {@code text}, an AMI id for {@code aws:ec2:image}, or an integration's. */
    static void checkDataType(String dataType, ParameterType type, String value) {
        switch (dataType) {
            case TEXT, SSM_INTEGRATION -> {
            }
            case EC2_IMAGE -> {
                if (type != ParameterType.STRING) {
                    throw VALIDATION.exception("The data type " + EC2_IMAGE + " is supported only for String parameters."); // UNVERIFIED
                }
                if (!AMI_ID.matcher(value).matches()) {
                    // AWS checks the AMI id's format at once and its existence later; Slipway has no AMIs to look up.
                    throw VALIDATION.exception("Parameter value, " + value + ", is not a valid AMI ID."); // UNVERIFIED
                }
            }
            default -> throw VALIDATION.exception("The following data type is not supported: " + dataType
                    + " (Data type names are all lowercase.)");
        }
    }

    /** A KMS key reference Parameter Store accepts: an alias, a key id or a key or alias ARN. */
    static void checkKeyId(String keyId) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw INVALID_KEY_ID.exception("Invalid keyId " + keyId); // UNVERIFIED wording
        }
    }

    /**
     * What a SecureString value looks like without decryption: base64 of bytes shaped like a KMS
     * ciphertext blob, derived one way from the value, so it changes with the value and reveals none of it.
     */
    static String ciphertext(String account, String key, long version, String value) {
        byte[] seed = sha256((account + "\n" + key + "\n" + version + "\n" + value).getBytes(StandardCharsets.UTF_8));
        int length = 5 + 48 + value.getBytes(StandardCharsets.UTF_8).length;
        byte[] blob = new byte[length];
        blob[0] = 1;
        blob[1] = 2;
        blob[2] = 2;
        blob[3] = 0;
        blob[4] = 0x78;
        byte[] block = seed;
        for (int i = 5; i < length; i += 32) {
            block = sha256(block);
            System.arraycopy(block, 0, blob, i, Math.min(32, length - i));
        }
        return Base64.getEncoder().encodeToString(blob);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Text that stops a regular expression after a number of character reads. */
    private record BoundedText(String text, int[] budget) implements CharSequence {
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("pattern budget exhausted", null, false, false);
            }
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BoundedText(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
