package io.slipway.s3.storage;

import java.util.regex.Pattern;

/** AWS's rules for general purpose bucket names (global across accounts and regions). */
final class BucketNames {
    private static final Pattern CHARS = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private BucketNames() {
    }

    static void validate(String name) {
        String why = problem(name);
        if (why != null) {
            throw S3Errors.INVALID_BUCKET_NAME.exception("The specified bucket is not valid. (" + why + ")");
        }
    }

    /** Null when valid, else the rule the name breaks. */
    static String problem(String name) {
        if (name == null || name.length() < 3 || name.length() > 63) {
            return "bucket names must be 3 to 63 characters long";
        }
        if (!CHARS.matcher(name).matches()) {
            return "only lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit";
        }
        if (name.contains("..")) {
            return "no two adjacent periods";
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return "not formatted as an IP address";
        }
        if (name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")) {
            return "reserved prefix";
        }
        if (name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith(".mrap") || name.endsWith("--x-s3")
                || name.endsWith("--table-s3")) {
            return "reserved suffix";
        }
        return null;
    }
}
