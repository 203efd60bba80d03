package io.slipway.it.fuzz;

import io.slipway.model.runtime.Member;
import io.slipway.model.runtime.Shape;
import io.slipway.model.runtime.ShapeType;

import java.util.List;
import java.util.Map;

/** Writes a document as restXml does (S3's request payloads), element names from the model. */
final class XmlBodies {
    private static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private XmlBodies() {
    }

    static String write(Member payload, Object value) {
        Shape shape = payload.target();
        String root = payload.locationName() != null ? payload.locationName()
                : shape.xmlName() != null ? shape.xmlName() : shape.name();
        StringBuilder out = new StringBuilder();
        out.append('<').append(root).append(" xmlns=\"").append(S3_NAMESPACE).append("\">");
        children(out, shape, value);
        out.append("</").append(root).append('>');
        return out.toString();
    }

    private static void children(StringBuilder out, Shape shape, Object value) {
        ShapeType type = shape == null ? null : shape.type();
        switch (value) {
            case null -> { }
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    Member m = type == ShapeType.STRUCTURE ? shape.member(key) : null;
                    element(out, m == null ? key : m.locationName() != null ? m.locationName() : m.name(),
                            m == null ? null : m.target(), e.getValue(), m != null && m.isFlattened());
                }
            }
            case List<?> list -> {
                Member element = type == ShapeType.LIST ? shape.listMember() : null;
                String name = element != null && element.locationName() != null ? element.locationName() : "member";
                for (Object o : list) {
                    element(out, name, element == null ? null : element.target(), o, false);
                }
            }
            default -> out.append(escape(FuzzCase.text(value)));
        }
    }

    private static void element(StringBuilder out, String name, Shape shape, Object value, boolean flattened) {
        if (flattened && value instanceof List<?> list && shape != null && shape.type() == ShapeType.LIST) {
            for (Object o : list) {
                element(out, name, shape.listMember().target(), o, false);
            }
            return;
        }
        out.append('<').append(name).append('>');
        children(out, shape, value);
        out.append("</").append(name).append('>');
    }


    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
