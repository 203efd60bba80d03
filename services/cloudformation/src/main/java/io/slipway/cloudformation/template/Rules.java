package io.slipway.cloudformation.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The template's {@code Rules}: each rule whose {@code RuleCondition} holds (or that has none) has
 * its {@code Assertions} checked against the stack's parameter values before CreateStack,
 * UpdateStack or CreateChangeSet starts anything; the first assertion that does not hold refuses
 * the request with its {@code AssertDescription} as the ValidationError's message.
 *
 * <p>The rule functions: {@code Fn::And}, {@code Fn::Or}, {@code Fn::Not}, {@code Fn::Equals},
 * {@code Fn::Contains}, {@code Fn::EachMemberEquals}, {@code Fn::EachMemberIn}, {@code Fn::RefAll}
 * (here the values of the template's own parameters of the type: Slipway has no inventory of an
 * account's VPCs or subnets), and {@code Ref} to parameters and pseudo parameters (an SSM
 * parameter type gives the parameter's value, as CDK's CheckBootstrapVersion needs).
 * {@code Fn::ValueOf} and {@code Fn::ValueOfAll} read attributes of the AWS resources that
 * parameters name, which Slipway does not have: a rule that uses one is refused as such.
 */
public final class Rules {
    private final Template template;
    private final Map<String, String> parameters;
    private final Evaluator evaluator;

    private Rules(Template template, Map<String, String> parameters, Evaluator evaluator) {
        this.template = template;
        this.parameters = parameters;
        this.evaluator = evaluator;
    }

    /**
     * Checks every rule; a {@link TemplateException} whose message is the failing assertion's
     * description (our wording when it has none, UNVERIFIED), or a template error for a malformed rule.
     */
    public static void check(Template template, Map<String, String> parameters, Evaluator evaluator) {
        Rules rules = new Rules(template, parameters, evaluator);
        template.rules().forEach(rules::checkRule);
    }

    private void checkRule(String name, Object raw) {
        if (!(raw instanceof Map<?, ?> rule)) {
            throw TemplateException.format("Every Rules member must be an object.");
        }
        for (Object key : rule.keySet()) {
            if (!key.equals("RuleCondition") && !key.equals("Assertions")) {
                throw TemplateException.format("Invalid rule property " + key + " in rule " + name);
            }
        }
        if (rule.containsKey("RuleCondition") && !holds(rule.get("RuleCondition"), name)) {
            return;
        }
        if (!(rule.get("Assertions") instanceof List<?> assertions) || assertions.isEmpty()) {
            throw TemplateException.format("Rule " + name + " must have a non-empty list of Assertions");
        }
        for (Object a : assertions) {
            if (!(a instanceof Map<?, ?> assertion) || !assertion.containsKey("Assert")) {
                throw TemplateException.format("Every assertion of rule " + name + " must be an object with an Assert");
            }
            if (!holds(assertion.get("Assert"), name)) {
                Object description = assertion.get("AssertDescription");
                throw new TemplateException(description != null ? Scalars.text(description)
                        : "Template error: Assertion failed for rule " + name);
            }
        }
    }

    private boolean holds(Object raw, String rule) {
        if (value(raw) instanceof Boolean b) {
            return b;
        }
        throw TemplateException.error("every Assert and RuleCondition of rule " + rule + " must be a rule function that"
                + " answers true or false");
    }

    /** A rule function's value: a Boolean, a string, or a list of strings. */
    private Object value(Object raw) {
        if (raw instanceof List<?> list) {
            return list.stream().map(this::value).toList();
        }
        if (!(raw instanceof Map<?, ?> map) || map.size() != 1) {
            return raw instanceof Map<?, ?> ? evaluator.evaluate(raw) : raw;
        }
        Map.Entry<?, ?> function = map.entrySet().iterator().next();
        Object argument = function.getValue();
        String name = String.valueOf(function.getKey());
        return switch (name) {
            case "Fn::And" -> operands(name, argument).stream().allMatch(Boolean::booleanValue);
            case "Fn::Or" -> operands(name, argument).stream().anyMatch(Boolean::booleanValue);
            case "Fn::Not" -> !operands(name, argument, 1, 1).getFirst();
            case "Fn::Equals" -> {
                List<Object> pair = arguments(name, argument, 2);
                yield text(pair.get(0)).equals(text(pair.get(1)));
            }
            case "Fn::Contains" -> {
                List<Object> pair = arguments(name, argument, 2);
                yield strings(name, pair.get(0)).contains(text(pair.get(1)));
            }
            case "Fn::EachMemberEquals" -> {
                List<Object> pair = arguments(name, argument, 2);
                String expected = text(pair.get(1));
                yield strings(name, pair.get(0)).stream().allMatch(expected::equals);
            }
            case "Fn::EachMemberIn" -> {
                List<Object> pair = arguments(name, argument, 2);
                List<String> allowed = strings(name, pair.get(1));
                yield allowed.containsAll(strings(name, pair.get(0)));
            }
            case "Fn::RefAll" -> refAll(value(argument));
            case "Fn::ValueOf", "Fn::ValueOfAll" -> throw TemplateException.error(name + " is not supported: Slipway does not"
                    + " know the attributes of the AWS resources that parameters name");
            default -> evaluator.evaluate(raw);
        };
    }

    private List<Object> arguments(String function, Object argument, int count) {
        if (!(argument instanceof List<?> list) || list.size() != count) {
            throw TemplateException.error(function + " requires a list argument with " + count + " elements");
        }
        return list.stream().map(this::value).toList();
    }

    private List<Boolean> operands(String function, Object argument) {
        return operands(function, argument, 2, 10);
    }

    private List<Boolean> operands(String function, Object argument, int min, int max) {
        if (!(argument instanceof List<?> list) || list.size() < min || list.size() > max) {
            throw TemplateException.error("every " + function + " object requires a list of at least " + min
                    + " and at most " + max + " boolean parameters.");
        }
        List<Boolean> values = new ArrayList<>(list.size());
        for (Object operand : list) {
            if (!(value(operand) instanceof Boolean b)) {
                throw TemplateException.error(function + " requires boolean operands");
            }
            values.add(b);
        }
        return values;
    }

    private List<String> refAll(Object type) {
        if (!(type instanceof String parameterType)) {
            throw TemplateException.error("Fn::RefAll requires a parameter type");
        }
        List<String> values = new ArrayList<>();
        template.parameters().values().stream().filter(p -> p.type().equals(parameterType)).forEach(p -> {
            String value = parameters.get(p.name());
            if (value != null) {
                values.addAll(p.isList() ? List.of(value.split(",", -1)) : List.of(value));
            }
        });
        return values.stream().map(String::trim).toList();
    }

    private static List<String> strings(String function, Object value) {
        if (!(value instanceof List<?> list)) {
            throw TemplateException.error(function + " requires a list of strings");
        }
        return list.stream().map(Rules::text).toList();
    }

    private static String text(Object value) {
        if (value instanceof List<?> || value instanceof Map<?, ?> || value == null) {
            throw TemplateException.error("a rule function compares strings, not " + value);
        }
        return Scalars.text(value);
    }
}
