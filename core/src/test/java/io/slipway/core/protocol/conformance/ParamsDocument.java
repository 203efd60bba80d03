package io.slipway.core.protocol.conformance;

import io.slipway.core.codec.Timestamps;
import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import software.amazon.smithy.model.node.ArrayNode;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.node.NumberNode;
import software.amazon.smithy.model.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test case's {@code params} as the document tree the codecs read and write: blobs are given as
 * text, timestamps as epoch seconds, non-finite floats as "NaN"/"Infinity"/"-Infinity".
 *
 * @param keepNullMembers whether a structure member given as null stays as a null entry (an output a
 *                        handler built) or is left out (what a decoder is expected to produce)
 */
record ParamsDocument(boolean keepNullMembers) {

    static Map<String, Object> input(ObjectNode params, Shape shape) {
        return new ParamsDocument(false).structure(params, shape);
    }

    static Map<String, Object> output(ObjectNode params, Shape shape) {
        return new ParamsDocument(true).structure(params, shape);
    }

    Map<String, Object> structure(ObjectNode node, Shape shape) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.getStringMap().forEach((name, value) -> {
            Member m = shape.member(name);
            if (m == null) {
                throw new IllegalArgumentException(shape.name() + " has no member " + name);
            }
            if (!value.isNullNode() || keepNullMembers) {
                out.put(name, value(value, m.target()));
            }
        });
        return out;
    }

    private Object value(Node node, Shape shape) {
        if (node.isNullNode()) {
            return null;
        }
        return switch (shape.type()) {
            case STRUCTURE -> structure(node.expectObjectNode(), shape);
            case LIST -> {
                List<Object> out = new ArrayList<>();
                for (Node item : node.expectArrayNode().getElements()) {
                    out.add(value(item, shape.listMember().target()));
                }
                yield out;
            }
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                node.expectObjectNode().getStringMap().forEach((k, v) -> out.put(k, value(v, shape.mapValue().target())));
                yield out;
            }
            case STRING -> node.expectStringNode().getValue();
            case BOOLEAN -> node.expectBooleanNode().getValue();
            case BYTE, SHORT, INTEGER -> node.expectNumberNode().getValue().intValue();
            case LONG -> node.expectNumberNode().getValue().longValue();
            case FLOAT -> (float) floating(node);
            case DOUBLE -> floating(node);
            case BIG_INTEGER -> new BigInteger(node.expectNumberNode().getValue().toString());
            case BIG_DECIMAL -> decimal(node.expectNumberNode());
            case TIMESTAMP -> node.isNumberNode() ? Timestamps.fromEpochSeconds(decimal(node.expectNumberNode()))
                    : Instant.parse(node.expectStringNode().getValue());
            case BLOB -> node.expectStringNode().getValue().getBytes(StandardCharsets.UTF_8);
            case DOCUMENT -> document(node);
        };
    }

    private static double floating(Node node) {
        if (node.isStringNode()) {
            return switch (node.expectStringNode().getValue()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("Not a float: " + node);
            };
        }
        return node.expectNumberNode().getValue().doubleValue();
    }

    private static BigDecimal decimal(NumberNode n) {
        return n.asBigDecimal().orElseThrow();
    }

    /** A document's value as the JSON codec reads one: Integer or Long when whole, else Double. */
    private static Object document(Node node) {
        return switch (node.getType()) {
            case OBJECT -> {
                Map<String, Object> out = new LinkedHashMap<>();
                ((ObjectNode) node).getStringMap().forEach((k, v) -> out.put(k, document(v)));
                yield out;
            }
            case ARRAY -> ((ArrayNode) node).getElements().stream().map(ParamsDocument::document).toList();
            case STRING -> node.expectStringNode().getValue();
            case BOOLEAN -> node.expectBooleanNode().getValue();
            case NUMBER -> {
                Number n = node.expectNumberNode().getValue();
                if (node.expectNumberNode().isFloatingPointNumber()) {
                    yield n.doubleValue();
                }
                long l = n.longValue();
                yield l == (int) l ? (Object) (int) l : (Object) l;
            }
            case NULL -> null;
        };
    }
}
