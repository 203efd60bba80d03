package io.slipway.cloudformation.template.serverless;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The references SAM rewrites across the whole processed template (Outputs and Conditions included)
 * once every resource is expanded: to a SAM resource that now has another logical id (a layer's
 * {@code Ref}, {@code Fn::GetAtt}, {@code ${Layer}} and DependsOn), and to the generated resources a
 * SAM resource exposes ({@code !Ref Fn.Alias}, {@code !GetAtt Fn.Alias.Arn} in either of its list
 * forms, {@code ${Fn.Version}} and {@code ${Fn.Alias.Arn}} in Fn::Sub).
 */
final class SamReferences {
    private final Map<String, String> renamed;
    private final Map<String, String> properties;

    SamReferences(Map<String, String> renamed, Map<String, String> properties) {
        this.renamed = renamed;
        this.properties = properties;
    }

    /** Rewrites the sections in place (their values are replaced by rewritten copies). */
    void rewrite(Map<String, Object> sections) {
        if (renamed.isEmpty() && properties.isEmpty()) {
            return;
        }
        if (sections.get("Resources") instanceof Map<?, ?> resources) {
            for (Object resource : resources.values()) {
                if (resource instanceof Map<?, ?> map && map.containsKey("DependsOn")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> r = (Map<String, Object>) map;
                    r.put("DependsOn", dependsOn(r.get("DependsOn")));
                }
            }
        }
        sections.replaceAll((name, value) -> walk(value));
    }

    private Object dependsOn(Object value) {
        if (value instanceof String id) {
            return renamed.getOrDefault(id, id);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(v instanceof String id ? renamed.getOrDefault(id, id) : v));
            return out;
        }
        return value;
    }

    private Object walk(Object value) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(walk(v)));
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), walk(v)));
        if (out.size() == 1) {
            rewriteFunction(out);
        }
        return out;
    }

    private void rewriteFunction(Map<String, Object> function) {
        if (function.get("Ref") instanceof String ref) {
            function.put("Ref", ref(ref));
        } else if (function.get("Fn::GetAtt") instanceof List<?> args && args.size() >= 2
                && args.stream().allMatch(String.class::isInstance)) {
            function.put("Fn::GetAtt", getAtt(args.stream().map(String.class::cast).toList()));
        } else if (function.get("Fn::Sub") instanceof String text) {
            function.put("Fn::Sub", sub(text));
        } else if (function.get("Fn::Sub") instanceof List<?> parts && !parts.isEmpty() && parts.getFirst() instanceof String text) {
            List<Object> replaced = new ArrayList<>(parts);
            replaced.set(0, sub(text));
            function.put("Fn::Sub", replaced);
        }
    }

    private String ref(String ref) {
        if (!ref.contains(".")) {
            return renamed.getOrDefault(ref, ref);
        }
        String[] parts = ref.split("\\.");
        String generated = parts.length == 2 ? properties.get(parts[0] + "." + parts[1]) : null;
        return generated != null ? generated : ref;
    }

    private List<Object> getAtt(List<String> args) {
        String[] parts = String.join(".", args).split("\\.");
        String generated = parts.length >= 2 ? properties.get(parts[0] + "." + parts[1]) : null;
        if (generated != null) {
            List<Object> out = new ArrayList<>();
            out.add(generated);
            out.addAll(Arrays.asList(parts).subList(2, parts.length));
            return out;
        }
        String id = renamed.get(parts[0]);
        if (id != null) {
            List<Object> out = new ArrayList<>();
            out.add(id);
            out.addAll(Arrays.asList(parts).subList(1, parts.length));
            return out;
        }
        return new ArrayList<>(args);
    }

    private String sub(String text) {
        Matcher m = ParameterRefs.SUB_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String reference = m.group(1);
            String[] parts = reference.split("\\.");
            String replacement = reference;
            String renamedId = renamed.get(parts[0]);
            if (renamedId != null) {
                replacement = renamedId + reference.substring(parts[0].length());
            } else if (parts.length >= 2 && properties.containsKey(parts[0] + "." + parts[1])) {
                replacement = properties.get(parts[0] + "." + parts[1])
                        + reference.substring(parts[0].length() + 1 + parts[1].length());
            }
            m.appendReplacement(out, Matcher.quoteReplacement("${" + replacement + "}"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
