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

    static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
