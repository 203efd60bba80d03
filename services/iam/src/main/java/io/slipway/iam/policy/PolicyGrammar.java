package io.slipway.iam.policy;

import io.slipway.model.runtime.AwsException;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.slipway.model.iam.IamErrors.MALFORMED_POLICY_DOCUMENT;

/**
 * The IAM policy language's grammar as IAM checks it when a policy is written, answering
 * MalformedPolicyDocument with IAM's own words (seen in AWS's answers as users report them; the
 * order in which checks run is ours). Slipway stores and shows policies; it does not evaluate them.
 */
public final class PolicyGrammar {
    static final String SYNTAX = "Syntax errors in policy.";
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
            "Principal", "NotPrincipal", "Condition");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final Pattern VENDOR = Pattern.compile("[a-zA-Z0-9\\-.*]+");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[0-9A-Za-z]*");

    /** Which kind of policy a document is, which decides what it must and must not say. */
    public enum Kind {
        /** An inline policy of a user, role or group. */
        INLINE,
        /** A version of a customer managed policy: the 2012-10-17 language only, alphanumeric Sids. */
        MANAGED,
        /** A role's trust policy: who may assume it. */
        TRUST
    }

    private PolicyGrammar() {
    }

    /** Checks a document; MalformedPolicyDocument says what is wrong. */
    public static void check(String document, Kind kind) {
        Map<String, Object> policy = PolicyJson.object(document).orElseThrow(() -> malformed(SYNTAX));
        if (!TOP_LEVEL.containsAll(policy.keySet())) {
            throw malformed(SYNTAX);
        }
        Object version = policy.get("Version");
        if (policy.containsKey("Version") && !(version instanceof String v && VERSIONS.contains(v))) {
            throw malformed(SYNTAX);
        }
        if (policy.containsKey("Id") && !(policy.get("Id") instanceof String)) {
            throw malformed(SYNTAX);
        }
        List<Map<String, Object>> statements = statements(policy.get("Statement"));
        if (kind == Kind.MANAGED && !"2012-10-17".equals(version)) {
            throw malformed("Policy document must be version 2012-10-17 or greater.");
        }
        for (Map<String, Object> s : statements) {
            syntax(s);
        }
        for (Map<String, Object> s : statements) {
            if (!s.get("Effect").equals("Allow") && !s.get("Effect").equals("Deny")) {
                // the effect's case is checked after the syntax, as IAM's older parser did
                throw malformed("The policy failed legacy parsing");
            }
        }
        sids(statements, kind);
        for (Map<String, Object> s : statements) {
            if (kind == Kind.TRUST) {
                trust(s);
            } else {
                identity(s);
            }
        }
    }

    private static List<Map<String, Object>> statements(Object statement) {
        if (statement instanceof Map<?, ?> one) {
            return List.of(stringKeyed(one));
        }
        if (statement instanceof List<?> list && !list.isEmpty()) {
            return list.stream().map(s -> s instanceof Map<?, ?> m ? stringKeyed(m) : null).map(m -> {
                if (m == null) {
                    throw malformed(SYNTAX);
                }
                return m;
            }).toList();
        }
        throw malformed(SYNTAX);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeyed(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static void syntax(Map<String, Object> s) {
        if (!STATEMENT.containsAll(s.keySet()) || !(s.get("Effect") instanceof String effect)
                || !effect.equalsIgnoreCase("Allow") && !effect.equalsIgnoreCase("Deny")
                || both(s, "Action", "NotAction") || both(s, "Resource", "NotResource")
                || both(s, "Principal", "NotPrincipal")
                || s.containsKey("Sid") && !(s.get("Sid") instanceof String)) {
            throw malformed(SYNTAX);
        }
        for (String key : List.of("Action", "NotAction", "Resource", "NotResource")) {
            if (s.containsKey(key) && !stringOrStrings(s.get(key))) {
                throw malformed(SYNTAX);
            }
        }
        if (s.containsKey("Condition") && !condition(s.get("Condition"))) {
            throw malformed(SYNTAX);
        }
    }

    private static boolean both(Map<String, Object> s, String a, String b) {
        return s.containsKey(a) && s.containsKey(b);
    }

    private static boolean stringOrStrings(Object v) {
        return v instanceof String || v instanceof List<?> list && list.stream().allMatch(e -> e instanceof String);
    }

    /** {"Operator": {"key": value or [values]}}: values are strings, numbers or booleans. */
    private static boolean condition(Object v) {
        if (!(v instanceof Map<?, ?> operators)) {
            return false;
        }
        for (Object block : operators.values()) {
            if (!(block instanceof Map<?, ?> keys)) {
                return false;
            }
            for (Object value : keys.values()) {
                boolean ok = scalar(value) || value instanceof List<?> list && list.stream().allMatch(PolicyGrammar::scalar);
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean scalar(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    private static void sids(List<Map<String, Object>> statements, Kind kind) {
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> s : statements) {
            String sid = (String) s.get("Sid");
            if (sid != null && !sid.isEmpty() && !seen.add(sid)) {
                throw malformed("Statement IDs (SID) in a single policy must be unique.");
            }
        }
        if (kind == Kind.MANAGED) {
            for (String sid : seen) {
                if (!ALPHANUMERIC.matcher(sid).matches()) {
                    throw malformed("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the "
                            + "regular expression [0-9A-Za-z]*");
                }
            }
        }
    }

    private static void identity(Map<String, Object> s) {
        if (s.containsKey("Principal") || s.containsKey("NotPrincipal")) {
            throw malformed("Policy document should not specify a principal.");
        }
        actions(s);
        List<String> resources = values(s, "Resource", "NotResource");
        if (resources.isEmpty()) {
            throw malformed("Policy statement must contain resources.");
        }
        for (String r : resources) {
            if (!r.equals("*") && !r.startsWith("arn:")) {
                throw malformed("Resource " + r + " must be in ARN format or \"*\".");
            }
        }
    }

    private static void trust(Map<String, Object> s) {
        if (!s.containsKey("Principal") && !s.containsKey("NotPrincipal")) {
            throw malformed("Missing required field Principal");
        }
        for (String field : List.of("Resource", "NotResource")) {
            if (s.containsKey(field)) {
                throw malformed("Has prohibited field " + field);
            }
        }
        Object principal = s.containsKey("Principal") ? s.get("Principal") : s.get("NotPrincipal");
        if (!principal(principal)) {
            throw malformed("Invalid principal in policy");
        }
        for (String action : actions(s)) {
            if (!action.toLowerCase(Locale.ROOT).startsWith("sts:")) {
                throw malformed("AssumeRole policy may only specify STS AssumeRole actions.");
            }
        }
    }

    /** "*", or {"AWS"|"Service"|"Federated"|"CanonicalUser": one or more non-empty strings}. */
    private static boolean principal(Object p) {
        if ("*".equals(p)) {
            return true;
        }
        if (!(p instanceof Map<?, ?> m) || m.isEmpty()) {
            return false;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object v = e.getValue();
            boolean values = v instanceof String str && !str.isEmpty()
                    || v instanceof List<?> list && !list.isEmpty()
                    && list.stream().allMatch(x -> x instanceof String str && !str.isEmpty());
            if (!PRINCIPAL_TYPES.contains(e.getKey().toString()) || !values) {
                return false;
            }
        }
        return true;
    }

    private static List<String> actions(Map<String, Object> s) {
        List<String> actions = values(s, "Action", "NotAction");
        if (actions.isEmpty()) {
            throw malformed("Policy statement must contain actions.");
        }
        for (String a : actions) {
            if (a.equals("*")) {
                continue;
            }
            String[] parts = a.split(":", -1);
            if (parts.length == 1) {
                throw malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }
            if (parts.length > 2) {
                throw malformed("Actions/Condition can contain only one colon.");
            }
            if (!VENDOR.matcher(parts[0]).matches()) {
                throw malformed("Vendor " + parts[0] + " is not valid");
            }
        }
        return actions;
    }

    /** The strings of whichever of the two keys the statement has (syntax already checked). */
    private static List<String> values(Map<String, Object> s, String key, String notKey) {
        Object v = s.containsKey(key) ? s.get(key) : s.get(notKey);
        if (v == null) {
            return List.of();
        }
        return v instanceof String str ? List.of(str) : ((List<?>) v).stream().map(String.class::cast).toList();
    }

    static AwsException malformed(String message) {
        return MALFORMED_POLICY_DOCUMENT.exception(message);
    }
}
