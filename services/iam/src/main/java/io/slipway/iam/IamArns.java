package io.slipway.iam;

import java.util.Locale;
import java.util.Optional;

import static io.slipway.model.iam.IamErrors.INVALID_INPUT;

/** IAM's ARNs: {@code arn:aws:iam::<account>:<type>/<path without its first slash><name>}. */
public final class IamArns {
    /** The account AWS managed policies belong to, as their ARNs name it. */
    public static final String AWS = "aws";
    private static final String PREFIX = "arn:aws:iam::";

    private IamArns() {
    }

    public static String of(String account, String type, String path, String name) {
        return PREFIX + account + ":" + type + path + name;
    }

    public static String user(String account, String path, String name) {
        return of(account, "user", path, name);
    }

    public static String role(String account, String path, String name) {
        return of(account, "role", path, name);
    }

    public static String group(String account, String path, String name) {
        return of(account, "group", path, name);
    }

    public static String policy(String account, String path, String name) {
        return of(account, "policy", path, name);
    }

    public static String instanceProfile(String account, String path, String name) {
        return of(account, "instance-profile", path, name);
    }

    /** The account's root user, as GetUser and GetCallerIdentity name it. */
    public static String root(String account) {
        return PREFIX + account + ":root";
    }

    /** A managed policy's ARN taken apart: whose it is, its path and its name. */
    public record PolicyArn(String account, String path, String name) {
        public boolean awsManaged() {
            return account.equals(AWS);
        }

        /** The key it is stored under in its account. */
        public String key() {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** Reads a policy ARN; anything else is InvalidInput, as IAM answers it. */
    public static PolicyArn policyArn(String arn) {
        return parsePolicyArn(arn).orElseThrow(() -> INVALID_INPUT.exception("ARN " + arn + " is not valid."));
    }

    static Optional<PolicyArn> parsePolicyArn(String arn) {
        if (arn == null || !arn.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int colon = arn.indexOf(':', PREFIX.length());
        if (colon < 0) {
            return Optional.empty();
        }
        String account = arn.substring(PREFIX.length(), colon);
        String resource = arn.substring(colon + 1);
        if (!(account.equals(AWS) || account.matches("\\d{12}")) || !resource.startsWith("policy/")) {
            return Optional.empty();
        }
        String pathAndName = resource.substring("policy".length());
        int lastSlash = pathAndName.lastIndexOf('/');
        String name = pathAndName.substring(lastSlash + 1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PolicyArn(account, pathAndName.substring(0, lastSlash + 1), name));
    }
}
