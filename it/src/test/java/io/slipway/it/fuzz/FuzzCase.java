package io.slipway.it.fuzz;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One bad request to make of an operation: an input document (usually the valid one with one
 * member broken) and what to do to the encoded request afterwards (break its body, path or headers).
 */
record FuzzCase(String label, Map<String, Object> document, UnaryOperator<WireRequest> onWire) {

    static FuzzCase ofDocument(String label, Map<String, Object> document) {
        return new FuzzCase(label, document, r -> r);
    }

    static FuzzCase onWire(String label, Map<String, Object> document, UnaryOperator<WireRequest> change) {
        return new FuzzCase(label, document, change);
    }

    /** A value the encoders put on the wire verbatim (JSON text, a form value, an XML fragment). */
    record Raw(String text) {
    }

    /** An explicit null where a value belongs. */
    enum Null { VALUE }

    /** A value as text on the wire (a form value, an XML element, a URI label or a header). */
    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case Null n -> "";
            case Raw raw -> raw.text();
            case java.time.Instant t -> t.toString();
            case byte[] bytes -> java.util.Base64.getEncoder().encodeToString(bytes);
            case java.util.List<?> list -> list.isEmpty() ? "" : text(list.getFirst());
            default -> String.valueOf(value);
        };
    }
}
