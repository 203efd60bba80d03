package io.slipway.lambda.functions;

import io.slipway.core.Namespace;

import java.util.Optional;

/**
 * A function as callers name it: {@code fn}, {@code fn:qualifier}, {@code 123456789012:function:fn},
 * or a full ARN {@code arn:aws:lambda:region:account:function:fn[:qualifier]}.
 */
public record FunctionName(String name, Optional<String> qualifier, Optional<Namespace> namespace) {

    public static FunctionName parse(String text) {
        String rest = text;
        Optional<Namespace> ns = Optional.empty();
        if (rest.startsWith("arn:")) {
            String[] p = rest.split(":", 7); // arn, partition, lambda, region, account, function, name[:q]
            if (p.length >= 7) {
                ns = Optional.of(new Namespace(p[4], p[3]));
                rest = p[6];
            }
        } else if (rest.matches("\\d{12}:function:.*")) {
            rest = rest.substring("123456789012:function:".length());
        }
        int colon = rest.indexOf(':');
        return colon < 0 ? new FunctionName(rest, Optional.empty(), ns)
                : new FunctionName(rest.substring(0, colon), Optional.of(rest.substring(colon + 1)), ns);
    }

    public static String arn(Namespace ns, String name) {
        return "arn:aws:lambda:" + ns.region() + ":" + ns.account() + ":function:" + name;
    }
}
