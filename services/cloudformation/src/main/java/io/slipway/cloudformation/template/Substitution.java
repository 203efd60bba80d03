package io.slipway.cloudformation.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * The text of a Fn::Sub split into literal text and ${Name} variables. {@code ${!Name}} is the
 * escape for a literal {@code ${Name}}, so shell snippets in user data survive.
 */
final class Substitution {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:]+");

    /** One piece of the text. */
    sealed interface Part permits Literal, Variable {
    }

    record Literal(String text) implements Part {
    }

    record Variable(String name) implements Part {
    }

    private Substitution() {
    }

    static List<Part> parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("${", at);
            int close = open < 0 ? -1 : text.indexOf('}', open + 2);
            if (close < 0) {
                literal.append(text, at, text.length());
                break;
            }
            literal.append(text, at, open);
            String name = text.substring(open + 2, close);
            if (name.startsWith("!")) {
                literal.append("${").append(name, 1, name.length()).append('}');
            } else {
                if (!NAME.matcher(name).matches()) {
                    throw TemplateException.error("variable names in Fn::Sub syntax must contain only alphanumeric"
                            + " characters, underscores, periods, and colons");
                }
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Variable(name));
            }
            at = close + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return parts;
    }

    /** The text and the variable map of a Fn::Sub argument, in either of its two forms. */
    record Arguments(Object text, Map<?, ?> variables) {

        static Arguments of(Object argument) {
            if (argument instanceof String) {
                return new Arguments(argument, Map.of());
            }
            if (argument instanceof List<?> list && list.size() == 2 && list.get(1) instanceof Map<?, ?> variables) {
                return new Arguments(list.get(0), variables);
            }
            throw malformed();
        }
    }

    static TemplateException malformed() {
        return TemplateException.error("One or more Fn::Sub intrinsic functions don't specify expected arguments."
                + " Specify a string as first argument, and an optional second argument to specify a mapping of"
                + " values to replace in the string");
    }

    /**
     * Substitutes every variable with the text {@code value} answers for it; {@code charge} is told the
     * length of each piece before it is appended, so it can stop a result that grows too large.
     */
    static String substitute(String text, Function<String, Object> value, LongConsumer charge) {
        StringBuilder result = new StringBuilder();
        for (Part part : parse(text)) {
            String piece = switch (part) {
                case Literal l -> l.text();
                case Variable v -> {
                    Object resolved = value.apply(v.name());
                    if (!Scalars.isScalar(resolved)) {
                        throw TemplateException.error("variable " + v.name() + " in Fn::Sub expression does not resolve to a string");
                    }
                    yield Scalars.text(resolved);
                }
            };
            charge.accept(piece.length());
            result.append(piece);
        }
        return result.toString();
    }
}
