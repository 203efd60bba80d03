package io.slipway.cloudformation.template;

import io.slipway.core.codec.JsonCodec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code AWS::LanguageExtensions}, run when the stack operation starts, with the operation's
 * parameter values: {@code Fn::ForEach} loops in Resources, Outputs and Conditions (and inside
 * them, properties included) written out, with {@code ${Id}} / {@code &{Id}} (non-alphanumerics
 * dropped) in keys and strings (Fn::Sub's and condition names among them: ours, where AWS documents keys and
 * Fn::Sub) and {@code Ref: Id} replaced by each element;
 * {@code Fn::Length} and {@code Fn::ToJsonString} resolved (their arguments may use parameters,
 * mappings, conditions and pseudo parameters, not resources: our limit); DeletionPolicy and
 * UpdateReplacePolicy given by intrinsic functions resolved to their text. {@code Fn::FindInMap}'s
 * DefaultValue is resolved where the template is evaluated ({@link Intrinsics}).
 */
final class LanguageExtensions {
    static final String FOR_EACH = "Fn::ForEach::";
    private static final List<String> SECTIONS = List.of("Conditions", "Resources", "Outputs");

    private LanguageExtensions() {
    }

    static Map<String, Object> expand(Map<String, Object> sections, Transforms.Inputs in) {
        Map<String, Object> out = new LinkedHashMap<>(sections);
        Map<String, Parameter> parameters = ParameterReader.read(TemplateReader.section(sections, "Parameters"));
        Map<String, Object> mappings = TemplateReader.section(sections, "Mappings");
        Template declared = new Template(null, null, parameters, mappings, TemplateReader.section(sections, "Conditions"),
                Map.of(), Map.of(), "");
        Map<String, String> values = in.parameterValues().apply(declared);
        Evaluator loops = new Evaluator(declared, values, in.context());
        for (String section : SECTIONS) {
            if (out.get(section) instanceof Map<?, ?> map) {
                out.put(section, new Loops(loops).map(map, Map.of()));
            }
        }
        Functions conditions = new Functions(loops);
        if (out.get("Conditions") instanceof Map<?, ?> map) {
            out.put("Conditions", conditions.walk(map));
        }
        Template expanded = new Template(null, null, parameters, mappings, TemplateReader.section(out, "Conditions"),
                Map.of(), Map.of(), "");
        Evaluator evaluator = new Evaluator(expanded, values, in.context());
        Functions functions = new Functions(evaluator);
        for (String section : List.of("Resources", "Outputs")) {
            if (out.get(section) instanceof Map<?, ?> map) {
                out.put(section, functions.walk(map));
            }
        }
        if (out.get("Resources") instanceof Map<?, ?> resources) {
            resources.values().forEach(r -> policies(r, evaluator));
        }
        return out;
    }

    /** Without the transform its functions are unknown, as CloudFormation reports them. */
    static void refuseWithoutTransform(Map<String, Object> sections) {
        for (String section : SECTIONS) {
            refuse(sections.get(section));
        }
    }

    private static void refuse(Object value) {
        if (value instanceof Map<?, ?> map) {
            Intrinsics.function(value).filter(f -> f.equals("Fn::Length") || f.equals("Fn::ToJsonString")).ifPresent(f -> {
                throw Intrinsics.unsupported(f);
            });
            map.values().forEach(LanguageExtensions::refuse);
        } else if (value instanceof List<?> list) {
            list.forEach(LanguageExtensions::refuse);
        }
    }

    @SuppressWarnings("unchecked")
    private static void policies(Object resource, Evaluator evaluator) {
        if (!(resource instanceof Map<?, ?> attributes)) {
            return;
        }
        for (String policy : List.of("DeletionPolicy", "UpdateReplacePolicy")) {
            Object value = attributes.get(policy);
            if (value != null && !(value instanceof String)) {
                Object resolved = evaluator.evaluate(value);
                if (!(resolved instanceof String)) {
                    throw TemplateException.format(policy + " must resolve to a string.");
                }
                ((Map<String, Object>) attributes).put(policy, resolved);
            }
        }
    }

    /** Fn::ForEach written out. Bindings map each identifier in scope to its element. */
    private record Loops(Evaluator evaluator) {
        Map<String, Object> map(Map<?, ?> map, Map<String, String> bindings) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.startsWith(FOR_EACH)) {
                    loop(key, v, bindings, out);
                } else {
                    put(out, substitute(key, bindings), value(v, bindings));
                }
            });
            return out;
        }

        private void loop(String name, Object loop, Map<String, String> bindings, Map<String, Object> out) {
            if (name.length() == FOR_EACH.length() || !TemplateReader.ALPHANUMERIC.matcher(name.substring(FOR_EACH.length())).matches()
                    || !(loop instanceof List<?> parts) || parts.size() != 3 || !(parts.get(0) instanceof String identifier)
                    || !(parts.get(2) instanceof Map<?, ?> fragment)) {
                throw TemplateException.error(name + " must be a list of an identifier, a collection and an object"
                        + " whose keys name what each element makes.");
            }
            for (String element : collection(name, value(parts.get(1), bindings))) {
                Map<String, String> inner = new HashMap<>(bindings);
                inner.put(identifier, element);
                map(fragment, inner).forEach((k, v) -> put(out, k, v));
            }
        }

        private List<String> collection(String name, Object raw) {
            Object resolved = raw instanceof List<?> list ? list.stream().map(evaluator::evaluate).toList() : evaluator.evaluate(raw);
            if (!(resolved instanceof List<?> list) || !list.stream().allMatch(Scalars::isScalar)) {
                throw TemplateException.error(name + ": the collection must resolve to a list of strings.");
            }
            return list.stream().map(Scalars::text).toList();
        }

        private Object value(Object value, Map<String, String> bindings) {
            if (bindings.isEmpty()) {
                return value instanceof Map<?, ?> m ? map(m, bindings) : value instanceof List<?> l ? list(l, bindings) : value;
            }
            if (value instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String name && bindings.containsKey(name)) {
                return bindings.get(name);
            }
            if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::Sub")) {
                Object sub = m.get("Fn::Sub");
                Object text = sub instanceof String s ? substitute(s, bindings)
                        : sub instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String s
                        ? concat(substitute(s, bindings), list(l.subList(1, l.size()), bindings)) : value(sub, bindings);
                return Map.of("Fn::Sub", text);
            }
            if (value instanceof String text) {
                return substitute(text, bindings);
            }
            return value instanceof Map<?, ?> m ? map(m, bindings) : value instanceof List<?> l ? list(l, bindings) : value;
        }

        private List<Object> list(List<?> list, Map<String, String> bindings) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(value(v, bindings)));
            return out;
        }

        private static List<Object> concat(Object first, List<Object> rest) {
            List<Object> out = new ArrayList<>(rest.size() + 1);
            out.add(first);
            out.addAll(rest);
            return out;
        }

        private static void put(Map<String, Object> out, String key, Object value) {
            if (out.putIfAbsent(key, value) != null) {
                throw TemplateException.error("Fn::ForEach made the key " + key + " more than once.");
            }
        }

        private static String substitute(String text, Map<String, String> bindings) {
            if (bindings.isEmpty() || (!text.contains("${") && !text.contains("&{"))) {
                return text;
            }
            String out = text;
            for (var b : bindings.entrySet()) {
                out = out.replace("${" + b.getKey() + "}", b.getValue())
                        .replace("&{" + b.getKey() + "}", b.getValue().replaceAll("[^A-Za-z0-9]", ""));
            }
            return out;
        }
    }

    /** Fn::Length and Fn::ToJsonString resolved, innermost first. */
    private record Functions(Evaluator evaluator) {
        Object walk(Object value) {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), walk(v)));
                if (out.size() == 1 && out.containsKey("Fn::Length")) {
                    Object list = evaluator.evaluate(out.get("Fn::Length"));
                    if (!(list instanceof List<?> elements)) {
                        throw TemplateException.error("Fn::Length must be given a list.");
                    }
                    return elements.size();
                }
                if (out.size() == 1 && out.containsKey("Fn::ToJsonString")) {
                    Object json = evaluator.evaluate(out.get("Fn::ToJsonString"));
                    if (!(json instanceof Map<?, ?>) && !(json instanceof List<?>)) {
                        throw TemplateException.error("Fn::ToJsonString must be given an object or a list.");
                    }
                    return JsonCodec.writeDocument(json);
                }
                return out;
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(v -> out.add(walk(v)));
                return out;
            }
            return value;
        }
    }
}
