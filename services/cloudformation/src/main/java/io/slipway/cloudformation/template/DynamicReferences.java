package io.slipway.cloudformation.template;

import io.slipway.core.Namespace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dynamic references to Systems Manager parameters in resource properties:
 * {@code {{resolve:ssm:name[:version]}}} and {@code {{resolve:ssm-secure:name[:version]}}},
 * replaced by the parameter's value when a resource is created or updated. The template and the
 * stored properties keep the reference, so GetTemplate never shows a value. A secure reference
 * is allowed only in the properties AWS lists for it.
 */
public final class DynamicReferences {
    private static final Pattern REFERENCE = Pattern.compile(
            "\\{\\{resolve:(ssm|ssm-secure):([a-zA-Z0-9_.\\-/]+)(?::([0-9]+))?}}");
    private static final Pattern ANY_SECURE = Pattern.compile("\\{\\{resolve:ssm-secure:");
    /** Type/Property pairs that take {@code ssm-secure} references (the top-level property). */
    private static final Set<String> SECURE_PROPERTIES = Set.of(
            "AWS::DirectoryService::MicrosoftAD/Password", "AWS::DirectoryService::SimpleAD/Password",
            "AWS::ElastiCache::ReplicationGroup/AuthToken", "AWS::IAM::User/LoginProfile",
            "AWS::KinesisFirehose::DeliveryStream/RedshiftDestinationConfiguration", "AWS::OpsWorks::App/AppSource",
            "AWS::OpsWorks::Stack/CustomCookbooksSource", "AWS::OpsWorks::Stack/RdsDbInstances",
            "AWS::RDS::DBCluster/MasterUserPassword", "AWS::RDS::DBInstance/MasterUserPassword",
            "AWS::Redshift::Cluster/MasterUserPassword");

    private DynamicReferences() {
    }

    /** Refuses a template with {@code ssm-secure} references where CloudFormation does not take them. */
    public static void checkSecure(Template t) {
        List<String> refused = new ArrayList<>();
        for (Resource r : t.resources().values()) {
            if (!(r.properties() instanceof Map<?, ?> properties)) {
                continue;
            }
            properties.forEach((property, value) -> {
                if (mentionsSecure(value) && !SECURE_PROPERTIES.contains(r.type() + "/" + property)) {
                    refused.add(r.type() + "/Properties/" + property);
                }
            });
        }
        if (!refused.isEmpty()) {
            throw new TemplateException("SSM Secure reference is not supported in: " + refused);
        }
    }

    /** The properties with every reference replaced by its value, read in the stack's namespace. */
    public static Map<String, Object> resolve(Namespace ns, Map<String, Object> properties, SsmParameters ssm) {
        Map<String, Object> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> out.put(k, value(ns, v, ssm)));
        return out;
    }

    private static Object value(Namespace ns, Object v, SsmParameters ssm) {
        if (v instanceof String s) {
            return s.contains("{{resolve:") ? text(ns, s, ssm) : s;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, e) -> out.put(String.valueOf(k), value(ns, e, ssm)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(e -> value(ns, e, ssm)).toList();
        }
        return v;
    }

    private static String text(Namespace ns, String s, SsmParameters ssm) {
        Matcher m = REFERENCE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean secure = m.group(1).equals("ssm-secure");
            String reference = m.group(3) == null ? m.group(2) : m.group(2) + ":" + m.group(3);
            SsmParameters.Value found = ssm.find(ns, reference).orElseThrow(() -> new TemplateException(
                    "Unable to fetch parameters [" + m.group(2) + "] from parameter store for this account."));
            if (secure != found.type().equals("SecureString")) {
                throw new TemplateException("Parameter " + m.group(2) + " is a " + found.type() + ": resolve it with "
                        + (secure ? "{{resolve:ssm:...}}" : "{{resolve:ssm-secure:...}}")); // UNVERIFIED wording
            }
            m.appendReplacement(out, Matcher.quoteReplacement(found.value()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean mentionsSecure(Object v) {
        if (v instanceof String s) {
            return ANY_SECURE.matcher(s).find();
        }
        if (v instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(DynamicReferences::mentionsSecure);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(DynamicReferences::mentionsSecure);
        }
        return false;
    }
}
