package io.slipway.core.codec;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an input document from awsQuery parameters: {@code A.B=x} for nested members,
 * {@code L.member.N} for lists ({@code L.N} when flattened), {@code M.entry.N.key/value} for maps
 * ({@code M.N.key/value} when flattened), and {@code L=} for an empty list. The flat parameter
 * names are first folded into a tree on their dots, so every lookup is one hash probe.
 */
public final class QueryDecoder {
    private QueryDecoder() {
    }

    public static Map<String, Object> decode(Map<String, String> params, Shape input) {
        Node root = new Node();
        params.forEach((k, v) -> root.put(k, v));
        Map<String, Object> out = structure(root, input);
        return out == null ? new LinkedHashMap<>() : out;
    }

    private static Object value(Node node, Member member) {
        Shape shape = member.target();
        return switch (shape.type()) {
            case STRUCTURE -> structure(node, shape);
            case LIST -> list(node, member);
            case MAP -> map(node, member);
            default -> node.value == null ? null : scalar(node.value, shape);
        };
    }

    private static Map<String, Object> structure(Node node, Shape shape) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Member m : shape.members()) {
            Node child = node.children.get(keyName(m));
            if (child != null) {
                Object v = value(child, m);
                if (v != null) {
                    out.put(m.name(), v);
                }
            }
        }
        return out;
    }

    /** The member's key: its queryName (ec2), else for a flattened list the items' name, else its xmlName. */
    private static String keyName(Member m) {
        if (m.queryName() != null) {
            return m.queryName();
        }
        return m.isFlattened() && m.target().listMember() != null ? m.flattenedItemName() : m.xmlName();
    }

    private static List<Object> list(Node node, Member member) {
        Shape shape = member.target();
        Member element = shape.listMember();
        Node items = member.isFlattened() ? node
                : node.children.get(element.locationName() != null ? element.locationName() : "member");
        List<Object> out = new ArrayList<>();
        if (items == null) {
            // "L=" with no members is how awsQuery sends an empty list
            return node.value != null && node.value.isEmpty() ? out : null;
        }
        for (Node item : items.indexed().values()) {
            Object v = value(item, element);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private static Map<String, Object> map(Node node, Member member) {
        Shape shape = member.target();
        Node entries = member.isFlattened() ? node : node.children.get("entry");
        Map<String, Object> out = new LinkedHashMap<>();
        if (entries == null) {
            return node.value != null && node.value.isEmpty() ? out : null;
        }
        String keyName = shape.mapKey().locationName() != null ? shape.mapKey().locationName() : "key";
        String valueName = shape.mapValue().locationName() != null ? shape.mapValue().locationName() : "value";
        for (Node entry : entries.indexed().values()) {
            Node key = entry.children.get(keyName);
            Node value = entry.children.get(valueName);
            if (key != null && key.value != null && value != null) {
                Object v = value(value, shape.mapValue());
                if (v != null) {
                    out.put(key.value, v);
                }
            }
        }
        return out;
    }

    private static Object scalar(String text, Shape shape) {
        try {
            return switch (shape.type()) {
                case STRING -> text;
                case BOOLEAN -> switch (text) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new MalformedInputException("Value '" + text + "' is not a boolean");
                };
                case BYTE, SHORT, INTEGER -> Integer.parseInt(text);
                case LONG -> Long.parseLong(text);
                case BIG_INTEGER -> new BigInteger(text);
                case BIG_DECIMAL -> new BigDecimal(text);
                case DOUBLE, FLOAT -> {
                    double d = switch (text) {
                        case "NaN" -> Double.NaN;
                        case "Infinity" -> Double.POSITIVE_INFINITY;
                        case "-Infinity" -> Double.NEGATIVE_INFINITY;
                        default -> Double.parseDouble(text);
                    };
                    yield shape.type() == io.slipway.model.runtime.ShapeType.FLOAT ? (Object) (float) d : (Object) d;
                }
                case TIMESTAMP -> timestamp(text);
                case BLOB -> Base64.getDecoder().decode(text);
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw new MalformedInputException("Value '" + text + "' is not a valid number");
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException(e.getMessage());
        }
    }

    private static Instant timestamp(String text) {
        Instant t = Timestamps.parse(text);
        if (t == null) {
            try {
                return Timestamps.fromEpochSeconds(new BigDecimal(text));
            } catch (NumberFormatException e) {
                throw new MalformedInputException("Value '" + text + "' is not a valid timestamp");
            }
        }
        return t;
    }

    /** One dotted segment of the parameter names. */
    private static final class Node {
        String value;
        final Map<String, Node> children = new HashMap<>(4);

        void put(String key, String v) {
            Node n = this;
            int start = 0;
            while (true) {
                int dot = key.indexOf('.', start);
                String segment = dot < 0 ? key.substring(start) : key.substring(start, dot);
                n = n.children.computeIfAbsent(segment, s -> new Node());
                if (dot < 0) {
                    break;
                }
                start = dot + 1;
            }
            n.value = v;
        }

        /** Children named 1, 2, 3... in numeric order; other names are not list positions and are ignored. */
        Map<Integer, Node> indexed() {
            Map<Integer, Node> out = new TreeMap<>();
            children.forEach((k, v) -> {
                try {
                    out.put(Integer.parseInt(k), v);
                } catch (NumberFormatException ignored) {
                    // not an index
                }
            });
            return out;
        }
    }
}
