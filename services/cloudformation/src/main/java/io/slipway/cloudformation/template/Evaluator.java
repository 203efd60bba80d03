package io.slipway.cloudformation.template;

import java.util.Map;

/**
 * Resolves a template's intrinsic functions and conditions for one stack operation: the parameter
 * values it runs with, and the stack's resources and exports as the context knows them.
 */
public final class Evaluator {

    public Evaluator(Template template, Map<String, String> parameters, EvaluationContext context) {
        throw new UnsupportedOperationException("intrinsic functions are not evaluated yet");
    }

    /** A named condition; TemplateException if the template has none of that name. */
    public boolean condition(String name) {
        throw new UnsupportedOperationException();
    }

    /** Whether the resource is part of the stack: its Condition holds, or it has none. */
    public boolean included(Resource r) {
        throw new UnsupportedOperationException();
    }

    /** A raw value with every intrinsic function resolved and AWS::NoValue removed. */
    public Object evaluate(Object raw) {
        throw new UnsupportedOperationException();
    }

    /** The resource's evaluated properties, empty when it has none. */
    public Map<String, Object> properties(Resource r) {
        throw new UnsupportedOperationException();
    }

    /** Included outputs evaluated to strings (lists comma-joined), in declaration order. */
    public Map<String, String> outputs() {
        throw new UnsupportedOperationException();
    }

    /** Export name -&gt; value of the included outputs that have an Export. */
    public Map<String, String> exports() {
        throw new UnsupportedOperationException();
    }
}
