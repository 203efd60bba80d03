package io.slipway.cloudformation.registry;

import io.slipway.cloudformation.resource.PhysicalNames;
import io.slipway.cloudformation.resource.ResourceRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out a recorded resource's Ref and attributes in AWS's shapes: names generated as
 * CloudFormation generates them, ids in the service's format, ARNs from the specification's
 * template. Every generated character comes from a hash of the stack, the logical id and, for a
 * replacement, the resource replaced, so the same request always gives the same values.
 */
final class Identity {
    private final ResourceTypeSpec spec;
    private final IdentityForms.Form form;
    private final ResourceRequest request;
    private final String seed;
    private final int revision;
    private final Optional<String> replacing;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Integer> draws = new LinkedHashMap<>();
    private String name;

    /**
     * @param replacing the physical id of the resource this one replaces, if it replaces one
     */
    private Identity(ResourceTypeSpec spec, ResourceRequest request, Optional<String> replacing) {
        this.spec = spec;
        this.form = IdentityForms.of(spec.typeName()).orElseGet(() -> fallbackForm(spec));
        this.request = request;
        this.replacing = replacing;
        this.seed = request.stackId() + "|" + request.logicalId() + replacing.map(r -> "|" + r).orElse("");
        this.revision = replacing.map(Identity::revisionAfter).orElse(1);
    }

    /** The physical id (what Ref answers) and every attribute, for a resource created or replacing {@code replacing}. */
    static Recorded of(ResourceTypeSpec spec, ResourceRequest request, Optional<String> replacing) {
        return new Identity(spec, request, replacing).work();
    }

    /** What the identity came to: the physical id and the attributes. */
    record Recorded(String physicalId, Map<String, Object> attributes) {
    }

    private Recorded work() {
        form.nameProperty().ifPresent(p -> values.put(p, name()));
        form.values().forEach((k, template) -> {
            if (!values.containsKey(k)) { // a later value may have been asked for early, by an earlier one
                Object v = value(k, template);
                values.putIfAbsent(k, v);
            }
        });
        String ref = form.ref().map(this::resolve).orElseGet(this::defaultRef);
        Map<String, Object> attributes = new LinkedHashMap<>();
        spec.attributes().forEach((attribute, type) -> attributes.put(attribute, attribute(attribute, type)));
        return new Recorded(ref, attributes);
    }

    /** Without a table entry: named by its single primary identifier when that is a string property. */
    private static IdentityForms.Form fallbackForm(ResourceTypeSpec spec) {
        if (spec.primaryIdentifier().size() == 1) {
            PropertySpec p = spec.properties().get(spec.primaryIdentifier().get(0));
            if (p != null && p.type() instanceof ValueType.Scalar s && s.kind() == ValueType.Kind.STRING) {
                return new IdentityForms.Form(Optional.of(p.name()), 64, false, Optional.empty(), "", Optional.empty(), Map.of());
            }
        }
        return IdentityForms.Form.NONE;
    }

    private String defaultRef() {
        List<String> ids = !spec.refIdentifier().isEmpty() && spec.refIdentifier().size() == 1 ? spec.refIdentifier()
                : spec.primaryIdentifier();
        if (ids.isEmpty()) {
            return resolve("generated");
        }
        List<String> parts = new ArrayList<>();
        for (String id : ids) {
            parts.add(resolve(id));
        }
        return String.join("|", parts); // Cloud Control's form of a compound identifier
    }

    private Object attribute(String attribute, ValueType type) {
        Object computed = values.get(attribute);
        if (computed != null) {
            return computed;
        }
        Object property = request.properties().get(attribute);
        if (property != null) {
            return RecordedValues.attributeValue(property);
        }
        if (type instanceof ValueType.ArrayOf) {
            return List.of();
        }
        if (type instanceof ValueType.Scalar s) {
            switch (s.kind()) {
                case INTEGER, NUMBER -> {
                    return "0";
                }
                case BOOLEAN -> {
                    return "false";
                }
                default -> {
                }
            }
        }
        if (spec.primaryIdentifier().size() == 1 && spec.primaryIdentifier().get(0).equals(attribute)) {
            return form.ref().map(this::resolve).orElseGet(this::defaultRef);
        }
        return resolve(attribute);
    }

    private Object value(String key, String template) {
        if (template.startsWith("[") && template.endsWith("]")) {
            String inner = template.substring(1, template.length() - 1);
            List<String> out = new ArrayList<>();
            if (!inner.isEmpty()) {
                for (String element : inner.split(",")) {
                    out.add(expand(key, element));
                }
            }
            return out;
        }
        return expand(key, template);
    }

    /** The name: the template's, or one generated as CloudFormation does (a replacement gets a new one). */
    private String name() {
        if (name != null) {
            return name;
        }
        Optional<Object> chosen = form.nameProperty().map(p -> request.properties().get(p));
        if (chosen.isPresent()) {
            name = String.valueOf(chosen.get());
            return name;
        }
        boolean fifo = form.fifoProperty().map(p -> request.properties().get(p))
                .filter(v -> String.valueOf(v).equalsIgnoreCase("true")).isPresent();
        int max = form.maxLength() - (fifo ? form.fifoSuffix().length() : 0);
        String generated = generated(max);
        name = (form.lower() ? generated.toLowerCase(java.util.Locale.ROOT) : generated) + (fifo ? form.fifoSuffix() : "");
        return name;
    }

    private String generated(int max) {
        int room = Math.max(16, max);
        return replacing.map(r -> PhysicalNames.replacement(request, r, room)).orElseGet(() -> PhysicalNames.generate(request, room));
    }

    /** What {@code ${var}} stands for. */
    private String resolve(String var) {
        switch (var) {
            case "Partition" -> {
                return request.ns().region().startsWith("cn-") ? "aws-cn"
                        : request.ns().region().startsWith("us-gov-") ? "aws-us-gov" : "aws";
            }
            case "Region" -> {
                return request.ns().region();
            }
            case "Account" -> {
                return request.ns().account();
            }
            case "name" -> {
                return name();
            }
            case "generated" -> {
                return generated(255);
            }
            case "arn" -> {
                return arn();
            }
            default -> {
            }
        }
        Object computed = values.get(var);
        if (computed instanceof String s) {
            return s;
        }
        Object property = request.properties().get(var);
        if (property instanceof String || property instanceof Number || property instanceof Boolean) {
            return String.valueOf(property);
        }
        if (form.values().containsKey(var) && !values.containsKey(var)) {
            Object v = value(var, form.values().get(var)); // a later value asked for early
            values.put(var, v);
            return String.valueOf(v);
        }
        if (var.endsWith("Name") || var.equals("Name")) {
            return name();
        }
        if (var.endsWith("Arn") || var.endsWith("ARN")) {
            return arn();
        }
        String id = draw(var, "uuid");
        values.put(var, id);
        return id;
    }

    private String arn() {
        return spec.arnTemplate().map(t -> expand("arn", t)).orElseGet(() -> "arn:" + resolve("Partition") + ":"
                + spec.typeName().split("::")[1].toLowerCase(java.util.Locale.ROOT) + ":" + resolve("Region") + ":"
                + resolve("Account") + ":" + spec.typeName().split("::")[2].toLowerCase(java.util.Locale.ROOT) + "/" + name());
    }

    /** Expands a template: {@code ${var}} (with {@code ?default}, {@code :last}, {@code /from/to}) and {@code {token}}. */
    String expand(String key, String template) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                int end = closing(template, i + 1);
                out.append(variable(key, template.substring(i + 2, end)));
                i = end + 1;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                String token = end < 0 ? "" : template.substring(i + 1, end);
                String drawn = token.isEmpty() ? null : tryDraw(key, token);
                if (drawn == null) {
                    out.append(c);
                    i++;
                } else {
                    out.append(drawn);
                    i = end + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int closing(String template, int open) {
        int depth = 0;
        for (int j = open; j < template.length(); j++) {
            if (template.charAt(j) == '{') {
                depth++;
            } else if (template.charAt(j) == '}' && --depth == 0) {
                return j;
            }
        }
        throw new IllegalArgumentException("unclosed ${ in " + template);
    }

    private String variable(String key, String expression) {
        int q = expression.indexOf('?');
        String head = q < 0 ? expression : expression.substring(0, q);
        Optional<String> fallback = q < 0 ? Optional.empty() : Optional.of(expression.substring(q + 1));
        String filter = "";
        int f = indexOfAny(head, ":/");
        if (f > 0) {
            filter = head.substring(f);
            head = head.substring(0, f);
        }
        String value;
        if (fallback.isPresent() && !known(head)) {
            value = expand(key, fallback.get());
        } else {
            value = resolve(head);
        }
        if (filter.equals(":last")) {
            value = value.substring(Math.max(value.lastIndexOf('/'), value.lastIndexOf(':')) + 1);
        } else if (filter.startsWith("/")) {
            String[] fromTo = filter.substring(1).split("/", 2);
            value = value.replaceFirst(java.util.regex.Pattern.quote(fromTo[0]), java.util.regex.Matcher.quoteReplacement(fromTo[1]));
        }
        return value;
    }

    private boolean known(String var) {
        Object property = request.properties().get(var);
        return values.get(var) instanceof String || property instanceof String || property instanceof Number
                || property instanceof Boolean;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private String draw(String key, String token) {
        String drawn = tryDraw(key, token);
        if (drawn == null) {
            throw new IllegalArgumentException("unknown token " + token);
        }
        return drawn;
    }

    /** Generated characters for {@code {token}}, or null when the braces hold no token. */
    private String tryDraw(String key, String token) {
        int n = draws.merge(key, 1, Integer::sum);
        return GeneratedCharacters.draw(seed + "|" + key + "|" + n, token, revision);
    }

    /** The revision after the one a versioned resource's id ends with ({@code …:3} → 4), else 2. */
    private static int revisionAfter(String physicalId) {
        int colon = physicalId.lastIndexOf(':');
        try {
            return colon < 0 ? 2 : Integer.parseInt(physicalId.substring(colon + 1)) + 1;
        } catch (NumberFormatException e) {
            return 2;
        }
    }
}
