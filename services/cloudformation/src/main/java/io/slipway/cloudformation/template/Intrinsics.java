package io.slipway.cloudformation.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves intrinsic functions in raw template values. A value is a function when it is a map with one
 * key that names one; every other map, list and scalar is copied with its members resolved, and
 * members that resolve to AWS::NoValue are left out, as CloudFormation does. Everything produced is
 * charged to the evaluation's {@link EvaluationBudget}.
 */
final class Intrinsics {
    /** What Ref AWS::NoValue resolves to until the enclosing map or list drops it. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    static final Set<String> FUNCTIONS = Set.of("Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split",
            "Fn::If", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Fn::FindInMap", "Fn::GetAZs", "Fn::ImportValue",
            "Fn::Base64", "Fn::Cidr");

    private final Template template;
    private final References references;
    /** Empty in the Conditions block, where Fn::If has no conditions to choose by. */
    private final Optional<Conditions> conditions;
    private final EvaluationBudget budget;

    Intrinsics(Template template, References references, Optional<Conditions> conditions, EvaluationBudget budget) {
        this.template = template;
        this.references = references;
        this.conditions = conditions;
        this.budget = budget;
    }

    /** Whether a raw value is a function call: a single-key map whose key is Ref or starts with Fn::. */
    static Optional<String> function(Object raw) {
        if (raw instanceof Map<?, ?> map && map.size() == 1 && map.keySet().iterator().next() instanceof String key
                && (key.equals("Ref") || key.startsWith("Fn::"))) {
            return Optional.of(key);
        }
        return Optional.empty();
    }

    Object evaluate(Object raw) {
        Optional<String> function = function(raw);
        if (function.isPresent()) {
            return call(function.get(), ((Map<?, ?>) raw).get(function.get()), raw);
        }
        if (raw instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                String name = String.valueOf(key);
                budget.spend(name.length() + 1);
                Object resolved = evaluate(value);
                if (resolved != NO_VALUE) {
                    result.put(name, resolved);
                }
            });
            return Collections.unmodifiableMap(result);
        }
        if (raw instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            for (Object element : list) {
                budget.spend(1);
                Object resolved = evaluate(element);
                if (resolved != NO_VALUE) {
                    result.add(resolved);
                }
            }
            return Collections.unmodifiableList(result);
        }
        budget.spend(EvaluationBudget.size(raw));
        return raw;
    }

    /**
     * Functions that make new values are charged with what they answer (Fn::Join, Fn::Sub and
     * Fn::Base64 before they build it); Fn::Select, Fn::If and Fn::FindInMap answer values whose
     * evaluation was charged already.
     */
    private Object call(String function, Object argument, Object raw) {
        return switch (function) {
            case "Ref" -> budget.charge(ref(argument));
            case "Fn::GetAtt" -> budget.charge(getAtt(argument));
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> join(argument);
            case "Fn::Select" -> select(argument);
            case "Fn::Split" -> budget.charge(split(argument));
            case "Fn::If" -> choose(argument);
            case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not" -> conditions().test(raw);
            case "Fn::FindInMap" -> findInMap(argument);
            case "Fn::GetAZs" -> budget.charge(availabilityZones(argument));
            case "Fn::ImportValue" -> budget.charge(importValue(argument));
            case "Fn::Base64" -> budget.charge(base64(argument));
            case "Fn::Cidr" -> budget.charge(cidr(argument));
            default -> throw unsupported(function);
        };
    }

    private String base64(Object argument) {
        String text = text(argument, "every Fn::Base64 object must have a String-typed value.");
        budget.spend(text.length() * 4L / 3 + 4); // before encoding: the result is a third larger than its text
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static TemplateException unsupported(String function) {
        return TemplateException.format("Encountered unsupported function: " + function + " Supported functions are: "
                + FUNCTIONS.stream().sorted().toList());
    }

    private Object ref(Object argument) {
        if (!(argument instanceof String name)) {
            throw TemplateException.error("All References must be of type string");
        }
        return references.ref(name);
    }

    private Object getAtt(Object argument) {
        List<?> pair = argument instanceof String text && text.indexOf('.') > 0
                ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1))
                : argument instanceof List<?> list ? list : List.of();
        Object attribute = pair.size() == 2 ? evaluate(pair.get(1)) : null;
        if (!(pair.size() == 2 && pair.get(0) instanceof String logicalId && !logicalId.isEmpty()
                && attribute instanceof String name && !name.isEmpty())) {
            throw TemplateException.error("every Fn::GetAtt object requires two non-empty parameters,"
                    + " the resource name and the resource attribute");
        }
        return references.attribute(logicalId, name);
    }

    private String sub(Object argument) {
        Substitution.Arguments arguments = Substitution.Arguments.of(argument);
        if (!(evaluate(arguments.text()) instanceof String text)) {
            throw Substitution.malformed();
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        arguments.variables().forEach((name, value) -> variables.put(String.valueOf(name), evaluate(value)));
        return Substitution.substitute(text, name -> variables.containsKey(name) ? variables.get(name) : references.variable(name),
                budget::spend);
    }

    private String join(Object argument) {
        String malformed = "every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of"
                + " strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.";
        if (!(argument instanceof List<?> pair) || pair.size() != 2
                || !(evaluate(pair.get(0)) instanceof String delimiter)
                || !(evaluate(pair.get(1)) instanceof List<?> values) || !values.stream().allMatch(Scalars::isScalar)) {
            throw TemplateException.error(malformed);
        }
        List<String> texts = values.stream().map(Scalars::text).toList();
        long length = (long) delimiter.length() * Math.max(texts.size() - 1, 0);
        for (String t : texts) {
            length += t.length();
        }
        budget.spend(length); // before joining: a long delimiter repeats once per element
        return String.join(delimiter, texts);
    }

    private Object select(Object argument) {
        String malformed = "Fn::Select requires a list argument with two elements: an integer index and a list";
        if (!(argument instanceof List<?> pair) || pair.size() != 2) {
            throw TemplateException.error(malformed);
        }
        Object index = evaluate(pair.get(0));
        int at;
        try {
            at = Integer.parseInt(Scalars.isScalar(index) ? Scalars.text(index) : "");
        } catch (NumberFormatException e) {
            throw TemplateException.error("Fn::Select requires a list argument with a valid index value as its first element");
        }
        if (!(evaluate(pair.get(1)) instanceof List<?> values)) {
            throw TemplateException.error(malformed);
        }
        if (at < 0 || at >= values.size()) {
            throw TemplateException.error("Fn::Select cannot select nonexistent value at index " + at);
        }
        return values.get(at);
    }

    private List<String> split(Object argument) {
        if (!(argument instanceof List<?> pair) || pair.size() != 2
                || !(evaluate(pair.get(0)) instanceof String delimiter) || delimiter.isEmpty()
                || !(evaluate(pair.get(1)) instanceof String source)) {
            throw TemplateException.error("every Fn::Split object requires two parameters, (1) a string delimiter and"
                    + " (2) a string to be split or a function that returns a string to be split.");
        }
        return List.of(source.split(Pattern.quote(delimiter), -1));
    }

    /** Only the chosen branch is evaluated, so the other may refer to resources the stack does not have. */
    private Object choose(Object argument) {
        if (!(argument instanceof List<?> list) || list.size() != 3 || !(list.getFirst() instanceof String name)) {
            throw TemplateException.error("Fn::If requires a list argument with three elements");
        }
        Conditions known = conditions();
        if (!known.contains(name)) {
            throw TemplateException.error("unresolved condition dependency " + name + " in Fn::If");
        }
        return evaluate(list.get(known.holds(name) ? 1 : 2));
    }

    private Object findInMap(Object argument) {
        String malformed = "every Fn::FindInMap object requires three parameters, the map name, map key and the attribute for return value";
        if (!(argument instanceof List<?> all) || all.size() != 3 && !(all.size() == 4
                && all.get(3) instanceof Map<?, ?> options && options.size() == 1 && options.containsKey("DefaultValue"))) {
            throw TemplateException.error(malformed);
        }
        // AWS::LanguageExtensions: a fourth element {DefaultValue: v} answers v where the keys find nothing
        Optional<Object> fallback = all.size() == 4 ? Optional.of(((Map<?, ?>) all.get(3)).get("DefaultValue")) : Optional.empty();
        List<?> keys = all.subList(0, 3);
        List<String> path = keys.stream().map(this::evaluate).map(k -> {
            if (!Scalars.isScalar(k)) {
                throw TemplateException.error(malformed);
            }
            return Scalars.text(k);
        }).toList();
        if (!(template.mappings().get(path.get(0)) instanceof Map<?, ?> mapping)) {
            if (fallback.isPresent()) {
                return evaluate(fallback.get());
            }
            throw TemplateException.error("Mapping named '" + path.get(0) + "' is not present in the 'Mappings' section of template");
        }
        Object value = mapping.get(path.get(1)) instanceof Map<?, ?> second ? second.get(path.get(2)) : null;
        if (value == null && fallback.isPresent()) {
            return evaluate(fallback.get());
        }
        if (value == null) {
            throw TemplateException.error("Unable to get mapping for " + String.join("::", path));
        }
        return evaluate(value);
    }

    /** The region's zones as an account sees them ({@link AvailabilityZones}); "" is the stack's region. */
    private List<String> availabilityZones(Object argument) {
        String region = text(argument, "every Fn::GetAZs object must have a String-typed value.");
        return AvailabilityZones.of(region.isEmpty() ? references.context().region() : region);
    }

    private String importValue(Object argument) {
        String name = text(argument, "every Fn::ImportValue object must have a String-typed value.");
        return references.context().importValue(name)
                .orElseThrow(() -> new TemplateException("No export named " + name + " found"));
    }

    private List<String> cidr(Object argument) {
        if (!(argument instanceof List<?> list) || list.size() != 3) {
            throw TemplateException.error("Fn::Cidr requires a list argument with three elements: an address block, a count and the number of subnet bits");
        }
        String block = text(list.get(0), "Fn::Cidr requires an address block as its first element");
        int count = whole(list.get(1), "Fn::Cidr requires a whole number count as its second element");
        int bits = whole(list.get(2), "Fn::Cidr requires a whole number of subnet bits as its third element");
        return CidrBlocks.of(block, count, bits);
    }

    private String text(Object raw, String malformed) {
        Object value = evaluate(raw);
        if (!Scalars.isScalar(value)) {
            throw TemplateException.error(malformed);
        }
        return Scalars.text(value);
    }

    private int whole(Object raw, String malformed) {
        try {
            return Integer.parseInt(text(raw, malformed));
        } catch (NumberFormatException e) {
            throw TemplateException.error(malformed);
        }
    }

    private Conditions conditions() {
        return conditions.orElseThrow(() -> TemplateException.format(
                "Conditions can only be boolean operations on parameters and other conditions"));
    }
}
