package io.slipway.cloudformation.template;

import java.math.BigDecimal;

/**
 * Template scalars as text. CloudFormation passes every parameter, Ref and Sub value as a string, so a
 * number written {@code 10.50} must stay "10.50", not become "10.5" or "1.05E+1".
 */
final class Scalars {

    private Scalars() {
    }

    static String text(Object value) {
        return switch (value) {
            case String s -> s;
            case BigDecimal d -> d.toPlainString();
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            default -> throw new IllegalArgumentException("not a scalar: " + value);
        };
    }

    /**
     * A number read from a template, refused when written out in full it would have more than
     * {@link Quotas#NUMBER_DIGITS} digits: {@code 1e999999999} is eleven characters, but as text it
     * would be a billion.
     */
    static BigDecimal bounded(BigDecimal number, String written) {
        if (number.precision() + Math.abs((long) number.scale()) > Quotas.NUMBER_DIGITS) {
            throw TemplateException.format("the number " + written + " has more than " + Quotas.NUMBER_DIGITS + " digits");
        }
        return number;
    }

    static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
