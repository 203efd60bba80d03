package io.slipway.ssm.parameter;

import io.slipway.core.Namespace;
import io.slipway.model.runtime.AwsException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.slipway.model.ssm.SsmErrors.ACCESS_DENIED;
import static io.slipway.model.ssm.SsmErrors.HIERARCHY_LEVEL_LIMIT_EXCEEDED;
import static io.slipway.model.ssm.SsmErrors.VALIDATION;

/**
 * Parameter names and the hierarchy they form. A name is one level ({@code name} or {@code /name},
 * the same parameter on AWS) or a path ({@code /a/b/c}) of at most 15 levels. Parameters are
 * stored under their key: the name without the leading slash of a one-level name.
 */
public final class ParameterNames {
    /** The levels a hierarchy may have. */
    public static final int MAX_LEVELS = 15;
    /**
     * The longest name a client chooses: AWS counts 2,048 characters of full ARN, of which it
     * reserves 1,037 for itself.
     */
    public static final int MAX_NAME_LENGTH = 1011;
    private static final Pattern CHARACTERS = Pattern.compile("[a-zA-Z0-9_.\\-/]+");
    private static final String ARN_PREFIX = "arn:aws:ssm:";

    private ParameterNames() {
    }

    /** A name checked as PutParameter checks it: characters, reserved prefixes, depth, length. */
    public static String checkedForPut(String name) {
        String trimmed = name.strip(); // AWS removes spaces around a name
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw VALIDATION.exception("Parameter name: " + trimmed.length() + " characters is longer than the "
                    + MAX_NAME_LENGTH + " a name may have"); // UNVERIFIED wording
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        boolean path = trimmed.indexOf('/', 1) > 0;
        if (path && lower.startsWith("/aws")) {
            throw ACCESS_DENIED.exception("No access to reserved parameter name: " + trimmed + ".");
        }
        String firstLevel = lower.startsWith("/") ? lower.substring(1) : lower;
        if (firstLevel.startsWith("aws") || firstLevel.startsWith("ssm")) {
            throw VALIDATION.exception(path ? invalidPathMessage()
                    : "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
        }
        if (!CHARACTERS.matcher(trimmed).matches() || trimmed.contains("//") || trimmed.endsWith("/")) {
            throw VALIDATION.exception(invalidPathMessage());
        }
        if (!trimmed.startsWith("/") && trimmed.contains("/")) {
            throw VALIDATION.exception("Parameter name must be a fully qualified name.");
        }
        if (levels(trimmed) > MAX_LEVELS) {
            throw HIERARCHY_LEVEL_LIMIT_EXCEEDED.exception("A hierarchy can have a maximum of " + MAX_LEVELS
                    + " levels."); // UNVERIFIED wording
        }
        return trimmed;
    }

    /** The message AWS gives a name that breaks its rules of form. */
    static String invalidPathMessage() {
        return "Parameter name: can't be prefixed with \"ssm\" (case-insensitive). If formed as a path, it can consist of "
                + "sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the "
                + "following 3 symbols .-_";
    }

    /** How a parameter is stored: one-level names lose their leading slash, so {@code /a} and {@code a} meet. */
    public static String key(String name) {
        return name.startsWith("/") && name.indexOf('/', 1) < 0 ? name.substring(1) : name;
    }

    /** The number of levels: {@code a} and {@code /a} have one, {@code /a/b} two. */
    static int levels(String name) {
        String body = name.startsWith("/") ? name.substring(1) : name;
        int levels = 1;
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '/') {
                levels++;
            }
        }
        return levels;
    }

    /** The path a parameter sits in: {@code /a/b} for {@code /a/b/c}, {@code /} for a one-level name. */
    static String parent(String key) {
        int slash = key.lastIndexOf('/');
        return slash <= 0 ? "/" : key.substring(0, slash);
    }

    /** The ancestors of a key below the root, outermost first: {@code /a}, {@code /a/b} for {@code /a/b/c}. */
    static java.util.List<String> ancestors(String key) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = key.indexOf('/', 1); i > 0; i = key.indexOf('/', i + 1)) {
            out.add(key.substring(0, i));
        }
        return out;
    }

    /** {@code arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>}. */
    public static String arn(Namespace ns, String name) {
        return ARN_PREFIX + ns.region() + ":" + ns.account() + ":parameter/" + (name.startsWith("/") ? name.substring(1) : name);
    }

    /**
     * The name a reference names: itself, or the name in an ARN of this account and region (a
     * path's ARN drops its leading slash). Empty for an ARN of another account or region, which
     * names nothing here.
     */
    static Optional<String> fromReference(Namespace ns, String reference) {
        if (!reference.startsWith("arn:")) {
            return Optional.of(reference);
        }
        String prefix = ARN_PREFIX + ns.region() + ":" + ns.account() + ":parameter/";
        if (!reference.startsWith(prefix) || reference.length() == prefix.length()) {
            return Optional.empty();
        }
        String rest = reference.substring(prefix.length());
        return Optional.of(rest.contains("/") ? "/" + rest : rest);
    }

    /**
     * A path as GetParametersByPath takes it: {@code /} or {@code /a/b} (a trailing slash is
     * dropped). AWS's public parameters live under {@code /aws/}; none exist here, so such a path
     * is valid and holds nothing.
     */
    static String checkedPath(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String lower = p.toLowerCase(Locale.ROOT);
        if (!p.startsWith("/") || !CHARACTERS.matcher(p).matches() || p.contains("//") || lower.startsWith("/ssm")) {
            throw badPath();
        }
        return p;
    }

    static AwsException badPath() {
        return VALIDATION.exception("The parameter doesn't meet the parameter name requirements. The parameter name must "
                + "begin with a forward slash \"/\". It can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). It must "
                + "use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special "
                + "characters are not allowed. All sub-paths, if specified, must use the forward slash symbol \"/\". Valid "
                + "example: /get/parameters2-/by1./path0_.");
    }
}
