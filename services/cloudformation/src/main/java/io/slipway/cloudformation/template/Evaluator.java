package io.slipway.cloudformation.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Resolves a template's intrinsic functions and conditions for one stack operation: the parameter
 * values it runs with, and the stack's resources and exports as the context knows them. Conditions
 * are evaluated when first needed and remembered, so an evaluator belongs to one operation.
 */
public final class Evaluator {
    private final Template template;
    private final Conditions conditions;
    private final Intrinsics intrinsics;

    /**
     * @param parameters the values from {@link ParameterValues#resolve}
     */
    public Evaluator(Template template, Map<String, String> parameters, EvaluationContext context) {
        this.template = template;
        // The Conditions block sees parameters and pseudo parameters only, never resources.
        Intrinsics inConditions = new Intrinsics(template,
                new References(template, parameters, context, Optional.empty()), Optional.empty());
        this.conditions = new Conditions(template.conditions(), inConditions::evaluate);
        Predicate<Resource> included = this::included;
        this.intrinsics = new Intrinsics(template,
                new References(template, parameters, context, Optional.of(included)), Optional.of(conditions));
    }

    /** A named condition; TemplateException if the template has none of that name. */
    public boolean condition(String name) {
        if (!conditions.contains(name)) {
            throw TemplateException.format("Unresolved condition dependency " + name);
        }
        return conditions.holds(name);
    }

    /** Whether the resource is part of the stack: its Condition holds, or it has none. */
    public boolean included(Resource r) {
        return r.condition().map(this::condition).orElse(true);
    }

    /**
     * A raw value with every intrinsic function resolved: plain maps, lists, strings, numbers and
     * booleans, with AWS::NoValue members removed (a value that is AWS::NoValue itself gives null).
     *
     * @throws IllegalStateException if it refers to a resource that does not exist yet
     */
    public Object evaluate(Object raw) {
        Object value = intrinsics.evaluate(raw);
        return value == Intrinsics.NO_VALUE ? null : value;
    }

    /** The resource's evaluated properties, empty when it has none. */
    public Map<String, Object> properties(Resource r) {
        if (r.properties() == null) {
            return Map.of();
        }
        Object value = evaluate(r.properties());
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw TemplateException.format("[/Resources/" + r.logicalId() + "/Properties] Properties must be an object");
        }
        @SuppressWarnings("unchecked") Map<String, Object> properties = (Map<String, Object>) map;
        return properties;
    }

    /** Included outputs evaluated to strings (lists comma-joined), in declaration order. */
    public Map<String, String> outputs() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Output output : template.outputs().values()) {
            if (output.condition().map(this::condition).orElse(true)) {
                Object value = evaluate(output.value());
                if (value != null) {
                    values.put(output.name(), text(output, value));
                }
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** Export name -&gt; value of the included outputs that have an Export. */
    public Map<String, String> exports() {
        Map<String, String> values = outputs();
        Map<String, String> exports = new LinkedHashMap<>();
        for (Output output : template.outputs().values()) {
            if (output.exportName().isPresent() && values.containsKey(output.name())) {
                Object name = evaluate(output.exportName().get());
                if (!(name instanceof String exportName) || exportName.isEmpty()) {
                    throw TemplateException.error("Output " + output.name() + ": Export Name must resolve to a non-empty string");
                }
                if (exports.putIfAbsent(exportName, values.get(output.name())) != null) {
                    throw TemplateException.error("Output " + output.name() + ": the export name " + exportName
                            + " is already used by another output of this template");
                }
            }
        }
        return Collections.unmodifiableMap(exports);
    }

    private static String text(Output output, Object value) {
        if (Scalars.isScalar(value)) {
            return Scalars.text(value);
        }
        if (value instanceof List<?> list && list.stream().allMatch(Scalars::isScalar)) {
            return String.join(",", list.stream().map(Scalars::text).toList());
        }
        throw TemplateException.format("The Value of output " + output.name() + " must be a string or a list of strings");
    }
}
