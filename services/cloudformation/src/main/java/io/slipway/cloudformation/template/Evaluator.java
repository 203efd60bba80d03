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
 * are evaluated when first needed and remembered, so an evaluator belongs to one operation. All it
 * produces is counted against one {@link EvaluationBudget}: past {@link Quotas#EVALUATED_SIZE} it
 * fails with a TemplateException rather than build values without bound.
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
        EvaluationBudget budget = new EvaluationBudget();
        // The Conditions block sees parameters and pseudo parameters only, never resources.
        Intrinsics inConditions = new Intrinsics(template,
                new References(template, parameters, context, Optional.empty()), Optional.empty(), budget);
        this.conditions = new Conditions(template.conditions(), inConditions::evaluate);
        Predicate<Resource> included = this::included;
        this.intrinsics = new Intrinsics(template,
                new References(template, parameters, context, Optional.of(included)), Optional.of(conditions), budget);
    }

    /**
     * Evaluates every included resource's properties and every output once, as a stack operation will,
     * with stand-ins (their logical ids) for what resources answer, to refuse up front a template whose
     * values outgrow the evaluation budget. Other errors are left for the operation to report, where
     * resources answer for real.
     *
     * @throws TemplateException when the values outgrow the budget
     */
    public static void requireBoundedValues(Template template, Map<String, String> parameters, EvaluationContext context) {
        Evaluator planned = new Evaluator(template, parameters, new StandIns(context));
        for (Resource r : template.resources().values()) {
            attempt(() -> {
                if (planned.included(r)) {
                    planned.properties(r);
                }
            });
        }
        for (Output o : template.outputs().values()) {
            attempt(() -> {
                if (o.condition().map(planned::condition).orElse(true)) {
                    planned.evaluate(o.value());
                    o.exportName().ifPresent(planned::evaluate);
                }
            });
        }
    }

    private static void attempt(Runnable evaluation) {
        try {
            evaluation.run();
        } catch (EvaluationBudget.Exceeded e) {
            throw e;
        } catch (RuntimeException e) {
            // a stand-in is not what the resource will answer: the operation reports real errors
        }
    }

    /** What resources answer before they exist: their logical ids, for Ref and Fn::GetAtt alike. */
    private record StandIns(EvaluationContext context) implements EvaluationContext {
        @Override
        public String accountId() {
            return context.accountId();
        }

        @Override
        public String region() {
            return context.region();
        }

        @Override
        public String stackName() {
            return context.stackName();
        }

        @Override
        public String stackId() {
            return context.stackId();
        }

        @Override
        public Optional<String> physicalId(String logicalId) {
            return Optional.of(logicalId);
        }

        @Override
        public Optional<Object> attribute(String logicalId, String name) {
            return Optional.of(logicalId);
        }

        @Override
        public Optional<String> importValue(String exportName) {
            return context.importValue(exportName);
        }
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

    /**
     * The resource's evaluated UpdatePolicy, empty when it has none; what a provider reads of it
     * is the provider's business (only CodeDeployLambdaAliasUpdate is acted on).
     */
    public Map<String, Object> updatePolicy(Resource r) {
        Object value = r.updatePolicy() == null ? null : evaluate(r.updatePolicy());
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw TemplateException.format("[/Resources/" + r.logicalId() + "/UpdatePolicy] UpdatePolicy must be an object");
        }
        @SuppressWarnings("unchecked") Map<String, Object> policy = (Map<String, Object>) map;
        return policy;
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
