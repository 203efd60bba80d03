package io.slipway.cloudformation.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The template's named conditions, each evaluated once and only when asked for: a condition that no
 * included resource or output uses may refer to anything without failing the stack, as in AWS.
 */
final class Conditions {
    static final Set<String> FUNCTIONS = Set.of("Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition");

    private final Map<String, Object> definitions;
    /** Evaluates the operands of Fn::Equals, with what the Conditions block allows (no resources). */
    private final UnaryOperator<Object> values;
    private final Map<String, Boolean> known = new HashMap<>();
    private final Set<String> evaluating = new LinkedHashSet<>();

    Conditions(Map<String, Object> definitions, UnaryOperator<Object> values) {
        this.definitions = definitions;
        this.values = values;
    }

    boolean contains(String name) {
        return definitions.containsKey(name);
    }

    /** The value of a named condition that the caller knows to exist. */
    boolean holds(String name) {
        Boolean value = known.get(name);
        if (value != null) {
            return value;
        }
        if (!evaluating.add(name)) {
            List<String> cycle = new ArrayList<>(evaluating);
            throw TemplateException.format("Circular dependency between conditions: "
                    + cycle.subList(cycle.indexOf(name), cycle.size()));
        }
        try {
            Object definition = definitions.get(name);
            if (!isBoolean(definition)) {
                throw TemplateException.format("Conditions can only be boolean operations on parameters and other conditions");
            }
            value = test(definition);
        } finally {
            evaluating.remove(name);
        }
        known.put(name, value);
        return value;
    }

    static boolean isBoolean(Object raw) {
        return raw instanceof Map<?, ?> map && map.size() == 1 && FUNCTIONS.contains(map.keySet().iterator().next());
    }

    /** Evaluates a boolean function (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition). */
    boolean test(Object raw) {
        Map.Entry<?, ?> function = ((Map<?, ?>) raw).entrySet().iterator().next();
        Object argument = function.getValue();
        return switch ((String) function.getKey()) {
            case "Fn::Equals" -> same(argument);
            case "Fn::And" -> operands("Fn::And", argument).stream().allMatch(Boolean::booleanValue);
            case "Fn::Or" -> operands("Fn::Or", argument).stream().anyMatch(Boolean::booleanValue);
            case "Fn::Not" -> !not(argument);
            default -> named(argument);
        };
    }

    private boolean same(Object argument) {
        if (!(argument instanceof List<?> pair) || pair.size() != 2) {
            throw TemplateException.error("Fn::Equals requires a list argument with two elements");
        }
        return comparable(values.apply(pair.get(0))).equals(comparable(values.apply(pair.get(1))));
    }

    /** CloudFormation compares values as strings: 1 equals "1" and true equals "true". */
    private static Object comparable(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Conditions::comparable).toList();
        }
        return Scalars.isScalar(value) ? Scalars.text(value) : value;
    }

    /** Every operand is evaluated, so a broken one fails the condition whatever the others say. */
    private List<Boolean> operands(String function, Object argument) {
        if (!(argument instanceof List<?> list) || list.size() < 2 || list.size() > 10
                || !list.stream().allMatch(Conditions::isBoolean)) {
            throw TemplateException.error("every " + function
                    + " object requires a list of at least 2 and at most 10 boolean parameters.");
        }
        return list.stream().map(this::test).toList();
    }

    private boolean not(Object argument) {
        if (!(argument instanceof List<?> list) || list.size() != 1) {
            throw TemplateException.error("Fn::Not requires a list argument with one element");
        }
        if (!isBoolean(list.getFirst())) {
            throw TemplateException.error("Fn::Not requires a list argument with one function token");
        }
        return test(list.getFirst());
    }

    private boolean named(Object argument) {
        if (!(argument instanceof String name)) {
            throw TemplateException.error("All Conditions must be of type string");
        }
        if (!contains(name)) {
            throw TemplateException.format("Unresolved condition dependency " + name + " in the Conditions block of the template");
        }
        return holds(name);
    }
}
