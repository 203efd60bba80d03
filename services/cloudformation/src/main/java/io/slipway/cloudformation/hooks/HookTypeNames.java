package io.slipway.cloudformation.hooks;

import io.slipway.core.Namespace;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names and ARNs of activated hooks. A private type's ARN spells its name with dashes
 * ({@code A::B::C} is {@code type/hook/A-B-C}); name parts hold no dashes, so the ARN reads back.
 */
final class HookTypeNames {
    static final String LAMBDA_HOOK = "AWS::Hooks::LambdaHook";
    static final String DEFAULT_ALIAS = "default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}");
    private static final Pattern TYPE_ARN = Pattern.compile(
            "arn:aws[A-Za-z0-9-]{0,64}:cloudformation:([A-Za-z0-9-]{1,64}):([0-9]{12})?:type/hook/"
                    + "([A-Za-z0-9]{2,64})-([A-Za-z0-9]{2,64})-([A-Za-z0-9]{2,64})/?");
    private static final Pattern CONFIGURATION_ARN = Pattern.compile(
            "(arn:aws[A-Za-z0-9-]{0,64}:cloudformation:[A-Za-z0-9-]{1,64}:([0-9]{12})?:)type-configuration/hook/"
                    + "([A-Za-z0-9]{2,64}-[A-Za-z0-9]{2,64}-[A-Za-z0-9]{2,64})/([a-zA-Z0-9]{1,256})");

    private HookTypeNames() {
    }

    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** AWS reserves the AWS namespace for its own types; an alias must leave it alone. */
    static boolean isAllowedAlias(String alias) {
        return isName(alias) && !alias.regionMatches(true, 0, "AWS", 0, 3);
    }

    static String typeArn(Namespace ns, String typeName) {
        return "arn:aws:cloudformation:" + ns.region() + ":" + ns.account() + ":type/hook/" + typeName.replace("::", "-");
    }

    /** The public type an alias was activated from; public ARNs carry no account. */
    static String publicTypeArn(Namespace ns) {
        return "arn:aws:cloudformation:" + ns.region() + "::type/hook/" + LAMBDA_HOOK.replace("::", "-");
    }

    static String configurationArn(Namespace ns, String typeName, String alias) {
        return "arn:aws:cloudformation:" + ns.region() + ":" + ns.account() + ":type-configuration/hook/"
                + typeName.replace("::", "-") + "/" + alias;
    }

    /** The type name an ARN of this namespace names; empty for other namespaces and malformed ARNs. */
    static Optional<String> nameOfArn(Namespace ns, String arn) {
        Matcher m = TYPE_ARN.matcher(arn == null ? "" : arn);
        if (!m.matches() || !m.group(1).equals(ns.region()) || !ns.account().equals(m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(m.group(3) + "::" + m.group(4) + "::" + m.group(5));
    }

    /** The type and alias a configuration ARN names. */
    static Optional<ConfigurationRef> configurationOfArn(String arn) {
        Matcher m = CONFIGURATION_ARN.matcher(arn == null ? "" : arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ConfigurationRef(m.group(1) + "type/hook/" + m.group(3), m.group(4)));
    }

    record ConfigurationRef(String typeArn, String alias) {
    }
}
