package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SAM resolves of a value before it hashes or reads it: {@code Ref} of a parameter (or pseudo
 * parameter) and {@code ${Name}} in {@code Fn::Sub}, anywhere inside; everything else (GetAtt, Refs to
 * resources, other functions) is kept. The input is not changed: the answer is a copy.
 */
final class ParameterRefs {
    /** The {@code ${...}} SAM looks at inside Fn::Sub: names with dots, or pseudo parameters. */
    static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9.]+|AWS::[A-Z][A-Za-z]*)}");

    private ParameterRefs() {
    }

    static Object resolve(Object value, Map<String, Object> parameters) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(element -> out.add(resolve(element, parameters)));
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, parameters)));
        if (out.size() != 1) {
            return out;
        }
        if (out.get("Ref") instanceof String name && parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Object sub = out.get("Fn::Sub");
        if (sub instanceof String text) {
            out.put("Fn::Sub", substitute(text, parameters));
        } else if (sub instanceof List<?> parts && !parts.isEmpty() && parts.getFirst() instanceof String text) {
            List<Object> replaced = new ArrayList<>(parts);
            replaced.set(0, substitute(text, parameters));
            out.put("Fn::Sub", replaced);
        }
        return out;
    }

    private static String substitute(String text, Map<String, Object> parameters) {
        Matcher m = SUB_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = parameters.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value instanceof String s ? s : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
