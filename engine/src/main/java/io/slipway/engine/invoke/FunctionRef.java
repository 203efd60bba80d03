package io.slipway.engine.invoke;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as Lambda's Invoke accepts it: {@code name}, {@code name:qualifier} or
 * {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}. Absent parts are empty strings,
 * so a ref doubles as a lookup key: an empty region/account matches any namespace, an empty
 * qualifier any version or alias.
 */
record FunctionRef(String region, String account, String name, String qualifier) {

    private static final String NAME = "([A-Za-z0-9_-]{1,64})";
    private static final String QUALIFIER = "(?::([A-Za-z0-9$_-]{1,128}))?";
    private static final Pattern PLAIN = Pattern.compile(NAME + QUALIFIER);
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:" + NAME + QUALIFIER);

    static Optional<FunctionRef> parse(String nameOrArn) {
        Matcher arn = ARN.matcher(nameOrArn);
        if (arn.matches()) {
            return Optional.of(new FunctionRef(arn.group(1), arn.group(2), arn.group(3), orEmpty(arn.group(4))));
        }
        Matcher plain = PLAIN.matcher(nameOrArn);
        if (plain.matches()) {
            return Optional.of(new FunctionRef("", "", plain.group(1), orEmpty(plain.group(2))));
        }
        return Optional.empty();
    }

    boolean isArn() {
        return !account.isEmpty();
    }

    /** A bare name used by a caller means that caller's own namespace, as in Lambda. */
    FunctionRef inNamespace(String callerRegion, String callerAccount) {
        return isArn() ? this : new FunctionRef(callerRegion, callerAccount, name, qualifier);
    }

    FunctionRef withNamespace(String r, String a) {
        return new FunctionRef(r, a, name, qualifier);
    }

    FunctionRef withQualifier(String q) {
        return new FunctionRef(region, account, name, q);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
