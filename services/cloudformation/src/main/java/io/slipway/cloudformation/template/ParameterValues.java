package io.slipway.cloudformation.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The values a stack operation runs with: what the caller passed, what it kept from the stack's
 * previous values, and the template's defaults, each checked against its parameter's constraints in
 * CloudFormation's words.
 */
public final class ParameterValues {

    private ParameterValues() {
    }

    /**
     * Answers name -&gt; value for every declared parameter (list types keep their comma-separated text).
     *
     * @param given       values the caller passed
     * @param previous    the stack's current values, for UsePreviousValue
     * @param usePrevious names whose previous value is kept
     * @throws TemplateException with CloudFormation's message when a value is missing, unknown or invalid
     */
    public static Map<String, String> resolve(Template t, Map<String, String> given, Map<String, String> previous,
                                              Set<String> usePrevious) {
        List<String> unknown = new ArrayList<>();
        given.keySet().stream().filter(n -> !t.parameters().containsKey(n)).forEach(unknown::add);
        usePrevious.stream().filter(n -> !t.parameters().containsKey(n) && !unknown.contains(n)).sorted().forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw new TemplateException("Parameters: " + unknown + " do not exist in the template");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Parameter p : t.parameters().values()) {
            String value = given.containsKey(p.name()) ? given.get(p.name())
                    : usePrevious.contains(p.name()) ? previous(p.name(), previous)
                    : p.defaultValue().orElse(null);
            if (value == null) {
                missing.add(p.name());
            } else {
                values.put(p.name(), value);
            }
        }
        if (!missing.isEmpty()) {
            throw new TemplateException("Parameters: " + missing + " must have values");
        }
        t.parameters().values().forEach(p -> check(p, values.get(p.name())));
        return values;
    }

    private static String previous(String name, Map<String, String> previous) {
        String value = previous.get(name);
        if (value == null) {
            throw new TemplateException("Invalid input for parameter key " + name
                    + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
        }
        return value;
    }

    /** Checks one value; list types check each element against the element constraints. */
    static void check(Parameter p, String value) {
        List<String> elements = p.isList() ? split(value) : List.of(value);
        boolean numeric = p.type().equals("Number") || p.type().equals("List<Number>");
        for (String element : elements) {
            if (numeric && !isNumber(element)) {
                throw invalid(p, p.isList() ? "must be a number list" : "must be a number");
            }
            if (!p.allowedValues().isEmpty() && !p.allowedValues().contains(element)) {
                throw invalid(p, "must be one of AllowedValues");
            }
            if (numeric) {
                BigDecimal number = new BigDecimal(element.strip());
                p.minValue().filter(min -> number.compareTo(min) < 0).ifPresent(min -> {
                    throw invalid(p, "must be a number not less than " + min.toPlainString());
                });
                p.maxValue().filter(max -> number.compareTo(max) > 0).ifPresent(max -> {
                    throw invalid(p, "must be a number not greater than " + max.toPlainString());
                });
            }
        }
        if (!numeric) {
            checkText(p, value);
        }
    }

    private static void checkText(Parameter p, String value) {
        if (p.minLength().isPresent() && value.length() < p.minLength().getAsInt()) {
            throw invalid(p, "must contain at least " + p.minLength().getAsInt() + " characters");
        }
        if (p.maxLength().isPresent() && value.length() > p.maxLength().getAsInt()) {
            throw invalid(p, "must contain at most " + p.maxLength().getAsInt() + " characters");
        }
        if (p.allowedPattern().isPresent() && !matches(p, p.allowedPattern().get(), value)) {
            throw invalid(p, "must match pattern " + p.allowedPattern().get());
        }
    }

    private static boolean matches(Parameter p, String pattern, String value) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw TemplateException.format("Parameter '" + p.name() + "' AllowedPattern " + pattern + " is not a valid pattern");
        }
        try {
            return compiled.matcher(new BoundedText(value)).matches();
        } catch (BoundedText.Exhausted e) {
            throw new TemplateException("Parameter '" + p.name() + "' AllowedPattern " + pattern
                    + " takes too long to match the value");
        }
    }

    /**
     * A value that stops a pattern which backtracks without end ({@code (.*a){20}} against a few dozen
     * characters runs for hours): every character the matcher reads counts, and a sane pattern reads
     * each of a 4 KB value a few times at most.
     */
    private static final class BoundedText implements CharSequence {
        private static final int READS = 2_000_000;

        /** The matcher read more than it may. */
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final int[] reads;

        BoundedText(String text) {
            this(text, new int[1]);
        }

        private BoundedText(String text, int[] reads) {
            this.text = text;
            this.reads = reads;
        }

        @Override
        public char charAt(int index) {
            if (++reads[0] > READS) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BoundedText(text.substring(start, end), reads);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static TemplateException invalid(Parameter p, String detail) {
        return new TemplateException("Parameter '" + p.name() + "' " + p.constraintDescription().orElse(detail));
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A list parameter's elements: CloudFormation splits on commas and keeps empty elements. */
    static List<String> split(String value) {
        return Arrays.asList(value.split(",", -1));
    }
}
