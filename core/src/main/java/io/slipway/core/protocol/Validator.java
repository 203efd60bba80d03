package io.slipway.core.protocol;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a decoded input against the model's constraints (required, length, range, pattern, enum)
 * and reports every violation in AWS's wording.
 */
public final class Validator {
    private Validator() {
    }

    /** The violations of an operation's input; an operation without input (null shape) has none. */
    public static List<Violation> validate(Shape shape, Map<String, Object> input) {
        List<Violation> out = new ArrayList<>(0);
        if (shape != null) {
            structure(shape, input, "", null, out);
        }
        return out;
    }

    /** AWS's summary line: "1 validation error detected: ..." or "2 validation errors detected: ...; ...". */
    public static String message(List<Violation> violations) {
        StringBuilder sb = new StringBuilder().append(violations.size())
                .append(violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
        for (int i = 0; i < violations.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(violations.get(i).message());
        }
        return sb.toString();
    }

    private static void structure(Shape shape, Map<?, ?> doc, String prefix, String top, List<Violation> out) {
        int present = 0;
        for (Member m : shape.members()) {
            String path = prefix + lowerFirst(m.name());
            String topMember = top == null ? m.name() : top;
            Object v = doc.get(m.name());
            if (v == null) {
                if (m.isRequired()) {
                    out.add(new Violation(path, topMember, Violation.Kind.REQUIRED, "null", "Member must not be null"));
                }
                continue;
            }
            present++;
            value(m.target(), v, path, topMember, out);
        }
        if (shape.isUnion() && present != 1) {
            out.add(new Violation(prefix.isEmpty() ? shape.name() : prefix.substring(0, prefix.length() - 1),
                    top == null ? shape.name() : top, Violation.Kind.UNION, "null",
                    "Member must have exactly one member set"));
        }
    }

    private static void value(Shape shape, Object v, String path, String top, List<Violation> out) {
        switch (shape.type()) {
            case STRUCTURE -> structure(shape, (Map<?, ?>) v, path + ".", top, out);
            case LIST -> {
                List<?> list = (List<?>) v;
                size(shape, list.size(), v, path, top, out);
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) != null) {
                        value(shape.listMember().target(), list.get(i), path + "." + (i + 1) + ".member", top, out);
                    }
                }
            }
            case MAP -> {
                Map<?, ?> map = (Map<?, ?>) v;
                size(shape, map.size(), v, path, top, out);
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    value(shape.mapKey().target(), e.getKey(), path + ".key", top, out);
                    if (e.getValue() != null) {
                        value(shape.mapValue().target(), e.getValue(), path + "." + e.getKey() + ".value", top, out);
                    }
                }
            }
            case STRING -> string(shape, (String) v, path, top, out);
            case BLOB -> size(shape, ((byte[]) v).length, "<binary>", path, top, out);
            case BYTE, SHORT, INTEGER, LONG, DOUBLE, FLOAT, BIG_INTEGER, BIG_DECIMAL -> number(shape, (Number) v, path, top, out);
            default -> {
            }
        }
    }

    private static void string(Shape shape, String s, String path, String top, List<Violation> out) {
        if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(s)) {
            out.add(new Violation(path, top, Violation.Kind.ENUM, quote(s),
                    "Member must satisfy enum value set: " + shape.enumValues().toString()));
            return;
        }
        if (shape.minLength() != null || shape.maxLength() != null) {
            size(shape, s.codePointCount(0, s.length()), s, path, top, out);
        }
        if (shape.pattern() != null && !shape.compiledPattern().matcher(s).matches()) {
            out.add(new Violation(path, top, Violation.Kind.PATTERN, quote(s),
                    "Member must satisfy regular expression pattern: " + shape.pattern()));
        } else if (s.indexOf('\0') >= 0) {
            // Slipway's own rule, on every store alike: PostgreSQL cannot hold U+0000 in text (UNVERIFIED wording)
            out.add(new Violation(path, top, Violation.Kind.PATTERN, quote(s), "Member must not contain the character U+0000"));
        }
    }

    private static void size(Shape shape, long size, Object v, String path, String top, List<Violation> out) {
        if (shape.minLength() != null && size < shape.minLength()) {
            out.add(new Violation(path, top, Violation.Kind.LENGTH, quote(v),
                    "Member must have length greater than or equal to " + shape.minLength()));
        } else if (shape.maxLength() != null && size > shape.maxLength()) {
            out.add(new Violation(path, top, Violation.Kind.LENGTH, quote(v),
                    "Member must have length less than or equal to " + shape.maxLength()));
        }
    }

    private static void number(Shape shape, Number n, String path, String top, List<Violation> out) {
        // an intEnum (Smithy) lists its values as text, like a string enum
        if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(n.toString())) {
            out.add(new Violation(path, top, Violation.Kind.ENUM, quote(n),
                    "Member must satisfy enum value set: " + shape.enumValues().toString()));
            return;
        }
        double d = n.doubleValue();
        if (shape.minValue() != null && d < shape.minValue()) {
            out.add(new Violation(path, top, Violation.Kind.RANGE, quote(n),
                    "Member must have value greater than or equal to " + plain(shape.minValue())));
        } else if (shape.maxValue() != null && d > shape.maxValue()) {
            out.add(new Violation(path, top, Violation.Kind.RANGE, quote(n),
                    "Member must have value less than or equal to " + plain(shape.maxValue())));
        }
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** The value as messages echo it; control characters XML 1.0 cannot carry (awsQuery's envelope) become U+FFFD. */
    private static String quote(Object v) {
        String text = String.valueOf(v);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                StringBuilder clean = new StringBuilder(text.length());
                text.chars().forEach(ch -> clean.append(ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' ? '\uFFFD' : (char) ch));
                return "'" + clean + "'";
            }
        }
        return "'" + text + "'";
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || Character.isLowerCase(s.charAt(0)) ? s
                : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
