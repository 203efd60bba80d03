package io.slipway.lambda.functions;

import io.slipway.core.Namespace;
import io.slipway.model.runtime.AwsError;
import io.slipway.model.runtime.AwsException;

import java.util.Optional;

import static io.slipway.model.lambda.LambdaErrors.RESOURCE_NOT_FOUND;

/**
 * A function as callers name it: {@code fn}, {@code fn:qualifier}, {@code 123456789012:function:fn[:qualifier]},
 * or a full ARN {@code arn:aws:lambda:region:account:function:fn[:qualifier]}. A partial or full
 * ARN names an account (and a full one a region); {@link #problem} says whether a caller may use it.
 */
public record FunctionName(String name, Optional<String> qualifier, Optional<String> account, Optional<String> region) {

    /** Lambda's answer to a caller naming another account's function; the model does not list it. */
    static final AwsError ACCESS_DENIED = new AwsError("AccessDeniedException", "AccessDeniedException", 403, true);

    public static FunctionName parse(String text) {
        String rest = text;
        Optional<String> account = Optional.empty();
        Optional<String> region = Optional.empty();
        if (rest.startsWith("arn:")) {
            String[] p = rest.split(":", 7); // arn, partition, lambda, region, account, function, name[:q]
            if (p.length >= 7) {
                region = Optional.of(p[3]);
                account = Optional.of(p[4]);
                rest = p[6];
            }
        } else if (rest.matches("\\d{12}:function:.*")) {
            account = Optional.of(rest.substring(0, 12));
            rest = rest.substring("123456789012:function:".length());
        }
        int colon = rest.indexOf(':');
        return colon < 0 ? new FunctionName(rest, Optional.empty(), account, region)
                : new FunctionName(rest.substring(0, colon), Optional.of(rest.substring(colon + 1)), account, region);
    }

    /**
     * Parses {@code text} for a caller in {@code caller} and throws {@link #problem}'s answer, if any:
     * what every operation that takes a FunctionName does before it reads anything.
     */
    public static FunctionName of(String text, Namespace caller, String action) {
        FunctionName fn = parse(text);
        fn.problem(caller, action).ifPresent(e -> {
            throw e;
        });
        return fn;
    }

    /**
     * Why {@code caller} may not perform {@code lambda:<action>} on this function, if it may not.
     * A region other than the caller's is ResourceNotFoundException, as Lambda answers it; an
     * account other than the caller's is AccessDeniedException (403) whether or not the function
     * exists, since Slipway has no resource-based policies that could allow it. The region is
     * checked first (the order is UNVERIFIED).
     */
    public Optional<AwsException> problem(Namespace caller, String action) {
        if (region.isPresent() && !region.get().equals(caller.region())) {
            return Optional.of(RESOURCE_NOT_FOUND.exception("Functions from '" + region.get()
                    + "' are not reachable in this region ('" + caller.region() + "')"));
        }
        if (account.isPresent() && !account.get().equals(caller.account())) {
            String resource = arn(new Namespace(account.get(), caller.region()), name) + qualifier.map(q -> ":" + q).orElse("");
            return Optional.of(ACCESS_DENIED.exception("User: arn:aws:iam::" + caller.account() + ":root is not authorized "
                    + "to perform: lambda:" + action + " on resource: " + resource + " because no resource-based policy "
                    + "allows the lambda:" + action + " action"));
        }
        return Optional.empty();
    }

    public static String arn(Namespace ns, String name) {
        return "arn:aws:lambda:" + ns.region() + ":" + ns.account() + ":function:" + name;
    }
}
