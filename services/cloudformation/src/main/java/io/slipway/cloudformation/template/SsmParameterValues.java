package io.slipway.cloudformation.template;

import io.slipway.core.Namespace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Template parameters of the {@code AWS::SSM::Parameter::Value<...>} types: the value given is a
 * parameter name, and what Ref answers is that parameter's value, read at each create, update
 * and change set. The resolved value is kept beside the given one, under a key no parameter can
 * have (names are alphanumeric), so that UsePreviousValue keeps the name and reads it again while
 * DescribeStacks shows both.
 */
public final class SsmParameterValues {
    private static final String PREFIX = "AWS::SSM::Parameter::Value<";
    private static final String RESOLVED = ".ResolvedValue";

    private SsmParameterValues() {
    }

    /** Whether the parameter's value names an SSM parameter whose value is used. */
    public static boolean resolved(Parameter p) {
        return p.type().startsWith(PREFIX);
    }

    /** The type inside {@code AWS::SSM::Parameter::Value<...>}, or empty for another type. */
    static Optional<String> valueType(String type) {
        return type.startsWith(PREFIX) && type.endsWith(">")
                ? Optional.of(type.substring(PREFIX.length(), type.length() - 1)) : Optional.empty();
    }

    /**
     * The values with each SSM-typed parameter's current value added; a name that no parameter of
     * the stack's account and region has fails the operation, as CloudFormation fails it.
     */
    public static Map<String, String> resolve(Namespace ns, Template t, Map<String, String> values, SsmParameters ssm) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        values.forEach((name, value) -> {
            if (name.endsWith(RESOLVED)) {
                return; // an earlier resolution: read again
            }
            out.put(name, value);
            Parameter p = t.parameters().get(name);
            if (p != null && resolved(p)) {
                ssm.find(ns, value).ifPresentOrElse(v -> out.put(name + RESOLVED, v.value()), () -> missing.add(value));
            }
        });
        if (!missing.isEmpty()) {
            throw new TemplateException("Unable to fetch parameters " + missing + " from parameter store for this account.");
        }
        return out;
    }

    /** What Ref answers for a parameter: its resolved value when it has one. */
    static String valueOf(Map<String, String> values, String name) {
        String resolved = values.get(name + RESOLVED);
        return resolved != null ? resolved : values.get(name);
    }

    /** The resolved value of a parameter, for DescribeStacks' ResolvedValue. */
    public static Optional<String> resolvedValue(Map<String, String> values, String name) {
        return Optional.ofNullable(values.get(name + RESOLVED));
    }

    /** Whether a key of the values is a resolution rather than a parameter. */
    public static boolean isResolution(String key) {
        return key.endsWith(RESOLVED);
    }
}
