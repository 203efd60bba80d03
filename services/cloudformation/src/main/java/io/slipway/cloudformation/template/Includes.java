package io.slipway.cloudformation.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code AWS::Include}: a snippet kept in S3 ({@code s3://bucket/key} or an S3 https URL, read in the
 * stack's account like a TemplateURL) put in place of {@code Fn::Transform: {Name: AWS::Include,
 * Parameters: {Location: ...}}} (its other keys merged with a snippet that is an object), or, named
 * in the Transform section, merged into the template's top-level sections. Snippets may include
 * others, to a depth and a count that are Slipway's bounds.
 */
final class Includes {
    static final String FUNCTION = "Fn::Transform";
    /** Ours: how deep snippets may include snippets, and how many one template may read. */
    private static final int DEPTH = 10;
    private static final int READS = 100;

    private final Transforms.Inputs in;
    private int reads;

    private Includes(Transforms.Inputs in) {
        this.in = in;
    }

    static boolean present(Map<?, ?> root) {
        return contains(root) || Transforms.names(root.get("Transform")).contains(Transforms.INCLUDE);
    }

    private static boolean contains(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey(FUNCTION)) {
                return true;
            }
            for (Object v : map.values()) {
                if (contains(v)) {
                    return true;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                if (contains(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The sections with every include in place; {@code transform} is the Transform section, already removed. */
    static Map<String, Object> expand(Map<String, Object> sections, Transforms.Inputs in, Object transform) {
        Includes includes = new Includes(in);
        Map<String, Object> out = new LinkedHashMap<>(sections);
        for (Object entry : transform instanceof List<?> list ? list : transform == null ? List.of() : List.of(transform)) {
            if (entry instanceof Map<?, ?> named && Transforms.INCLUDE.equals(named.get("Name"))) {
                if (!(includes.snippet(named.get("Parameters"), 0) instanceof Map<?, ?> top)) {
                    throw failed("The snippet included into the Transform section must be an object.");
                }
                top.forEach((section, value) -> {
                    String name = String.valueOf(section);
                    if (out.get(name) instanceof Map<?, ?> existing && value instanceof Map<?, ?> added) {
                        Map<String, Object> merged = Transforms.copy(existing);
                        merged.putAll(Transforms.copy(added));
                        out.put(name, merged);
                    } else {
                        out.put(name, value);
                    }
                });
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> walked = (Map<String, Object>) includes.walk(out, 0);
        return walked;
    }

    private Object walk(Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            Object include = map.get(FUNCTION);
            if (include != null) {
                if (!(include instanceof Map<?, ?> call) || !Transforms.INCLUDE.equals(call.get("Name"))) {
                    Object name = include instanceof Map<?, ?> m ? m.get("Name") : include;
                    // UNVERIFIED: AWS's wording for a macro that does not exist in the account
                    throw new TemplateException("No transform named " + in.ns().account() + "::" + name + " found.");
                }
                Object snippet = walk(snippet(call.get("Parameters"), depth), depth + 1);
                if (map.size() == 1) {
                    return snippet;
                }
                Map<String, Object> rest = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    if (!FUNCTION.equals(k)) {
                        rest.put(String.valueOf(k), walk(v, depth));
                    }
                });
                if (snippet instanceof Map<?, ?> fields) {
                    rest.putAll(Transforms.copy(fields));
                    return rest;
                }
                throw failed("A snippet included beside other keys must be an object.");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), walk(v, depth)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(walk(v, depth)));
            return out;
        }
        return value;
    }

    private Object snippet(Object parameters, int depth) {
        if (depth >= DEPTH || ++reads > READS) {
            throw failed("Too many nested or repeated includes (Slipway's bound: " + DEPTH + " deep, " + READS + " in all).");
        }
        if (!(parameters instanceof Map<?, ?> p) || !(p.get("Location") instanceof String location)) {
            throw failed("The Location parameter must be specified.");
        }
        TemplateLocation object = TemplateLocation.parse(location, in.ownHost(), true)
                .orElseThrow(() -> failed("The location parameter is not a valid S3 uri."));
        String text;
        try {
            text = in.objects().read(in.ns(), object, Quotas.TEMPLATE_URL_BYTES);
        } catch (TemplateException e) {
            throw failed(e.getMessage());
        }
        Object snippet = Template.document(text);
        if (snippet == null) {
            throw failed("The snippet at " + location + " is empty.");
        }
        TemplateSize.check(snippet);
        return snippet;
    }

    /** UNVERIFIED beyond the prefix: the details are our wording. */
    private static TemplateException failed(String detail) {
        return new TemplateException("Transform " + Transforms.INCLUDE + " failed with: " + detail);
    }
}
